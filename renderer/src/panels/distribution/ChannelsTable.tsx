import { useState } from 'react';
import type { DistributionChannelView } from '../../../../core/contract/contract';
import { useEngineClient } from '../../engine/engineContext';
import { TableHead } from '../TableHead';
import { ChannelModeSwitch } from './ChannelModeSwitch';
import { channelTitles } from './channelTitles';

/** off, dry-run (renders, sends nothing), live, or why it cannot send. */
export function channelMode(c: DistributionChannelView): { text: string; className: string } {
  if (!c.enabled) return { text: 'off', className: 'muted' };
  if (c.dryRun) return { text: 'dry-run', className: 'warn-text' };
  if (!c.configured) return { text: `cannot send: ${c.problem ?? 'not configured'}`, className: 'down' };
  return { text: 'live', className: 'up' };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ChannelsTable({ channels }: { channels: readonly DistributionChannelView[] }) {
  return (
    <table className="grid-table compact" aria-label="Channels">
      <TableHead columns={['Channel', 'Mode', 'Switch', 'Events', 'Delay', 'Queued', 'Sent', 'Failed', '']} left={4} />
      <tbody>
        {channels.map((c) => (
          <ChannelRow key={c.name} channel={c} />
        ))}
      </tbody>
    </table>
  );
}

function ChannelRow({ channel: c }: { channel: DistributionChannelView }) {
  const client = useEngineClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode = channelMode(c);
  const testSend = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.call('testSendDistribution', { channel: c.name });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid={`distribution-channel-${c.name}`} data-mode={mode.text} className={c.enabled ? '' : 'muted'}>
      <td className="strong">{channelTitles[c.name]}</td>
      <td className={mode.className} data-testid="distribution-channel-mode">
        {mode.text}
      </td>
      <td>
        <ChannelModeSwitch channel={c} />
      </td>
      <td>{c.events.join(', ') || '—'}</td>
      <td className="num right">{c.delaySeconds > 0 ? `${c.delaySeconds} s` : '—'}</td>
      <td className="num right">{c.queued}</td>
      <td className="num right">{c.sent}</td>
      <td className={`num right ${c.failed > 0 ? 'down' : ''}`}>{c.failed}</td>
      <td className="right">
        <button type="button" className="btn" data-testid={`distribution-test-${c.name}`} disabled={!c.enabled || busy} onClick={() => void testSend()}
          title={c.enabled ? (c.dryRun ? 'Queue a test message: dry-run records it without sending' : 'Send a test message now') : 'Switched off'}>
          Test send
        </button>
        {error && (
          <span className="ticket-error" role="alert" data-testid={`distribution-test-error-${c.name}`}>
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}
