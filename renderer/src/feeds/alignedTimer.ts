/** Timers due at the same moment share one callback, so their React updates become one render and one frame. */
const buckets = new Map<number, Set<() => void>>();

/**
 * Runs `run` at the next multiple of `periodMs` on the wall clock. Every throttled panel update with the same or a
 * multiple period (tape 100 ms, watchlist 200 ms, ages 200 ms) lands in the same task instead of drawing a frame of
 * its own. Returns a cancel function.
 */
export function atNextBoundary(periodMs: number, run: () => void): () => void {
  const now = Date.now();
  const at = Math.floor(now / periodMs) * periodMs + periodMs;
  let bucket = buckets.get(at);
  if (!bucket) {
    const created = new Set<() => void>();
    buckets.set(at, created);
    setTimeout(() => {
      buckets.delete(at);
      created.forEach((due) => due());
    }, at - now);
    bucket = created;
  }
  const mine = bucket;
  mine.add(run);
  return () => void mine.delete(run);
}
