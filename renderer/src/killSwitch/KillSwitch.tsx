import type { TradingStateName } from '../../../core/contract/contract';
import { useEngineClient } from '../engine/engineContext';
import { useKillSwitchStore } from '../stores/killSwitchStore';
import { useTradingStateStore } from '../stores/tradingStateStore';
import { haltTrading, requestTradingState } from './killSwitchActions';
import { HALT_HOTKEYS, HALT_HOTKEY_LABEL } from './useKillSwitchHotkey';

const stateIcons: Record<TradingStateName, string> = { ACTIVE: '▶', REDUCING: '▼', HALTED: '■' };

/** Always in the header: the trading state, HALT (one click), REDUCE ONLY and RESUME (confirmed in a dialog). */
export function KillSwitch() {
  const client = useEngineClient();
  const current = useTradingStateStore((s) => s.current);
  const pending = useKillSwitchStore((s) => s.pending);
  const error = useKillSwitchStore((s) => s.error);
  const dialogOpen = useKillSwitchStore((s) => s.releaseTarget !== null);
  const state = current?.state;

  return (
    <section className="kill-switch" aria-label="Kill switch" data-testid="kill-switch">
      <span
        className={`trading-state state-${state ?? 'unknown'}`}
        data-testid="trading-state"
        data-state={state ?? 'UNKNOWN'}
        role="status"
        aria-label={`Trading state: ${state ?? 'unknown'}${current && !current.persisted ? ' (not yet recorded)' : ''}`}
      >
        <span aria-hidden="true">{state ? stateIcons[state] : '?'}</span> {state ?? 'UNKNOWN'}
        {current && !current.persisted && <span title="Enforced, not yet written to Redis"> *</span>}
      </span>
      <button
        type="button"
        className="btn btn-halt"
        data-testid="halt-button"
        aria-keyshortcuts={HALT_HOTKEYS}
        title={`Halt all trading now (${HALT_HOTKEY_LABEL})`}
        disabled={state === 'HALTED' || pending === 'HALTED'}
        onClick={() => void haltTrading(client, 'button')}
      >
        HALT <kbd>{HALT_HOTKEY_LABEL}</kbd>
      </button>
      <button
        type="button"
        className="btn btn-reduce"
        data-testid="reduce-button"
        title={state === 'HALTED' ? 'Leave HALTED for REDUCING (asks for confirmation)' : 'Allow only exposure-reducing orders'}
        disabled={state === 'REDUCING' || pending !== null || dialogOpen}
        onClick={() => void requestTradingState(client, 'REDUCING')}
      >
        Reduce only{state === 'HALTED' ? '…' : ''}
      </button>
      <button
        type="button"
        className="btn btn-resume"
        data-testid="resume-button"
        title="Return to ACTIVE trading (asks for confirmation)"
        disabled={state === 'ACTIVE' || state === undefined || pending !== null || dialogOpen}
        onClick={() => void requestTradingState(client, 'ACTIVE')}
      >
        Resume…
      </button>
      {error && !dialogOpen && (
        <span className="kill-switch-error" role="alert" data-testid="kill-switch-error" title={error}>
          {error}
        </span>
      )}
    </section>
  );
}
