/**
 * IV rank and IV percentile of the constant-maturity ATM IV over its stored history. The history holds one value per
 * New York trading day (the day's latest reading replaces the one before it), the newest `limit` days.
 *
 * IV rank = (current − lowest) / (highest − lowest) × 100 over the history, today included.
 * IV percentile = the share of past days (today excluded) whose IV was below the current one, × 100.
 * Both are null until the history has another day to compare with (rank also while every day had the same IV).
 */
export interface IvDay {
  /** YYYY-MM-DD, New York. */
  day: string;
  iv: number;
}

export function recordIv(history: readonly IvDay[], day: string, iv: number, limit: number): IvDay[] {
  const kept = history.filter((h) => h.day !== day);
  kept.push({ day, iv });
  kept.sort((a, b) => a.day.localeCompare(b.day));
  return kept.slice(-Math.max(1, limit));
}

export function ivRank(history: readonly IvDay[], current: number): number | null {
  if (history.length < 2) return null;
  let lo = current;
  let hi = current;
  for (const h of history) {
    lo = Math.min(lo, h.iv);
    hi = Math.max(hi, h.iv);
  }
  return hi > lo ? ((current - lo) / (hi - lo)) * 100 : null;
}

export function ivPercentile(history: readonly IvDay[], today: string, current: number): number | null {
  const past = history.filter((h) => h.day !== today);
  if (past.length === 0) return null;
  return (past.filter((h) => h.iv < current).length / past.length) * 100;
}
