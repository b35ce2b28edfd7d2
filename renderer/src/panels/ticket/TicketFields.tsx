import type { ReactNode } from 'react';
import { orderTypes, timesInForce, type OrderType } from '../../../../core/contract/contract';
import { useSessionSymbols } from '../../feeds/useSessionSymbols';
import { editTicket } from '../../stores/ticketStore';
import { pricesFor, type TicketDraft, type TicketErrors, type TicketField } from '../../trading/ticketDraft';
import type { TicketMarket } from './useTicketMarket';

const typeNames: Record<OrderType, string> = {
  MKT: 'MKT — market',
  LMT: 'LMT — limit',
  STP: 'STP — stop',
  'STP LMT': 'STP LMT — stop limit',
  MOC: 'MOC — market on close',
  LOC: 'LOC — limit on close',
};
const tifNames = { DAY: 'DAY', GTC: 'GTC — until cancelled', IOC: 'IOC — immediate or cancel' } as const;

export const ticketInputId = (field: 'quantity' | 'limitPrice') => `ticket-${field}`;

/** The error beside a field, tied to it for assistive technology (aria-describedby). */
function FieldError({ field, errors }: { field: TicketField; errors: TicketErrors }) {
  if (!errors[field]) return null;
  return (
    <span className="field-error" id={`ticket-${field}-error`} role="alert" data-testid={`ticket-error-${field}`}>
      {errors[field]}
    </span>
  );
}

const described = (field: TicketField, errors: TicketErrors) =>
  errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `ticket-${field}-error` } : {};

function Row({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={htmlFor}>{label}</label>
      <div className="ticket-control">{children}</div>
    </>
  );
}

