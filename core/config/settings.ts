import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { XOAuth1Keys } from '../distribution/channels/xAuth';
import { ConfigError } from './configError';
import type { AppConfig, AppEnv } from './configSchema';
import { loadConfigFile, loadEnv } from './loadConfig';

/** Everything the engine needs to start, resolved from flags, then env, then config.yaml, then defaults. */
export interface Settings {
  configPath: string;
  dataDir: string;
  webPort: number;
  headless: boolean;
  source: 'sim' | 'ibkr';
  /** --record FILE: the market as the engine hears it is written there in the simulator's session format. */
  recordPath: string | undefined;
  redisUrl: string | undefined;
  /** LOG_LEVEL, validated; undefined leaves the logger's default. */
  logLevel: AppEnv['LOG_LEVEL'];
  ib: { host: string; port: number; clientId: number };
  alphaVantage: {
    apiKey: string | undefined;
    baseUrl: string;
    callsPerMinute: number;
    entitlement: 'realtime' | 'delayed';
    optionsFallback: 'historical' | 'none';
  };
  /** The morning analysis's chat-completions key (OPENAI_API_KEY); never logged. */
  llmApiKey: string | undefined;
  /** The distribution channels' secrets (.env only, never logged). */
  distributionSecrets: DistributionSecrets;
  config: AppConfig;
}

export interface DistributionSecrets {
  discordWebhookUrl: string | undefined;
  telegramBotToken: string | undefined;
  telegramChatId: string | undefined;
  /** X's OAuth 2.0 user-context token (expires after two hours); used only without xOAuth1. */
  xUserToken: string | undefined;
  /** X's OAuth 1.0a keys (they do not expire): all four set, or undefined. */
  xOAuth1: XOAuth1Keys | undefined;
}

/** Every secret value among them, for the redactor: whatever is added here is cut out of errors and logs. */
export function distributionSecretValues(secrets: DistributionSecrets): Array<string | undefined> {
  return [secrets.discordWebhookUrl, secrets.telegramBotToken, secrets.xUserToken, ...Object.values(secrets.xOAuth1 ?? {})];
}

/** The four X_* OAuth 1.0a variables as keys (the env schema has refused a partial set), or undefined. */
function xOAuth1Keys(env: AppEnv): XOAuth1Keys | undefined {
  const { X_API_KEY: apiKey, X_API_SECRET: apiSecret, X_ACCESS_TOKEN: accessToken, X_ACCESS_TOKEN_SECRET: accessTokenSecret } = env;
  return apiKey && apiSecret && accessToken && accessTokenSecret ? { apiKey, apiSecret, accessToken, accessTokenSecret } : undefined;
}

export interface Flags {
  port?: string;
  'data-dir'?: string;
  config?: string;
  headless?: boolean;
  source?: string;
  record?: string;
}

export function parseFlags(argv: string[]): Flags {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        headless: { type: 'boolean' },
        source: { type: 'string' },
        record: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (error) {
    throw new ConfigError('command line', [(error as Error).message]);
  }
}

function flagPort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('command line', [`--port: got ${JSON.stringify(value)}, expected a port number 0..65535`]);
  }
  return port;
}

function flagSource(value: string | undefined): 'sim' | 'ibkr' | undefined {
  if (value === undefined || value === 'sim' || value === 'ibkr') return value;
  throw new ConfigError('command line', [`--source: got ${JSON.stringify(value)}, expected "sim" or "ibkr"`]);
}

/** A recording never overwrites: an existing file is refused at start, by name. */
function newFile(file: string): string {
  if (existsSync(file)) throw new ConfigError('command line', [`--record: ${file} exists; name a new file (a recording is never overwritten)`]);
  if (!existsSync(path.dirname(file))) throw new ConfigError('command line', [`--record: the folder ${path.dirname(file)} does not exist`]);
  return file;
}

export function resolveSettings(flags: Flags, projectRoot: string, processEnv: NodeJS.ProcessEnv = process.env): Settings {
  const env: AppEnv = loadEnv(path.join(projectRoot, '.env'), processEnv);
  const configPath = path.resolve(projectRoot, flags.config ?? env.ALPHATRADER_CONFIG ?? 'config/config.yaml');
  const config = loadConfigFile(configPath);
  return {
    configPath,
    dataDir: path.resolve(projectRoot, flags['data-dir'] ?? env.ALPHATRADER_DATA_DIR ?? 'data'),
    webPort: flagPort(flags.port) ?? env.ALPHATRADER_PORT ?? config.web.port,
    headless: flags.headless ?? env.ALPHATRADER_HEADLESS ?? false,
    source: flagSource(flags.source) ?? env.ALPHATRADER_SOURCE ?? config.source,
    recordPath: flags.record === undefined ? undefined : newFile(path.resolve(projectRoot, flags.record)),
    redisUrl: env.REDIS_URL,
    logLevel: env.LOG_LEVEL,
    ib: { host: env.IB_HOST ?? config.ibkr.host, port: env.IB_PORT ?? config.ibkr.port, clientId: env.IB_CLIENT_ID ?? config.ibkr.clientId },
    alphaVantage: {
      apiKey: env.ALPHAVANTAGE_API_KEY,
      baseUrl: env.ALPHAVANTAGE_BASE_URL ?? config.alphaVantage.baseUrl,
      callsPerMinute: config.alphaVantage.callsPerMinute,
      entitlement: config.alphaVantage.entitlement,
      optionsFallback: config.alphaVantage.optionsFallback,
    },
    llmApiKey: env.OPENAI_API_KEY,
    distributionSecrets: {
      discordWebhookUrl: env.DISCORD_WEBHOOK_URL, telegramBotToken: env.TELEGRAM_BOT_TOKEN, telegramChatId: env.TELEGRAM_CHAT_ID,
      xUserToken: env.X_USER_TOKEN, xOAuth1: xOAuth1Keys(env),
    },
    config,
  };
}
