import { z } from 'zod';
import type { MocImbalanceSettings } from '../signals/mocImbalance';
import type { OneDteSettings } from '../signals/oneDte';
import type { SwingSettings } from '../signals/swing';
import type { ZeroDteSettings } from '../signals/zeroDte';

/**
 * config.yaml `signals:` the strategies (README "Signals and approval"): which run on which symbols, in which New York
 * time window, how they size, whether their proposals wait for a trader, and each rule's parameters. The rule
 * parameters become the strategy's Settings (core/signals/*.ts) with the window in minutes since New York midnight.
 */

/** "HH:MM" New York time → minutes since midnight. */
const nyTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a New York time "HH:MM" such as "09:45"')
  .transform((text) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5)));

const window = (from: string, to: string) =>
  z
    .strictObject({ from: nyTime.prefault(from), to: nyTime.prefault(to) })
    .prefault({})
    .refine((w) => w.from < w.to, { message: 'window.from must be before window.to (New York time, same day)' });

export const automationModes = ['manual', 'auto', 'off'] as const;

/** What every strategy has: on/off, its symbols, automation and its limits, the loss budget a trade. */
const common = (defaults: { symbols: string[]; maxQuantity: number }) => ({
  enabled: z.boolean().default(true),
  /** Configured symbols (validated against `symbols:`). */
  symbols: z.array(z.string()).default(defaults.symbols),
  /** manual: proposals wait for a trader; auto: placed without approval within the limits below; off: not evaluated. */
  automation: z.enum(automationModes).default('manual'),
  /** auto: at most this many orders in any 60 minutes; more wait in the queue. */
  maxOrdersPerHour: z.number().int().min(0).max(1_000).default(2),
  /** auto: a proposal larger than this (shares or contracts) waits in the queue. */
  maxQuantity: z.number().int().positive().default(defaults.maxQuantity),
  /** Dollars a trade may lose at its stop: the size is this over the stop distance. */
  maxLossPerTrade: z.number().positive().default(500),
});

const optionTrade = {
  targetDelta: z.number().gt(0).lt(1).default(0.3),
  maxRelativeSpread: z.number().positive().max(2).default(0.2),
  stopFraction: z.number().gt(0).lt(1).default(0.5),
  targetMultiple: z.number().gt(1).max(20).default(2),
  maxContracts: z.number().int().positive().default(20),
};

const zeroDte = z
  .strictObject({
    ...common({ symbols: [], maxQuantity: 5 }),
    window: window('09:45', '15:30'),
    ...optionTrade,
    lookbackBars: z.number().int().min(2).max(200).default(30),
    momentumZ: z.number().positive().default(2),
    vpinCdf: z.number().min(0).max(1).default(0.9),
    sweepWithinMs: z.number().int().positive().default(120_000),
    minConfirmations: z.number().int().min(0).max(3).default(2),
    maxInputAgeMs: z.number().int().positive().default(180_000),
  })
  .prefault({});

const oneDte = z
  .strictObject({
    ...common({ symbols: [], maxQuantity: 5 }),
    window: window('15:00', '15:50'),
    ...optionTrade,
    maxDays: z.number().int().min(1).max(7).default(4),
    dayMovePercent: z.number().positive().default(0.5),
    callLeanRatio: z.number().gt(0).lt(1).default(0.7),
    imbalance: z.number().gt(0).max(1).default(0.2),
    minConfirmations: z.number().int().min(0).max(3).default(2),
    maxInputAgeMs: z.number().int().positive().default(600_000),
  })
  .prefault({});

