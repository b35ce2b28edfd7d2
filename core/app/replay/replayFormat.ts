/** The replay's result as the readable tables `npm run replay` prints (`--json` prints the ReplayResult instead). */
import { etDateTime } from '../../market/newYorkTime';
import type { ReplayResult } from './replayRun';

const money = (n: number): string => (n < 0 ? `-$${(-n).toFixed(2)}` : `$${n.toFixed(2)}`);
const percent = (n: number | null): string => (n === null ? '—' : `${Math.round(n * 100)}%`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatReplay(result: ReplayResult, speed: number): string {
  const minutes = (result.endTs - result.startTs) / 60_000;
  const out = [
    `Replay of ${result.source}`,
    `${etDateTime(result.startTs)} → ${etDateTime(result.endTs)} New York (${minutes.toFixed(1)} min of market, ${result.events} events) in ${(result.wallMs / 1000).toFixed(1)} s at speed ${speed === Infinity ? 'max' : speed}`,
    'Proposals are approved automatically, as automation "auto" would (within each strategy\'s maxQuantity and maxOrdersPerHour, risk checks in force); fills are paper fills at the recorded touch.',
    '',
    table(
      ['strategy', 'symbols', 'proposals', 'approved', 'refused by risk', 'expired', 'fills', 'closed', 'hit rate', 'realised P&L', 'P&L marked at end'],
      result.strategies.map((s) => [
        s.strategy, s.symbols.join(',') || '(none in the session)', String(s.proposals), String(s.approved), String(s.refusedByRisk), String(s.expired), String(s.fills),
        String(s.closed), percent(s.hitRate), money(s.realisedPnl), money(s.markedPnl),
      ]),
    ),
    '',
  ];
  if (result.proposals.length === 0) out.push('No proposals.');
  else {
    out.push(
      table(
        ['time (NY)', 'id', 'symbol', 'side', 'qty', 'instrument', 'limit', 'pre-check', 'fate', 'P&L', 'reasons'],
        result.proposals.map((p) => [
          etDateTime(p.createdAt).slice(11), p.id, p.symbol, p.side, String(p.quantity), p.instrument, p.limitPrice === null ? 'MKT' : p.limitPrice.toFixed(2), p.preCheck, p.fate,
          p.pnl === null ? '—' : money(p.pnl), p.reasons.join('; '),
        ]),
      ),
    );
  }
  if (result.problems.length > 0) out.push('', `Problems (${result.problems.length}):`, ...result.problems.slice(0, 20).map((p) => `  - ${p}`));
  return out.join('\n');
}
