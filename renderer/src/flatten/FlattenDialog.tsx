import { ReasonDialog } from '../dialogs/ReasonDialog';

/** Flatten all's confirmation: what it will do and how many positions it closes. */
export function FlattenDialog({ positions, ...dialog }: { open: boolean; positions: number; busy: boolean; error: string | null; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const what = positions === 0 ? 'No position is open: only working orders would be cancelled.' : `${positions} position${positions === 1 ? '' : 's'} will be closed.`;
  return (
    <ReasonDialog
      {...dialog}
      name="flatten"
      title="Flatten all positions?"
      confirmLabel={positions === 0 ? 'Flatten all' : `Flatten ${positions} position${positions === 1 ? '' : 's'}`}
      confirmClass="btn btn-flatten"
    >
      <p className="strong" data-testid="flatten-dialog-count">
        {what}
      </p>
      <p>Trading goes REDUCING, this engine’s working orders are cancelled, and a closing order is sent for every position through the risk checks.</p>
    </ReasonDialog>
  );
}
