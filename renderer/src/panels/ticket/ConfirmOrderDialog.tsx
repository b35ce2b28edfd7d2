import { useEffect, useRef } from 'react';
import { formatPrice } from '../../format/numbers';

export interface OrderConfirmation {
  /** What will be sent, in one line ("BUY 100 SPY LMT 590.10 DAY", "Close SPY: SELL 100 at market"). */
  description: string;
  notional: number | null;
  confirmAbove: number | null;
}

/**
 * The last step for a large order: what it is, its notional and the threshold it crosses. Nothing is sent until
 * the trader presses Send order; Back or Esc returns without sending.
 */
export function ConfirmOrderDialog({ confirmation, busy, onConfirm, onBack }: { confirmation: OrderConfirmation | null; busy: boolean; onConfirm: () => void; onBack: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (confirmation && !dialog.open) dialog.showModal();
    else if (!confirmation && dialog.open) dialog.close();
  }, [confirmation]);

  const why =
    confirmation?.notional == null
      ? 'Its notional is not known (no price yet), so it needs your confirmation.'
      : `Its notional, $${formatPrice(confirmation.notional)}, is above your confirmation threshold of $${formatPrice(confirmation.confirmAbove)}.`;
  return (
    <dialog
      ref={dialogRef}
      className="release-dialog confirm-order-dialog"
      data-testid="confirm-order-dialog"
      aria-labelledby="confirm-order-title"
      aria-describedby="confirm-order-why"
      onCancel={(event) => {
        event.preventDefault();
        onBack();
      }}
    >
      {confirmation && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) onConfirm();
          }}
        >
          <h2 id="confirm-order-title">Confirm order</h2>
          <p className="confirm-order-line num" data-testid="confirm-order-description">
            {confirmation.description}
          </p>
          <p id="confirm-order-why">{why}</p>
          <div className="dialog-buttons">
            {/* Focus starts on Back: an Enter too many goes back instead of sending a large order. */}
            <button type="button" className="btn" onClick={onBack} autoFocus>
              Back (Esc)
            </button>
            <button type="submit" className="btn btn-confirm" disabled={busy}>
              Send order
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
