import type { KeyboardEvent } from 'react';
import { formatPrice } from '../../format/numbers';
import { useConnectionStore } from '../../stores/connectionStore';
import { useTicketStore } from '../../stores/ticketStore';
import { ConfirmOrderDialog } from './ConfirmOrderDialog';
import { InstrumentFields, OrderFields } from './TicketFields';
import { TicketPreview } from './TicketPreview';
import { useOrderTicket, type OrderTicket } from './useOrderTicket';
import { useTicketMarket, type TicketMarket } from './useTicketMarket';

/**
 * The order ticket. Enter previews the order (the gateway's what-if: margin and commission), Enter again sends
 * the previewed order; above the configured notional a dialog asks for confirmation first. Esc steps back.
 */
export function OrderTicketPanel() {
  const draft = useTicketStore((s) => s.draft);
  const confirmAbove = useConnectionStore((s) => s.session?.confirmNotionalAbove ?? null);
  const market = useTicketMarket(draft);
  const ticket = useOrderTicket(draft, market.marketPrice, confirmAbove);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    ticket.back();
  };

  return (
    <div className={`panel ticket-panel side-${draft.side}`} data-testid="ticket-panel" data-step={ticket.step}>
      <div className="panel-toolbar">
        <span className="strong">Order ticket</span>
        <span className="toolbar-spacer" />
        <MarketLine market={market} />
      </div>
      {/* Above the scrolling form, so the answer is in view however small the panel. */}
      <TicketOutcome ticket={ticket} />
      <form
        className="panel-body ticket-form"
        aria-label="Order ticket"
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault();
          ticket.advance();
        }}
        noValidate
      >
        <div className="ticket-grid">
          <InstrumentFields draft={draft} market={market} errors={ticket.errors} />
          <OrderFields draft={draft} errors={ticket.errors} />
        </div>
        {ticket.errors.form && (
          <p className="field-error" role="alert" data-testid="ticket-error-form">
            {ticket.errors.form}
          </p>
        )}
        <NotionalLine ticket={ticket} confirmAbove={confirmAbove} />
        <TicketPreview preview={ticket.preview} error={ticket.previewError} pending={ticket.step === 'previewing'} />
        <TicketButtons ticket={ticket} />
      </form>
      <ConfirmOrderDialog confirmation={ticket.confirmation} busy={ticket.step === 'sending'} onConfirm={ticket.confirm} onBack={ticket.back} />
    </div>
  );
}

function MarketLine({ market }: { market: TicketMarket }) {
  if (market.contract) {
    return (
      <span className="muted num" data-testid="ticket-market">
        bid {formatPrice(market.contract.bid)} · ask {formatPrice(market.contract.ask)} · mark {formatPrice(market.contract.mark)}
      </span>
    );
  }
  if (!market.quote) return null;
  return (
    <span className="muted num" data-testid="ticket-market">
      bid {formatPrice(market.quote.bid)} · ask {formatPrice(market.quote.ask)} · last {formatPrice(market.quote.last)}
    </span>
  );
}

function NotionalLine({ ticket, confirmAbove }: { ticket: OrderTicket; confirmAbove: number | null }) {
  if (!ticket.description) return null;
  const over = ticket.notional === null || (confirmAbove !== null && ticket.notional > confirmAbove);
  return (
    <p className="ticket-summary num" data-testid="ticket-summary">
      <span className="strong">{ticket.description}</span>
      <span>
        notional {ticket.notional === null ? 'unknown' : `≈ $${formatPrice(ticket.notional)}`}
        {over && <span className="pill warn">confirm{confirmAbove !== null ? ` above $${formatPrice(confirmAbove)}` : ''}</span>}
      </span>
    </p>
  );
}

function TicketButtons({ ticket }: { ticket: OrderTicket }) {
  const reviewing = ticket.step === 'previewed' || ticket.step === 'confirming';
  const busy = ticket.step === 'previewing' || ticket.step === 'sending';
  return (
    <div className="ticket-buttons">
      {reviewing && (
        <button type="button" className="btn" onClick={ticket.back}>
          Edit (Esc)
        </button>
      )}
      <button type="submit" className={`btn ${reviewing ? 'btn-send' : ''}`} disabled={busy} data-testid="ticket-submit" aria-keyshortcuts="Enter">
        {ticket.step === 'sending' ? 'Sending…' : reviewing ? 'Send order (Enter)' : ticket.step === 'previewing' ? 'Previewing…' : 'Preview order (Enter)'}
      </button>
    </div>
  );
}

/** The engine's answer to the last send. The live region is always there, so a screen reader hears each answer. */
function TicketOutcome({ ticket }: { ticket: OrderTicket }) {
  const result = ticket.result;
  return (
    <div aria-live="polite">
      {result && (
        <p className={`panel-notice ${result.kind === 'placed' ? 'ticket-placed' : 'ticket-error'}`} role={result.kind === 'placed' ? undefined : 'alert'} data-testid="ticket-result" data-kind={result.kind}>
          {result.kind === 'placed' ? '✔ ' : '✖ '}
          {result.text}
        </p>
      )}
    </div>
  );
}
