import type { DiscoveredValue, DiscoveryRefusal, PairCorrelation } from '../market/discoveryReading';

/**
 * The guard every discovered value passes before it is stored: a refusal keeps the previous value (with its own window
 * and time) and says why; a value holding a number that is not finite (NaN, ±Infinity) is refused the same way, so
 * none is ever written.
 */
export function keptValue<T extends { ok: true; sampleSize: number }>(fresh: T | DiscoveryRefusal, previous: DiscoveredValue<T> | undefined): DiscoveredValue<T> {
  const kept = previous?.value ?? null;
  if (!fresh.ok) return { value: kept, refusal: plainRefusal(fresh) };
  const bad = nonFinitePath(fresh);
  if (bad !== null) return { value: kept, refusal: nonFiniteRefusal(bad, fresh.sampleSize) };
  return { value: fresh, refusal: null };
}

/**
 * Correlations pass the guard pair by pair: a pair this run could not estimate (null correlation) keeps its previous
 * estimate when there was one (its window and time show its age). The whole list is refused (and the previous one
 * kept) when the method refused, or when no pair could be estimated this run.
 */
export function keptCorrelations(fresh: PairCorrelation[] | DiscoveryRefusal, previous: DiscoveredValue<PairCorrelation[]> | undefined): DiscoveredValue<PairCorrelation[]> {
  const before = previous?.value ?? null;
  if (!Array.isArray(fresh)) return { value: before, refusal: plainRefusal(fresh) };
  const pairs = fresh.map((pair) => finitePair(pair));
  const estimated = pairs.filter((p) => p.correlation !== null).length;
  if (pairs.length > 0 && estimated === 0 && before !== null) {
    const reason = `no pair could be estimated this run (${pairs[0]!.reason ?? 'no reason given'})`;
    return { value: before, refusal: { ok: false, reason, needed: 1, got: 0 } };
  }
  const previousPair = new Map((before ?? []).map((p) => [pairKey(p), p]));
  return {
    value: pairs.map((pair) => {
      const old = previousPair.get(pairKey(pair));
      return pair.correlation === null && old && old.correlation !== null ? old : pair;
    }),
    refusal: null,
  };
}

export function pairKey(pair: Pick<PairCorrelation, 'a' | 'b'>): string {
  return `${pair.a}/${pair.b}`;
}

/** The path of the first number in `value` that is not finite (e.g. "acf[3]"), or null when every number is finite. */
export function nonFinitePath(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(the value)';
  if (value === null || typeof value !== 'object') return null;
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v]) : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v]);
  for (const [at, v] of entries) {
    const bad = nonFinitePath(v, at);
    if (bad !== null) return bad;
  }
  return null;
}

function finitePair(pair: PairCorrelation): PairCorrelation {
  const bad = nonFinitePath(pair);
  if (bad === null) return pair;
  return { ...pair, correlation: null, reason: `the estimate held a number that is not finite (${bad})`, window: { from: 0, to: 0 }, sampleSize: 0, computedAt: 0 };
}

function nonFiniteRefusal(path: string, sampleSize: number): DiscoveryRefusal {
  const n = Number.isFinite(sampleSize) ? sampleSize : 0;
  return { ok: false, reason: `the method gave a number that is not finite (${path}): nothing of it was stored`, needed: n, got: n };
}

/** Just the refusal's own fields (temporalStructure's refusals also carry a window). */
function plainRefusal(refusal: DiscoveryRefusal): DiscoveryRefusal {
  const finite = (n: number) => (Number.isFinite(n) ? n : 0);
  return { ok: false, reason: refusal.reason, needed: finite(refusal.needed), got: finite(refusal.got) };
}
