import { useState } from 'react';
import type { StrategyView } from '../../../../core/contract/proposalView';
import { ReasonDialog, useReasonDialog } from '../../dialogs/ReasonDialog';
import { useEngineClient } from '../../engine/engineContext';
import { proposalErrorText } from '../approvals/proposalActions';
import { strategyTitles } from '../approvals/proposalFormat';

type Mode = StrategyView['automation'];
const modeNames: Record<Mode, string> = { manual: 'manual', auto: 'auto', off: 'off' };
const modes: readonly Mode[] = ['manual', 'auto', 'off'];

/**
 * A strategy's automation mode. Every switch asks for a reason (it is audited); switching to auto also says what
 * the engine will then do on its own, and sends `confirmed: true` only from that dialog.
 */
export function AutomationSwitch({ strategy }: { strategy: StrategyView }) {
  const client = useEngineClient();
  const [target, setTarget] = useState<Mode | null>(null);
  const change = useReasonDialog(async (reason) => {
    if (!target) return;
    try {
      await client.call('setStrategyAutomation', { strategy: strategy.name, mode: target, confirmed: target === 'auto', reason });
    } catch (error) {
      throw new Error(proposalErrorText(error), { cause: error });
    }
  });
  const title = strategyTitles[strategy.name];

  return (
    <>
      <span className="segmented" role="group" aria-label={`Automation of ${title}`} data-testid={`automation-${strategy.name}`} data-mode={strategy.automation}>
        {modes.map((mode) => (
          <button
            key={mode}
            type="button"
            className={strategy.automation === mode ? 'on' : ''}
            aria-pressed={strategy.automation === mode}
            disabled={change.busy}
            onClick={() => {
              if (mode === strategy.automation) return;
              setTarget(mode);
              change.ask();
            }}
          >
            {modeNames[mode]}
          </button>
        ))}
      </span>
      <ReasonDialog {...change.dialog} name={`automation-${strategy.name}`} title={`Switch ${title} to ${target ?? ''}?`} confirmLabel={target === 'auto' ? 'Switch to auto' : 'Switch'}>
        {target === 'auto' ? (
          <p>
            The engine will approve {title}’s proposals itself — only while trading is ACTIVE and risk’s approval mode is auto, when the pre-check passed, up to{' '}
            {strategy.maxQuantity} per order and {strategy.maxOrdersPerHour} orders an hour. Config.yaml decides the mode again at the next start.
          </p>
        ) : target === 'off' ? (
          <p>{title} stops looking at the market: no proposals until it is switched back.</p>
        ) : (
          <p>Every {title} proposal waits in the approval queue for you.</p>
        )}
      </ReasonDialog>
    </>
  );
}
