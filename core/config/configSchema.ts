import { z } from 'zod';

/** config/config.yaml. Strict objects: an unknown key is an error that names it, never silently ignored. */
const port = z.number().int().min(0).max(65535);
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
  redis: z.strictObject({ port: port.default(6390) }).prefault({}),
  ibkr: z.strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(7497),
    clientId: z.number().int().min(0).max(2_147_483_647).default(17),
  }).prefault({}),
  sim: z.strictObject({
    seed: z.number().int().default(42),
    speed: z.number().positive().max(1000).default(1),
    gatewayPort: port.default(0),
    alphaVantagePort: port.default(0),
  }).prefault({}),
  alphaVantage: z.strictObject({
    baseUrl: z.url().default('https://www.alphavantage.co'),
    callsPerMinute: z.number().int().min(1).max(1200).default(590),
  }).prefault({}),
  symbols: z.array(symbolSchema).min(1),
  schedules: z.strictObject({
    discoveryMinutes: z.number().positive().default(15),
    optionsRefreshSeconds: z.number().positive().default(60),
    sentimentRefreshMinutes: z.number().positive().default(15),
    technicalsRefreshMinutes: z.number().positive().default(5),
    staleAfterSeconds: z.number().positive().default(10),
  }).prefault({}),
  risk: z.strictObject({
    approvalMode: z.enum(['manual', 'auto']).default('manual'),
    maxOrderNotional: z.number().positive().default(50_000),
    maxPositionPerSymbol: z.number().int().positive().default(1_000),
    maxOpenOrders: z.number().int().positive().default(20),
    maxDailyLoss: z.number().positive().default(5_000),
    maxStaleDataSeconds: z.number().positive().default(5),
  }).prefault({}),
});

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
  ALPHAVANTAGE_BASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type AppEnv = z.infer<typeof envSchema>;
