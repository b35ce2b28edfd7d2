import { ReasonDialog } from '../dialogs/ReasonDialog';
import { useEngineClient } from '../engine/engineContext';
import { formatMarketTimestamp } from '../format/marketTime';
import { useKillSwitchStore } from '../stores/killSwitchStore';
import { useTradingStateStore } from '../stores/tradingStateStore';
import { cancelRelease, confirmRelease } from './killSwitchActions';

const consequences = {
  ACTIVE: 'New orders will be allowed again, subject to the usual risk checks.',
  REDUCING: 'Only orders that reduce exposure will be allowed.',
  HALTED: '',
};

/** Leaving HALTED (or REDUCING) needs a person's confirmed action with a reason; cancelling changes nothing. */
export function ReleaseDialog() {
  const client = useEngineClient();
  const target = useKillSwitchStore((s) => s.releaseTarget);
  const pending = useKillSwitchStore((s) => s.pending);
  const error = useKillSwitchStore((s) => s.error);
  const current = useTradingStateStore((s) => s.current);

  return (
    <ReasonDialog
      open={target !== null}
      name="release"
      title={`Leave ${current?.state ?? 'the current state'} for ${target ?? ''}?`}
      confirmLabel={`Confirm ${target ?? ''}`}
      confirmClass="btn btn-confirm"
      cancelLabel={`Cancel — stay ${current?.state ?? ''}`}
      busy={pending !== null}
      error={error}
      onConfirm={(reason) => void confirmRelease(client, reason)}
      onCancel={cancelRelease}
    >
      {current && (
        <p className="muted" data-testid="release-dialog-current">
          {current.state} since {formatMarketTimestamp(current.changedAt)} by {current.changedBy}: “{current.reason}”
        </p>
      )}
      {target && <p>{consequences[target]}</p>}
    </ReasonDialog>
  );
}
