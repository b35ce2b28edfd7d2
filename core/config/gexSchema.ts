import { z } from 'zod';

/**
 * config.yaml `analytics.gex:` how the GEX / DEX service prices a symbol's option chain (README "GEX service").
 * Percentages are written as percent (0.5 = 0.5%).
 */
export const gexSchema = z.strictObject({
  /** Who is long what: dealers long the calls and short the puts the public trades (the usual reading), or the reverse. */
  positioning: z.enum(['dealersLongCallsShortPuts', 'dealersShortCallsLongPuts']).default('dealersLongCallsShortPuts'),
  /** Risk-free rate, continuously compounded, as a decimal (0.04 = 4%). */
  rate: z.number().min(-0.05).max(0.25).default(0.04),
  /** Dividend yield of the underlyings, continuously compounded, as a decimal. */
  dividendYield: z.number().min(0).max(0.25).default(0),
  /** The flip level is searched from spot − this % to spot + this %. */
  flipRangePercent: z.number().gt(0).lt(100).default(20),
  /** Step between the hypothetical spots of the flip grid, in %. */
  flipStepPercent: z.number().gt(0).max(10).default(0.5),
  /** The chain is re-priced at the live spot when it has moved more than this % from the spot last priced. */
  repriceStepPercent: z.number().gt(0).max(50).default(0.5),
}).superRefine((gex, ctx) => {
  if (gex.flipStepPercent >= gex.flipRangePercent) {
    ctx.addIssue({
      code: 'custom',
      path: ['flipStepPercent'],
      message: `flipStepPercent (${gex.flipStepPercent}) is not smaller than flipRangePercent (${gex.flipRangePercent}): the flip grid needs several points; lower it or widen the range`,
    });
  }
});

export type GexConfig = z.infer<typeof gexSchema>;
