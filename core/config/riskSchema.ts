import { z } from 'zod';

/** An optional limit: a positive number, or null (the check is off). */
const optionalLimit = z.number().positive().nullable().default(null);

/**
 * config.yaml `risk:`: the limits the order gate's checks enforce (core/risk/) and the circuit breakers' thresholds.
 * Money is in the account currency; a position or quantity in shares counts an option contract as 100 shares.
 */
export const riskSchema = z.strictObject({
  approvalMode: z.enum(['manual', 'auto']).default('manual'),
  /** With approvalMode auto, no cockpit connected for this long falls back to manual approval. */
  deadManSeconds: z.number().positive().default(60),
  maxOrderNotional: z.number().positive().default(50_000),
  maxOrderShares: z.number().int().positive().default(10_000),
  maxOrderContracts: z.number().int().positive().default(100),
  /** A limit price more than this % through the market (a buy above the ask, a sell below the bid) is refused. */
  priceBandPercent: z.number().positive().max(100).default(5),
  stockTick: z.number().positive().max(1).default(0.01),
  optionTick: z.number().positive().max(1).default(0.01),
  /** An order's shares as a % of the symbol's volume so far today (null: off). */
  maxPercentOfDayVolume: optionalLimit,
  maxPositionPerSymbol: z.number().int().positive().default(1_000),
  maxOpenOrders: z.number().int().positive().default(20),
  maxOrdersPerSecond: z.number().int().positive().default(5),
  maxOrdersPerMinute: z.number().int().positive().default(60),
  duplicateWindowSeconds: z.number().min(0).default(5),
  /** One position's value after the order, as a % of the account's net liquidation (above 100 on margin). */
  maxConcentrationPercent: z.number().positive().max(1_000).default(50),
  sameDayExpiryCutoffMinutes: z.number().min(0).max(390).default(15),
  maxDeltaDollars: optionalLimit,
  maxGammaDollars: optionalLimit,
  maxVegaDollars: optionalLimit,
  maxDailyLoss: z.number().positive().default(5_000),
  maxDrawdown: z.number().positive().default(2_500),
  maxStaleDataSeconds: z.number().positive().default(5),
  maxConsecutiveRejections: z.number().int().positive().default(3),
  /** nyse: regular hours, holidays and half days of the NYSE calendar; always-open: no session checks (practice). */
  marketCalendar: z.enum(['nyse', 'always-open']).default('nyse'),
}).superRefine((risk, ctx) => {
  if (risk.maxOrdersPerSecond > risk.maxOrdersPerMinute) {
    ctx.addIssue({ code: 'custom', path: ['maxOrdersPerSecond'], message: `maxOrdersPerSecond (${risk.maxOrdersPerSecond}) is more than maxOrdersPerMinute (${risk.maxOrdersPerMinute}): lower it or raise maxOrdersPerMinute` });
  }
});

export type RiskLimits = z.infer<typeof riskSchema>;
