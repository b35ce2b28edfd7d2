import type { OrderPreview } from '../../../../core/contract/contract';
import { formatPrice, formatSignedPrice } from '../../format/numbers';

const money = (value: number | null) => (value === null ? '—' : `$${formatPrice(value)}`);
const change = (value: number | null) => (value === null ? '—' : formatSignedPrice(value));

/** The gateway's what-if answer: margin and commission impact, before anything is sent. */
export function TicketPreview({ preview, error, pending }: { preview: OrderPreview | null; error: string | null; pending: boolean }) {
  if (pending) {
    return (
      <section className="ticket-preview" aria-label="Order preview" data-testid="ticket-preview" aria-busy="true">
        <p className="muted">Asking the gateway what this order would do…</p>
      </section>
    );
  }
  if (error) {
    return (
      <section className="ticket-preview" aria-label="Order preview" data-testid="ticket-preview">
        <p className="ticket-error" role="alert" data-testid="ticket-preview-error">
          No preview — {error}
        </p>
      </section>
    );
  }
  if (!preview) return null;
  // The gateway gives the exact commission, or only its range when it cannot know it yet.
  const range = preview.commission === null && preview.minCommission !== null && preview.maxCommission !== null;
  return (
    <section className="ticket-preview" aria-label="Order preview" data-testid="ticket-preview">
      <dl className="kv-grid num">
        <dt>Initial margin</dt>
        <dd data-testid="preview-init-margin">{change(preview.initMarginChange)}</dd>
        <dt>Maint. margin</dt>
        <dd data-testid="preview-maint-margin">{change(preview.maintMarginChange)}</dd>
        <dt>Equity w/ loan</dt>
        <dd>{change(preview.equityWithLoanChange)}</dd>
        <dt>Commission</dt>
        <dd data-testid="preview-commission">{range ? `${money(preview.minCommission)} – ${money(preview.maxCommission)}` : money(preview.commission)}</dd>
        {preview.notional !== null && (
          <>
            <dt>Notional</dt>
            <dd>{money(preview.notional)}</dd>
          </>
        )}
      </dl>
      {preview.warning && (
        <p className="warn" role="note">
          ▲ {preview.warning}
        </p>
      )}
    </section>
  );
}