const swing = z
  .strictObject({
    ...common({ symbols: [], maxQuantity: 5 }),
    window: window('10:00', '15:30'),
    ...optionTrade,
    targetDelta: z.number().gt(0).lt(1).default(0.4),
    minDays: z.number().int().min(1).max(365).default(14),
    maxDays: z.number().int().min(1).max(365).default(45),
    rsiStretched: z.number().gt(50).lt(100).default(70),
    sentimentScore: z.number().gt(0).max(1).default(0.15),
    minArticles: z.number().int().min(0).default(3),
    minConfirmations: z.number().int().min(0).max(3).default(2),
    maxTechnicalsAgeMs: z.number().int().positive().default(3 * 86_400_000),
  })
  .prefault({})
  .refine((s) => s.minDays <= s.maxDays, { message: 'minDays must not be more than maxDays' });

const mocImbalance = z
  .strictObject({
    ...common({ symbols: [], maxQuantity: 500 }),
    window: window('15:40', '15:50'),
    imbalance: z.number().gt(0).max(1).default(0.3),
    lookbackBars: z.number().int().min(2).max(200).default(24),
    momentumZ: z.number().positive().default(1),
    sweepWithinMs: z.number().int().positive().default(300_000),
    minConfirmations: z.number().int().min(0).max(2).default(1),
    stopSigmas: z.number().positive().default(2),
    maxShares: z.number().int().positive().default(1_000),
  })
  .prefault({});

export const signalsSchema = z.strictObject({
  /** A proposal not decided within this many seconds expires. */
  proposalTtlSeconds: z.number().int().min(5).max(3_600).default(120),
  /** A proposal whose underlying moved more than this % since it was made needs `confirmed: true` to approve. */
  reconfirmMovePercent: z.number().positive().max(100).default(0.3),
  /** Each strategy looks at a symbol at most once per this many ms. */
  evaluateEveryMs: z.number().int().min(50).max(600_000).default(1_000),
  zeroDte,
  oneDte,
  swing,
  mocImbalance,
});

export type SignalsConfig = z.infer<typeof signalsSchema>;
type StrategyConfigs = Pick<SignalsConfig, 'zeroDte' | 'oneDte' | 'swing' | 'mocImbalance'>;

/** What the strategy's pure rule reads (core/signals/*.ts Settings), from its config section. */
export function strategySettings(config: StrategyConfigs): {
  zeroDte: ZeroDteSettings;
  oneDte: OneDteSettings;
  swing: SwingSettings;
  mocImbalance: MocImbalanceSettings;
} {
  const strip = <T extends { enabled: unknown; symbols: unknown; automation: unknown; maxOrdersPerHour: unknown; maxQuantity: unknown; window: { from: number; to: number } }>(
    c: T,
  ) => {
    const { enabled: _e, symbols: _s, automation: _a, maxOrdersPerHour: _o, maxQuantity: _q, window: w, ...rule } = c;
    return { ...rule, fromMinute: w.from, toMinute: w.to };
  };
  return { zeroDte: strip(config.zeroDte), oneDte: strip(config.oneDte), swing: strip(config.swing), mocImbalance: strip(config.mocImbalance) };
}

/** The strategies' symbols must be configured; the MOC imbalance strategy trades ETFs only. */
export function signalSymbolProblems(signals: StrategyConfigs, symbols: ReadonlyArray<{ symbol: string; etf: boolean }>): Array<{ path: string[]; message: string }> {
  const problems: Array<{ path: string[]; message: string }> = [];
  const known = new Map(symbols.map((s) => [s.symbol, s]));
  for (const name of ['zeroDte', 'oneDte', 'swing', 'mocImbalance'] as const) {
    signals[name].symbols.forEach((symbol, i) => {
      const configured = known.get(symbol);
      if (!configured) {
        problems.push({ path: ['signals', name, 'symbols', String(i)], message: `${symbol} is not a configured symbol (symbols: ${[...known.keys()].join(', ')})` });
      } else if (name === 'mocImbalance' && !configured.etf) {
        problems.push({ path: ['signals', name, 'symbols', String(i)], message: `${symbol} is not an ETF: the MOC imbalance strategy trades ETFs only (etf: true in symbols:)` });
      }
    });
  }
  return problems;
}
