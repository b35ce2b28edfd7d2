import { z } from 'zod';
import { X_OAUTH1_VARIABLES } from '../distribution/channels/xAuth';
import { discoverySchema } from './discoverySchema';
import { distributionSchema } from './distributionSchema';
import { gexSchema } from './gexSchema';
import { morningAnalysisSchema } from './morningAnalysisSchema';
import { flowSchema } from './flowSchema';
import { riskSchema } from './riskSchema';
import { signalSymbolProblems, signalsSchema } from './signalsSchema';
import { vpinSchema } from './vpinSchema';

/** config/config.yaml. Strict objects: an unknown key is an error that names it, never silently ignored. */
const port = z.number().int().min(0).max(65535);
const urlExpected = 'a URL such as https://www.alphavantage.co';
const symbolName = z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'an upper-case ticker such as SPY');

export const dataClassSchema = z.enum(['level2', 'standard']);

export const symbolSchema = z.strictObject({
  symbol: symbolName,
  dataClass: dataClassSchema,
  /** ETFs have no news sentiment coverage. */
  etf: z.boolean().default(false),
  /** Refreshed first at start-up and in tight budgets. */
  priority: z.boolean().default(false),
});

export const configSchema = z.strictObject({
  source: z.enum(['sim', 'ibkr']).default('sim'),
  /** Name written into the audit trail for actions taken from this workstation. */
  operator: z.string().min(1).default('trader'),
  web: z.strictObject({ host: z.literal('127.0.0.1').default('127.0.0.1'), port: port.default(8600) }).prefault({}),
  redis: z.strictObject({
    port: port.default(6390),
    /** A connection with commands waiting that hears nothing this long (a frozen redis-server) is dropped and reopened. */
    socketTimeoutSeconds: z.number().min(0.5).max(600).default(10),
  }).prefault({}),
  ibkr: z.strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(7497),
    clientId: z.number().int().min(0).max(2_147_483_647).default(17),
    /** TWS's market-data lines for this account (100 unless bought with quote boosters). */
    marketDataLines: z.number().int().min(1).max(10_000).default(100),
    /** TWS's simultaneous depth requests (3 unless raised with depth boosters). */
    depthRequests: z.number().int().min(0).max(100).default(3),
  }).prefault({}),
  sim: z.strictObject({
    seed: z.number().int().default(42),
    speed: z.number().positive().max(1000).default(1),
    gatewayPort: port.default(0),
    alphaVantagePort: port.default(0),
    /** The Alpha Vantage plan the embedded endpoint plays: premium600, premium75 (no realtime options), free (25 calls/day). */
    alphaVantagePlan: z.enum(['premium600', 'premium75', 'free']).default('premium600'),
    /**
     * enforced: the simulated exchange keeps US trading hours by the market clock (today's clock in the workstation),
     * holding or rejecting orders as TWS does; always-open: it never closes (practice at any hour).
     */
    tradingHours: z.enum(['enforced', 'always-open']).default('enforced'),
  }).prefault({}),
  alphaVantage: z.strictObject({
    baseUrl: z.url(urlExpected).default('https://www.alphavantage.co'),
    callsPerMinute: z.number().int().min(1).max(1200).default(590),
    /** Sent as entitlement= on intraday indicators: realtime, or delayed (15 minutes) on plans that only include that. */
    entitlement: z.enum(['realtime', 'delayed']).default('realtime'),
    /** Without realtime options on the plan: show the previous session's chains (HISTORICAL_OPTIONS), or none. */
    optionsFallback: z.enum(['historical', 'none']).default('historical'),
  }).prefault({}),
  symbols: z.array(symbolSchema).min(1),
  schedules: z.strictObject({
    discoveryMinutes: z.number().positive().default(15),
    optionsRefreshSeconds: z.number().positive().default(60),
    sentimentRefreshMinutes: z.number().positive().default(15),
    technicalsRefreshMinutes: z.number().positive().default(5),
    staleAfterSeconds: z.number().positive().default(10),
  }).prefault({}),
  execution: z.strictObject({
    /** The order ticket asks the trader to confirm an order whose notional (price × quantity × multiplier) is above this. */
    confirmNotionalAbove: z.number().positive().default(25_000),
  }).prefault({}),
  risk: riskSchema.prefault({}),
  analytics: z.strictObject({
    vpin: vpinSchema.prefault({}),
    gex: gexSchema.prefault({}),
    /** Options flow (README "Analytics methods"). */
    flow: flowSchema.prefault({}),
  }).prefault({}),
  /** Parameter discovery's history and inputs (README "Parameter discovery"). */
  discovery: discoverySchema.prefault({}),
  /** The strategies and the approval queue (README "Signals and approval"). */
  signals: signalsSchema.prefault({}),
  /** The pre-market note from an LLM, or by rules without a key (README "Morning analysis"). */
  morningAnalysis: morningAnalysisSchema.prefault({}),
  /** Messages to Discord, Telegram and X (README "Distribution"). */
  distribution: distributionSchema.prefault({}),
}).superRefine((config, ctx) => {
  for (const problem of signalSymbolProblems(config.signals, config.symbols)) ctx.addIssue({ code: 'custom', ...problem });
  const level2 = config.symbols.filter((s) => s.dataClass === 'level2').map((s) => s.symbol);
  if (level2.length > config.ibkr.depthRequests) {
    ctx.addIssue({
      code: 'custom',
      path: ['symbols'],
      message: `${level2.length} level2 symbols (${level2.join(', ')}) need ${level2.length} depth requests but ibkr.depthRequests is ${config.ibkr.depthRequests}: make some standard or raise ibkr.depthRequests`,
    });
  }
  const lines = marketDataLinesFor(config.symbols);
  if (lines > config.ibkr.marketDataLines) {
    ctx.addIssue({
      code: 'custom',
      path: ['symbols'],
      message: `${config.symbols.length} symbols need ${lines} market-data lines (2 per level2 symbol, 1 per standard) but ibkr.marketDataLines is ${config.ibkr.marketDataLines}: remove symbols or raise ibkr.marketDataLines`,
    });
  }
});

