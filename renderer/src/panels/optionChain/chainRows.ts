import type { OptionChainSnapshot } from '../../../../core/contract/contract';

export type OptionQuote = OptionChainSnapshot['contracts'][number];

/** One strike of one expiry: the call on the left, the put on the right. */
export interface ChainRow {
  id: string;
  strike: number;
  call: OptionQuote | null;
  put: OptionQuote | null;
}

export function expiriesOf(snapshot: OptionChainSnapshot): string[] {
  return [...new Set(snapshot.contracts.map((c) => c.expiry))].sort();
}

/** The strikes of `expiry` nearest to `spot` (`around` each side; all when spot is unknown or around is 0). */
export function chainRows(snapshot: OptionChainSnapshot, expiry: string, spot: number | null, around: number): ChainRow[] {
  const byStrike = new Map<number, ChainRow>();
  for (const contract of snapshot.contracts) {
    if (contract.expiry !== expiry) continue;
    const row = byStrike.get(contract.strike) ?? { id: `${expiry}|${contract.strike}`, strike: contract.strike, call: null, put: null };
    row[contract.type] = contract;
    byStrike.set(contract.strike, row);
  }
  const rows = [...byStrike.values()].sort((a, b) => a.strike - b.strike);
  if (spot === null || around <= 0) return rows;
  let atm = 0;
  rows.forEach((row, i) => {
    if (Math.abs(row.strike - spot) < Math.abs(rows[atm]!.strike - spot)) atm = i;
  });
  return rows.slice(Math.max(0, atm - around), atm + around + 1);
}

export interface ChainTransaction {
  add: ChainRow[];
  update: ChainRow[];
  remove: ChainRow[];
}

const sameQuote = (a: OptionQuote | null, b: OptionQuote | null) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** What changed between two row sets, for an in-place grid transaction that keeps scroll and selection. */
export function diffRows(previous: ReadonlyMap<string, ChainRow>, next: readonly ChainRow[]): ChainTransaction {
  const nextIds = new Set(next.map((row) => row.id));
  const add: ChainRow[] = [];
  const update: ChainRow[] = [];
  for (const row of next) {
    const before = previous.get(row.id);
    if (!before) add.push(row);
    else if (!sameQuote(before.call, row.call) || !sameQuote(before.put, row.put)) update.push(row);
  }
  const remove = [...previous.values()].filter((row) => !nextIds.has(row.id));
  return { add, update, remove };
}
