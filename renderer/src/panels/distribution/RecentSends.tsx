import type { DistributionMessageView } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';
import { TableHead } from '../TableHead';
import { channelTitles } from './channelTitles';

const stateClass: Record<DistributionMessageView['state'], string> = { queued: 'muted', sending: 'warn-text', sent: 'up', failed: 'down', dryRun: 'warn-text' };
const stateText: Record<DistributionMessageView['state'], string> = { queued: 'queued', sending: 'sending', sent: 'sent', failed: 'failed', dryRun: 'dry-run' };

/** The newest messages: when, where, what, their state and attempts, the channel's id or the error, the text sent. */
export function RecentSends({ messages }: { messages: readonly DistributionMessageView[] }) {
  if (messages.length === 0) return <p className="empty">Nothing sent yet.</p>;
  return (
    <table className="grid-table compact" aria-label="Recent sends">
      <TableHead columns={['Time', 'Channel', 'Kind', 'State', 'Text', 'Attempts', 'Id / error']} left={5} />
      <tbody>
        {messages.map((m) => (
          <tr key={m.key} data-testid="distribution-send" data-channel={m.channel} data-kind={m.kind} data-state={m.state}>
            <td className="num muted" title={m.state === 'queued' ? `due ${formatMarketTime(m.dueAt)}` : undefined}>
              {formatMarketTime(m.sentAt ?? m.createdAt)}
            </td>
            <td>{channelTitles[m.channel]}</td>
            <td>{m.kind}</td>
            <td className={stateClass[m.state]} data-testid="distribution-send-state">
              {stateText[m.state]}
            </td>
            <td className="distribution-cell-text" title={m.text}>
              {m.text}
            </td>
            <td className="num right">{m.attempts}</td>
            <td className={m.error ? 'down' : 'muted'} data-testid="distribution-send-outcome">
              {m.error ?? m.remoteId ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
