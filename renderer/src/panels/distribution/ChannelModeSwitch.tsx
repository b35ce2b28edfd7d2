import { useState } from 'react';
import type { ChannelMode, DistributionChannelView } from '../../../../core/contract/contract';
import { ReasonDialog, useReasonDialog } from '../../dialogs/ReasonDialog';
import { useEngineClient } from '../../engine/engineContext';
import { channelTitles } from './channelTitles';

const modes: readonly ChannelMode[] = ['off', 'dryRun', 'live'];
const modeNames: Record<ChannelMode, string> = { off: 'off', dryRun: 'dry-run', live: 'live' };
const modeOf = (c: DistributionChannelView): ChannelMode => (!c.enabled ? 'off' : c.dryRun ? 'dryRun' : 'live');

/**
 * A channel's mode for this run: off, dry-run or live. Every switch asks for a reason (it is audited); going live
 * says that messages will be sent for real and sends `confirmed: true` only from that dialog.
 */
export function ChannelModeSwitch({ channel }: { channel: DistributionChannelView }) {
  const client = useEngineClient();
  const [target, setTarget] = useState<ChannelMode | null>(null);
  const change = useReasonDialog(async (reason) => {
    if (target) await client.call('setDistributionChannel', { channel: channel.name, mode: target, confirmed: target === 'live', reason });
  });
  const current = modeOf(channel);
  const title = channelTitles[channel.name];
  return (
    <>
      <span className="segmented" role="group" aria-label={`Mode of ${title}`} data-testid={`distribution-switch-${channel.name}`} data-mode={current}>
        {modes.map((mode) => (
          <button key={mode} type="button" className={current === mode ? 'on' : ''} aria-pressed={current === mode} disabled={change.busy}
            onClick={() => {
              if (mode === current) return;
              setTarget(mode);
              change.ask();
            }}>
            {modeNames[mode]}
          </button>
        ))}
      </span>
      <ReasonDialog {...change.dialog} name={`distribution-${channel.name}`} title={`Switch ${title} to ${target ? modeNames[target] : ''}?`} confirmLabel={target === 'live' ? 'Go live' : 'Switch'}>
        {target === 'live' ? (
          <p>{title} will post {channel.events.join(', ') || 'test messages'} for real{channel.configured ? '' : ` — but it cannot send: ${channel.problem}`}. Config.yaml decides the mode again at the next start.</p>
        ) : target === 'dryRun' ? (
          <p>{title}’s messages are rendered and shown under Recent sends, never sent.</p>
        ) : (
          <p>{title} gets no new messages; those already queued still go.</p>
        )}
      </ReasonDialog>
    </>
  );
}