/** Ticker lines the ingestion opens: a level2 symbol has a quote line and a trade line, a standard symbol one. */
export function marketDataLinesFor(symbols: ReadonlyArray<{ dataClass: 'level2' | 'standard' }>): number {
  return symbols.reduce((n, s) => n + (s.dataClass === 'level2' ? 2 : 1), 0);
}

export type AppConfig = z.infer<typeof configSchema>;
export type SymbolConfig = z.infer<typeof symbolSchema>;

/** Environment variables (.env or the process environment): secrets and connection settings. */
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const envPort = z.coerce.number().int().min(0).max(65535);

export const envSchema = z.object({
  ALPHATRADER_CONFIG: z.string().min(1).optional(),
  ALPHATRADER_DATA_DIR: z.string().min(1).optional(),
  ALPHATRADER_PORT: envPort.optional(),
  ALPHATRADER_HEADLESS: flag.optional(),
  ALPHATRADER_SOURCE: z.enum(['sim', 'ibkr']).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').optional(),
  IB_HOST: z.string().min(1).optional(),
  IB_PORT: envPort.optional(),
  IB_CLIENT_ID: z.coerce.number().int().min(0).optional(),
  ALPHAVANTAGE_API_KEY: z.string().min(1).optional(),
  ALPHAVANTAGE_BASE_URL: z.url(urlExpected).optional(),
  /** The morning analysis's chat-completions key (OpenAI or a compatible provider); without it the summary is rule-based. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  // Distribution secrets: checked for presence only, so a bad value is never echoed in an error.
  DISCORD_WEBHOOK_URL: z.string().min(1).optional(),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  TELEGRAM_CHAT_ID: z.string().min(1).optional(),
  X_USER_TOKEN: z.string().min(1).optional(),
  X_API_KEY: z.string().min(1).optional(),
  X_API_SECRET: z.string().min(1).optional(),
  X_ACCESS_TOKEN: z.string().min(1).optional(),
  X_ACCESS_TOKEN_SECRET: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
}).superRefine((env, ctx) => {
  // X's OAuth 1.0a keys are used only as a set of four: some of them set is a mistake, named at start-up.
  const set = X_OAUTH1_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0 || set.length === X_OAUTH1_VARIABLES.length) return;
  const given = `${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set`;
  for (const name of X_OAUTH1_VARIABLES.filter((n) => env[n] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [name], message: `missing while ${given}: X's OAuth 1.0a sign-in needs all four of ${X_OAUTH1_VARIABLES.join(', ')} (or none of them, to use X_USER_TOKEN)` });
  }
});

export type AppEnv = z.infer<typeof envSchema>;
