import type { DiscoveryChange, DiscoveryRun, MarketMakerProfiles, PairCorrelation, SymbolDiscovery } from '../market/discoveryReading';
import { pairKey } from './keptValues';

/** Volatility moved by more than this fraction of its previous value (10%: 20.0% → 22.1% is a change, → 21.5% is not). */
export const VOLATILITY_CHANGE = 0.1;
/** A correlation moved by more than this (absolute). */
export const CORRELATION_CHANGE = 0.05;
/** A market maker's share of time at the top of book moved by more than this (absolute, 0..1). */
export const TOP_OF_BOOK_CHANGE = 0.05;

type Figure = number | string | null;

/**
 * What moved between the previous run and this one: per symbol the VPIN bucket, the number of trade-size clusters, the
 * lookbacks, the regime, the volatility (beyond VOLATILITY_CHANGE), each market maker's top-of-book share (beyond
 * TOP_OF_BOOK_CHANGE, or one that came or went); across symbols each correlation (beyond CORRELATION_CHANGE, or one that
 * became or stopped being estimable). A value kept from before (a refusal) has not moved. Empty for a first run.
 */
export function runChanges(before: DiscoveryRun | null, after: DiscoveryRun): DiscoveryChange[] {
  if (!before) return [];
  const changes: DiscoveryChange[] = [];
  for (const symbol of after.symbols) {
    const previous = before.symbols.find((s) => s.symbol === symbol.symbol);
    if (previous) changes.push(...symbolChanges(previous, symbol));
  }
  changes.push(...correlationChanges(before.correlations.value ?? [], after.correlations.value ?? []));
  return changes;
}

function symbolChanges(before: SymbolDiscovery, after: SymbolDiscovery): DiscoveryChange[] {
  const changes: DiscoveryChange[] = [];
  const add = (parameter: string, from: Figure, to: Figure, moved = from !== to) => {
    if (moved) changes.push({ symbol: after.symbol, parameter, before: from, after: to });
  };
  add('VPIN bucket', before.tradeSizes.value?.bucketVolume ?? null, after.tradeSizes.value?.bucketVolume ?? null);
  add('trade-size clusters', before.tradeSizes.value?.clusters.length ?? null, after.tradeSizes.value?.clusters.length ?? null);
  add('lookback', before.returnStructure.value?.lookbackBars ?? null, after.returnStructure.value?.lookbackBars ?? null);
  add('signed-volume lookback', before.signedVolumeStructure.value?.lookbackBars ?? null, after.signedVolumeStructure.value?.lookbackBars ?? null);
  add('regime', before.volatility.value?.regime ?? null, after.volatility.value?.regime ?? null);
  const vol = [before.volatility.value?.volatility ?? null, after.volatility.value?.volatility ?? null] as const;
  add('volatility', round(vol[0], 4), round(vol[1], 4), movedBeyond(vol[0], vol[1], (a) => VOLATILITY_CHANGE * Math.abs(a)));
  for (const [who, from, to] of makerShares(before.marketMakers.value, after.marketMakers.value)) {
    add(`top-of-book share ${who}`, round(from, 3), round(to, 3), movedBeyond(from, to, () => TOP_OF_BOOK_CHANGE));
  }
  return changes;
}

function correlationChanges(before: readonly PairCorrelation[], after: readonly PairCorrelation[]): DiscoveryChange[] {
  const previous = new Map(before.map((p) => [pairKey(p), p.correlation]));
  return after.flatMap((pair) => {
    const key = pairKey(pair);
    if (!previous.has(key)) return [];
    const from = previous.get(key) ?? null;
    if (!movedBeyond(from, pair.correlation, () => CORRELATION_CHANGE)) return [];
    return [{ symbol: null, parameter: `correlation ${key}`, before: round(from, 3), after: round(pair.correlation, 3) }];
  });
}

/** Each market maker seen in either run ("ARCA MM1"), with its top-of-book share before and after (null: absent). */
function makerShares(before: MarketMakerProfiles | null, after: MarketMakerProfiles | null): Array<[string, number | null, number | null]> {
  if (!before || !after) return [];
  const shares = new Map<string, [number | null, number | null]>();
  const who = (p: { exchange: string; marketMaker: string }) => (p.exchange === p.marketMaker ? p.exchange : `${p.exchange} ${p.marketMaker}`);
  for (const p of before.profiles) shares.set(who(p), [p.topOfBookShare, null]);
  for (const p of after.profiles) shares.set(who(p), [shares.get(who(p))?.[0] ?? null, p.topOfBookShare]);
  return [...shares].map(([name, [from, to]]) => [name, from, to]);
}

/** Both numbers and apart by more than the threshold, or one of them missing while the other is there. */
function movedBeyond(from: number | null, to: number | null, threshold: (from: number) => number): boolean {
  if (from === null || to === null) return from !== to;
  return Math.abs(to - from) > threshold(from);
}

function round(x: number | null, digits: number): number | null {
  if (x === null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