function Choice<T extends string>({ legend, name, value, options, onChange }: { legend: string; name: string; value: T; options: ReadonlyArray<[T, string]>; onChange: (value: T) => void }) {
  return (
    <fieldset className="ticket-choice">
      <legend>{legend}</legend>
      {options.map(([option, text]) => (
        <label key={option} className={`choice choice-${option}${value === option ? ' on' : ''}`}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

function priceInput(field: 'limitPrice' | 'stopPrice' | 'takeProfitPrice' | 'stopLossPrice', draft: TicketDraft, errorField: TicketField, errors: TicketErrors) {
  return (
    <input
      id={`ticket-${field}`}
      className="num"
      inputMode="decimal"
      autoComplete="off"
      value={draft[field]}
      onChange={(e) => editTicket({ [field]: e.target.value })}
      {...described(errorField, errors)}
    />
  );
}

/** Symbol and contract: a stock, or an option picked from the symbol's chain (or by a click on a chain row). */
export function InstrumentFields({ draft, market, errors }: { draft: TicketDraft; market: TicketMarket; errors: TicketErrors }) {
  const symbols = useSessionSymbols();
  const expiries = [...new Set([...(market.chain?.contracts.map((c) => c.expiry) ?? []), draft.expiry].filter(Boolean))].sort();
  const strikes = [...new Set([...(market.chain?.contracts.filter((c) => c.expiry === draft.expiry).map((c) => c.strike) ?? []), Number(draft.strike)].filter((s) => s > 0))].sort((a, b) => a - b);
  return (
    <>
      <Row label="Symbol" htmlFor="ticket-symbol">
        <select id="ticket-symbol" value={draft.symbol} onChange={(e) => editTicket({ symbol: e.target.value, expiry: '', strike: '' })} {...described('symbol', errors)}>
          {!symbols.some((s) => s.symbol === draft.symbol) && <option value={draft.symbol}>{draft.symbol}</option>}
          {symbols.map((s) => (
            <option key={s.symbol} value={s.symbol}>
              {s.symbol}
            </option>
          ))}
        </select>
        <FieldError field="symbol" errors={errors} />
      </Row>
      <Choice legend="Contract" name="ticket-kind" value={draft.kind} options={[['stock', 'Stock'], ['option', 'Option']]} onChange={(kind) => editTicket({ kind })} />
      {draft.kind === 'option' && (
        <>
          <Row label="Expiry" htmlFor="ticket-expiry">
            <select id="ticket-expiry" value={draft.expiry} onChange={(e) => editTicket({ expiry: e.target.value })} {...described('option', errors)}>
              <option value="">{expiries.length ? 'choose…' : 'no chain yet'}</option>
              {expiries.map((expiry) => (
                <option key={expiry} value={expiry}>
                  {expiry}
                </option>
              ))}
            </select>
          </Row>
          <Row label="Strike" htmlFor="ticket-strike">
            <select id="ticket-strike" value={draft.strike} onChange={(e) => editTicket({ strike: e.target.value })} {...described('option', errors)}>
              <option value="">choose…</option>
              {strikes.map((strike) => (
                <option key={strike} value={String(strike)}>
                  {strike}
                </option>
              ))}
            </select>
          </Row>
          <Choice legend="Right" name="ticket-right" value={draft.right} options={[['call', 'Call'], ['put', 'Put']]} onChange={(right) => editTicket({ right })} />
          <FieldError field="option" errors={errors} />
        </>
      )}
    </>
  );
}

/** Side, size, type with exactly the prices it takes, time in force, outside hours and an optional bracket. */
export function OrderFields({ draft, errors }: { draft: TicketDraft; errors: TicketErrors }) {
  const needs = pricesFor(draft.type);
  return (
    <>
      <Choice legend="Side" name="ticket-side" value={draft.side} options={[['buy', 'Buy'], ['sell', 'Sell']]} onChange={(side) => editTicket({ side })} />
      <Row label="Quantity" htmlFor={ticketInputId('quantity')}>
        <input id={ticketInputId('quantity')} className="num" inputMode="numeric" autoComplete="off" value={draft.quantity} onChange={(e) => editTicket({ quantity: e.target.value })} {...described('quantity', errors)} />
        <FieldError field="quantity" errors={errors} />
      </Row>
      <Row label="Order type" htmlFor="ticket-type">
        <select id="ticket-type" value={draft.type} onChange={(e) => editTicket({ type: e.target.value as OrderType })}>
          {orderTypes.map((type) => (
            <option key={type} value={type}>
              {typeNames[type]}
            </option>
          ))}
        </select>
      </Row>
      {needs.stop && (
        <Row label="Stop price" htmlFor="ticket-stopPrice">
          {priceInput('stopPrice', draft, 'stopPrice', errors)}
          <FieldError field="stopPrice" errors={errors} />
        </Row>
      )}
      {needs.limit && (
        <Row label="Limit price" htmlFor={ticketInputId('limitPrice')}>
          {priceInput('limitPrice', draft, 'limitPrice', errors)}
          <FieldError field="limitPrice" errors={errors} />
        </Row>
      )}
      <Row label="Time in force" htmlFor="ticket-tif">
        <select id="ticket-tif" value={draft.tif} onChange={(e) => editTicket({ tif: e.target.value as TicketDraft['tif'] })}>
          {timesInForce.map((tif) => (
            <option key={tif} value={tif}>
              {tifNames[tif]}
            </option>
          ))}
        </select>
      </Row>
      <label className="ticket-check">
        <input type="checkbox" checked={draft.outsideRth} onChange={(e) => editTicket({ outsideRth: e.target.checked })} />
        Outside regular trading hours
      </label>
      <label className="ticket-check">
        <input type="checkbox" checked={draft.bracket} onChange={(e) => editTicket({ bracket: e.target.checked })} />
        Bracket: take profit and stop loss
      </label>
      {draft.bracket && (
        <>
          <Row label="Take-profit price" htmlFor="ticket-takeProfitPrice">
            {priceInput('takeProfitPrice', draft, 'bracket', errors)}
          </Row>
          <Row label="Stop-loss price" htmlFor="ticket-stopLossPrice">
            {priceInput('stopLossPrice', draft, 'bracket', errors)}
          </Row>
          <FieldError field="bracket" errors={errors} />
        </>
      )}
    </>
  );
}
