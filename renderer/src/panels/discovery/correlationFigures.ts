import type { DiscoveryProvenance, PairCorrelation } from '../../../../core/contract/contract';

/** One cell of the heatmap: the pair's estimate (null on the diagonal). */
export interface HeatmapCell {
  row: string;
  column: string;
  pair: PairCorrelation | null;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The symbols of the pairs, in the order given first (the run's symbols), then any others alphabetically. */
export function heatmapSymbols(runSymbols: readonly string[], pairs: readonly PairCorrelation[]): string[] {
  const extra = new Set<string>();
  for (const pair of pairs) for (const symbol of [pair.a, pair.b]) if (!runSymbols.includes(symbol)) extra.add(symbol);
  return [...runSymbols, ...[...extra].sort()];
}

/** Row by row, every symbol against every other; a pair is found whichever way round it was stored. */
export function heatmapRows(symbols: readonly string[], pairs: readonly PairCorrelation[]): HeatmapCell[][] {
  const byKey = new Map(pairs.map((pair) => [pairKey(pair.a, pair.b), pair]));
  return symbols.map((row) => symbols.map((column) => ({ row, column, pair: row === column ? null : (byKey.get(pairKey(row, column)) ?? null) })));
}

/** Blue for positive, red for negative, stronger with |r|; transparent for none. */
export function correlationColour(correlation: number | null): string {
  if (correlation === null || !Number.isFinite(correlation)) return 'transparent';
  const strength = Math.min(1, Math.abs(correlation));
  return correlation >= 0 ? `rgba(78, 161, 255, ${(0.08 + 0.72 * strength).toFixed(2)})` : `rgba(255, 77, 79, ${(0.08 + 0.72 * strength).toFixed(2)})`;
}

/** What the correlations came from, all pairs together: the widest window, the fewest aligned returns of a pair, the latest time. */
export function pairsProvenance(pairs: readonly PairCorrelation[]): DiscoveryProvenance | null {
  if (pairs.length === 0) return null;
  return {
    window: { from: Math.min(...pairs.map((p) => p.window.from)), to: Math.max(...pairs.map((p) => p.window.to)) },
    sampleSize: Math.min(...pairs.map((p) => p.sampleSize)),
    computedAt: Math.max(...pairs.map((p) => p.computedAt)),
  };
}
