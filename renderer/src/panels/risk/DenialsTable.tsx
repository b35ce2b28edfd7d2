import { Fragment, useState } from 'react';
import type { RiskDenialRecord } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';

const inputText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The newest refused orders: time, code, the sentence shown, the order and who asked; a click shows the inputs seen. */
export function DenialsTable({ denials }: { denials: readonly RiskDenialRecord[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  if (denials.length === 0) return <p className="empty" data-testid="risk-denials-empty">No order refused today.</p>;
  return (
    <table className="grid-table compact risk-denials" aria-label="Risk denials" data-testid="risk-denials">
      <thead>
        <tr>
          <th />
          <th>Time</th>
          <th>Code</th>
          <th>Order</th>
          <th>By</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {denials.map((denial) => {
          const expanded = open.has(denial.id);
          return (
            <Fragment key={denial.id}>
              <tr className="denial-row" data-testid="denial-row" data-code={denial.code}>
                <td>
                  <button type="button" className="btn btn-mini" aria-expanded={expanded} aria-label={`Inputs of denial ${denial.code} at ${formatMarketTime(denial.at)}`} onClick={() => toggle(denial.id)}>
                    {expanded ? '▾' : '▸'}
                  </button>
                </td>
                <td className="num muted">{formatMarketTime(denial.at)}</td>
                <td className="strong down" data-testid="denial-code">
                  {denial.code}
                </td>
                <td className="num">{denial.order}</td>
                <td className="muted">
                  {denial.requestedBy} · {denial.source}
                </td>
                <td className="wrap-cell" data-testid="denial-message">
                  {denial.message}
                </td>
              </tr>
              {expanded && (
                <tr className="denial-inputs" data-testid="denial-inputs">
                  <td />
                  <td colSpan={5}>
                    <dl className="kv-grid">
                      {Object.entries(denial.inputs).map(([key, value]) => (
                        <Fragment key={key}>
                          <dt>{key}</dt>
                          <dd className="num">{inputText(value)}</dd>
                        </Fragment>
                      ))}
                    </dl>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
