import type { BreakerView } from '../../../../core/contract/contract';
import { ReasonDialog, useReasonDialog } from '../../dialogs/ReasonDialog';
import { useEngineClient } from '../../engine/engineContext';

export interface ResetTarget {
  name: 'connection' | 'staleData';
  /** One blocked symbol of the stale-data breaker; none: every one. */
  symbol?: string;
  /** What stops a reset now (still disconnected, quote still stale); null: it may be reset. */
  condition: string | null;
}

/** The latched breakers (connection, stale data) a person resets once their cause has cleared. */
export const resettable = (breaker: BreakerView): breaker is BreakerView & { name: ResetTarget['name'] } =>
  breaker.tripped && (breaker.name === 'connection' || breaker.name === 'staleData');

/** Reset…: a confirmed `resetBreaker` with a reason; disabled, with the cause as its tooltip, while the cause holds. */
export function ResetBreakerButton({ target }: { target: ResetTarget }) {
  const client = useEngineClient();
  const reset = useReasonDialog((reason) => client.call('resetBreaker', { name: target.name, ...(target.symbol ? { symbol: target.symbol } : {}), confirmed: true, reason }));
  const what = target.name === 'connection' ? 'the connection breaker' : target.symbol ? `the stale-data block on ${target.symbol}` : 'every stale-data block';

  return (
    <>
      <button
        type="button"
        className="btn btn-mini"
        data-testid={`reset-${target.name}${target.symbol ? `-${target.symbol}` : ''}`}
        disabled={target.condition !== null || reset.busy}
        title={target.condition ?? `Reset ${what} (asks for confirmation)`}
        onClick={reset.ask}
      >
        Reset…
      </button>
      <ReasonDialog {...reset.dialog} name="reset-breaker" title={`Reset ${what}?`} confirmLabel="Reset">
        <p>New orders{target.symbol ? ` for ${target.symbol}` : ''} are allowed again once it is reset. Its cause has cleared; check the positions and orders first.</p>
      </ReasonDialog>
    </>
  );
}
