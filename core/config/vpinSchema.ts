import { z } from 'zod';

const count = (min: number) => z.number().int().min(min);
const share = z.number().gt(0).max(1);
const shares = z.number().positive();
const ticker = z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'an upper-case ticker such as SPY');

/**
 * config.yaml `analytics.vpin:` (README "Analytics methods / VPIN"). Bucket size V per symbol: `bucketVolume` when set
 * (every symbol; small values for tests and practice), else the symbol's average daily volume (`dailyVolumes`, or
 * `defaultDailyVolume`) / `bucketsPerDay`. Discovery will measure the daily volume itself once it exists.
 */
export const vpinSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Shares per bucket for every symbol; null: daily volume / bucketsPerDay. */
  bucketVolume: shares.nullable().default(null),
  bucketsPerDay: count(1).default(50),
  /** A symbol's average daily volume in shares, where known (until discovery measures it). */
  dailyVolumes: z.record(ticker, shares).default({}),
  /** The daily volume assumed for a symbol not in dailyVolumes. */
  defaultDailyVolume: shares.default(50_000_000),
  /** n: VPIN is taken over the last this many buckets. */
  buckets: count(1).default(50),
  /** bulk: bulk volume classification of time bars; trade: each print by the quote rule (tick rule at the mid). */
  classification: z.enum(['bulk', 'trade']).default('bulk'),
  barSeconds: z.number().positive().max(3600).default(60),
  sigmaBars: count(2).default(120),
  minSigmaBars: count(2).default(30),
  historyReadings: count(1).max(100_000).default(1_000),
  minHistoryReadings: count(1).default(50),
  alertLevel: share.default(0.9),
  exitLevel: share.default(0.8),
  /** Only prints inside the NYSE regular session count (the overnight gap is never a bar change). */
  regularHoursOnly: z.boolean().default(true),
}).superRefine((vpin, ctx) => {
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (vpin.minSigmaBars > vpin.sigmaBars) problem('minSigmaBars', `minSigmaBars (${vpin.minSigmaBars}) is more than sigmaBars (${vpin.sigmaBars}): lower it or raise sigmaBars`);
  if (vpin.minHistoryReadings > vpin.historyReadings) {
    problem('minHistoryReadings', `minHistoryReadings (${vpin.minHistoryReadings}) is more than historyReadings (${vpin.historyReadings}): lower it or raise historyReadings`);
  }
  if (vpin.exitLevel > vpin.alertLevel) problem('exitLevel', `exitLevel (${vpin.exitLevel}) is above alertLevel (${vpin.alertLevel}): an episode would end as it begins`);
});

export type VpinConfig = z.infer<typeof vpinSchema>;

/** V for one symbol under this config. */
export function vpinBucketVolume(config: VpinConfig, symbol: string): number {
  return config.bucketVolume ?? (config.dailyVolumes[symbol] ?? config.defaultDailyVolume) / config.bucketsPerDay;
}
