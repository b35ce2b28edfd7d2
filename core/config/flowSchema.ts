import { z } from 'zod';

/**
 * config.yaml `analytics.flow:`: the options-flow service (core/analytics/optionsFlowService.ts) — the unusual-activity
 * rule, the ATM IV method and how much history it keeps (README "Analytics methods", Options flow).
 */
export const flowSchema = z.strictObject({
  /** A contract is unusual only with session volume / open interest at least this. */
  volumeOverOpenInterest: z.number().positive().default(1),
  /** … and contracts traded since the last refresh at least this many times its own mean per refresh. */
  timesAverage: z.number().min(1).default(5),
  /** … and a session volume of at least this many contracts. */
  minVolume: z.number().int().min(1).default(100),
  /** Refreshes of history a contract needs before it is judged against its own mean. */
  minSamples: z.number().int().min(1).default(3),
  /** Refreshes the per-contract mean covers (a running mean, exponential past this many). */
  paceWindow: z.number().int().min(1).max(1_000).default(20),
  /** The ATM IV's constant maturity in calendar days (30: the VIX convention). */
  atmTargetDays: z.number().int().min(1).max(365).default(30),
  /** Expiries nearer than this many calendar days are left out of the constant-maturity ATM IV. */
  atmMinDays: z.number().int().min(0).max(60).default(1),
  /** Risk-free rate for the parity forward and the engine's own IV where the vendor gave none. */
  riskFreeRate: z.number().min(-0.05).max(0.25).default(0.04),
  /** Days of ATM IV history kept for IV rank and percentile (one value per New York day). */
  ivHistoryDays: z.number().int().min(2).max(2_520).default(252),
  /** How many of the largest premium changes between refreshes are kept. */
  premiumChanges: z.number().int().min(0).max(200).default(10),
});

export type FlowSettings = z.infer<typeof flowSchema>;
