import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/config/configError';
import { loadConfigFile, loadEnv } from '../../../core/config/loadConfig';
import { resolveSettings } from '../../../core/config/settings';
import { vpinBucketVolume } from '../../../core/config/vpinSchema';
import { tempDir } from '../../support/testRedis';

function writeConfig(text: string): string {
  const file = path.join(tempDir('alphatrader-config-'), 'config.yaml');
  fs.writeFileSync(file, text);
  return file;
}

function problemsOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

const minimal = 'symbols:\n  - { symbol: SPY, dataClass: level2 }\n';

describe('config.yaml validation', () => {
  it('loads the shipped config with every symbol and its data class', () => {
    const config = loadConfigFile('config/config.yaml');
    expect(config.symbols.map((s) => s.symbol)).toContain('SPY');
    expect(config.symbols.find((s) => s.symbol === 'SPY')?.dataClass).toBe('level2');
    expect(config.symbols.find((s) => s.symbol === 'AAPL')?.dataClass).toBe('standard');
    expect(config.risk.approvalMode).toBe('manual');
  });

  it('takes how long a silent Redis connection is tolerated from redis.socketTimeoutSeconds, and refuses one under half a second', () => {
    expect(loadConfigFile(writeConfig(minimal)).redis.socketTimeoutSeconds).toBe(10);
    expect(loadConfigFile(writeConfig(`${minimal}redis:\n  socketTimeoutSeconds: 3\n`)).redis).toMatchObject({ port: 6390, socketTimeoutSeconds: 3 });
    expect(problemsOf(() => loadConfigFile(writeConfig(`${minimal}redis:\n  socketTimeoutSeconds: 0\n`)))).toMatch(/redis\.socketTimeoutSeconds/);
  });

  it('fills defaults for omitted sections so a minimal file is enough', () => {
    const config = loadConfigFile(writeConfig(minimal));
    expect(config.source).toBe('sim');
    expect(config.web.port).toBe(8600);
    expect(config.alphaVantage.callsPerMinute).toBe(590);
  });

  it('names the file, the key, the value and what was expected for a wrong value', () => {
    const file = writeConfig(`${minimal}risk:\n  maxOrderNotional: -5\n`);
    const message = problemsOf(() => loadConfigFile(file));
    expect(message).toContain(file);
    expect(message).toContain('risk.maxOrderNotional');
    expect(message).toContain('got -5');
    expect(message).toMatch(/expected .*>0/);
  });

  it('reads the options-flow settings and refuses a bad or unknown one by its key', () => {
    expect(loadConfigFile(writeConfig(minimal)).analytics.flow).toMatchObject({ volumeOverOpenInterest: 1, timesAverage: 5, atmTargetDays: 30, ivHistoryDays: 252 });
    const message = problemsOf(() => loadConfigFile(writeConfig(`${minimal}analytics:\n  flow:\n    timesAverage: 0.5\n    atmTargetDay: 30\n`)));
    expect(message).toContain('analytics.flow.timesAverage');
    expect(message).toContain('got 0.5');
    expect(message).toContain('analytics.flow.atmTargetDay');
  });

  it('names the index of a bad symbol entry', () => {
    const message = problemsOf(() => loadConfigFile(writeConfig('symbols:\n  - { symbol: SPY, dataClass: level3 }\n')));
    expect(message).toContain('symbols[0].dataClass');
    expect(message).toContain('got "level3"');
    expect(message).toMatch(/level2.*standard/);
  });

  it('refuses more level2 symbols than TWS depth requests, and more symbols than market-data lines, saying what to change', () => {
    const four = ['SPY', 'QQQ', 'IWM', 'DIA'].map((s) => `  - { symbol: ${s}, dataClass: level2 }`).join('\n');
    const depth = problemsOf(() => loadConfigFile(writeConfig(`symbols:\n${four}\n`)));
    expect(depth).toContain('4 level2 symbols (SPY, QQQ, IWM, DIA) need 4 depth requests but ibkr.depthRequests is 3');
    expect(loadConfigFile(writeConfig(`ibkr: { depthRequests: 4 }\nsymbols:\n${four}\n`)).symbols).toHaveLength(4);

    const standard = ['AAPL', 'MSFT', 'NVDA'].map((s) => `  - { symbol: ${s}, dataClass: standard }`).join('\n');
    const lines = problemsOf(() => loadConfigFile(writeConfig(`ibkr: { marketDataLines: 4 }\nsymbols:\n${minimal.split('\n')[1]}\n${standard}\n`)));
    expect(lines).toContain('4 symbols need 5 market-data lines (2 per level2 symbol, 1 per standard) but ibkr.marketDataLines is 4');
  });

  it('validates the risk limits: a rate per second above the rate per minute, a band past 100%, a bad calendar', () => {
    const rates = problemsOf(() => loadConfigFile(writeConfig(`${minimal}risk:\n  maxOrdersPerSecond: 10\n  maxOrdersPerMinute: 5\n`)));
    expect(rates).toContain('risk.maxOrdersPerSecond: maxOrdersPerSecond (10) is more than maxOrdersPerMinute (5)');
    const values = problemsOf(() => loadConfigFile(writeConfig(`${minimal}risk:\n  priceBandPercent: 150\n  marketCalendar: lse\n`)));
    expect(values).toContain('risk.priceBandPercent: got 150, expected number to be <=100');
    expect(values).toContain('risk.marketCalendar: got "lse"');
    const config = loadConfigFile(writeConfig(`${minimal}risk:\n  maxDeltaDollars: 250000\n  maxGammaDollars: null\n`));
    expect(config.risk).toMatchObject({ maxDeltaDollars: 250_000, maxGammaDollars: null, maxVegaDollars: null, maxDailyLoss: 5_000, marketCalendar: 'nyse' });
  });

  it('validates the VPIN settings by key: a bad classification, an exit above the alert level, a bad daily volume', () => {
    const values = problemsOf(() => loadConfigFile(writeConfig(`${minimal}analytics:\n  vpin:\n    classification: tick\n    dailyVolumes: { SPY: -1 }\n`)));
    expect(values).toContain('analytics.vpin.classification: got "tick"');
    expect(values).toContain('analytics.vpin.dailyVolumes.SPY: got -1');
    const levels = problemsOf(() => loadConfigFile(writeConfig(`${minimal}analytics:\n  vpin: { alertLevel: 0.7, exitLevel: 0.8 }\n`)));
    expect(levels).toContain('analytics.vpin.exitLevel: exitLevel (0.8) is above alertLevel (0.7)');
    const config = loadConfigFile(writeConfig(`${minimal}analytics:\n  vpin: { dailyVolumes: { SPY: 60000000 } }\n`));
    expect(config.analytics.vpin).toMatchObject({ buckets: 50, bucketsPerDay: 50, classification: 'bulk', barSeconds: 60, alertLevel: 0.9, exitLevel: 0.8 });
    expect(vpinBucketVolume(config.analytics.vpin, 'SPY')).toBe(1_200_000);
    expect(vpinBucketVolume(config.analytics.vpin, 'QQQ')).toBe(1_000_000);
  });

  it('reports an unknown key instead of ignoring it', () => {
    const message = problemsOf(() => loadConfigFile(writeConfig(`${minimal}risk:\n  maxOrderNotionl: 100\n`)));
    expect(message).toContain('risk.maxOrderNotionl: unknown key');
  });

  it('says a required section is missing', () => {
    const message = problemsOf(() => loadConfigFile(writeConfig('source: sim\n')));
    expect(message).toContain('symbols: got nothing (missing)');
  });

  it('reports YAML syntax errors and a missing file by name', () => {
    expect(problemsOf(() => loadConfigFile(writeConfig('symbols: [\n')))).toContain('YAML syntax');
    expect(problemsOf(() => loadConfigFile('/nonexistent/config.yaml'))).toContain('/nonexistent/config.yaml');
  });

  it('says in a sentence that a config path which is not a readable file cannot be read', () => {
    const folder = tempDir();
    expect(problemsOf(() => loadConfigFile(folder))).toContain(`cannot read ${folder}: it is a folder, not a file`);
  });
});

describe('environment and flags', () => {
  it('rejects a non-numeric IB_PORT naming the variable and value', () => {
    const message = problemsOf(() => loadEnv('/nonexistent/.env', { IB_PORT: 'seventy' }));
    expect(message).toContain('IB_PORT');
    expect(message).toContain('"seventy"');
  });

  it('lets .env supply values and the process environment override them', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.env'), 'IB_PORT=4002\nIB_HOST=10.0.0.5\n');
    const env = loadEnv(path.join(dir, '.env'), { IB_HOST: '127.0.0.1' });
    expect(env.IB_PORT).toBe(4002);
    expect(env.IB_HOST).toBe('127.0.0.1');
  });

  it('resolves flags over env over config', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'config/config.yaml'), `${minimal}ibkr:\n  port: 7496\n`);
    const settings = resolveSettings({ port: '9100', source: 'ibkr' }, dir, { ALPHATRADER_PORT: '9000', IB_CLIENT_ID: '5' });
    expect(settings.webPort).toBe(9100);
    expect(settings.source).toBe('ibkr');
    expect(settings.ib).toEqual({ host: '127.0.0.1', port: 7496, clientId: 5 });
    expect(settings.dataDir).toBe(path.join(dir, 'data'));
  });

  it('never shows the password of a refused REDIS_URL or URL, however malformed', () => {
    const message = problemsOf(() =>
      loadEnv('/nonexistent/.env', { REDIS_URL: 'redis//:hunter2@127.0.0.1:6390/0', ALPHAVANTAGE_BASE_URL: 'https//me:s3cret@example.com' }),
    );
    expect(message).toContain('REDIS_URL: got "***@127.0.0.1:6390/0"');
    expect(message).toContain('ALPHAVANTAGE_BASE_URL: got "***@example.com", expected a URL such as https://www.alphavantage.co');
    expect(message).not.toMatch(/hunter2|s3cret/);
  });

  it('refuses an unknown LOG_LEVEL by name and passes a valid one on', () => {
    expect(problemsOf(() => loadEnv('/nonexistent/.env', { LOG_LEVEL: 'loud' }))).toContain('LOG_LEVEL: got "loud", expected one of');
    expect(loadEnv('/nonexistent/.env', { LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
  });

  it('says an .env path that is a folder cannot be read', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '.env'));
    expect(problemsOf(() => loadEnv(path.join(dir, '.env'), {}))).toContain('it is a folder, not a file');
  });

  it('refuses some of X’s four OAuth 1.0a keys without the others, naming each missing variable and showing no value', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'config/config.yaml'), minimal);
    fs.writeFileSync(path.join(dir, '.env'), 'X_API_KEY=consumer-key-value\nX_ACCESS_TOKEN=access-token-value\n');
    const message = problemsOf(() => resolveSettings({}, dir, { X_API_SECRET: 'consumer-secret-value' }));
    const needs = "X's OAuth 1.0a sign-in needs all four of X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET (or none of them, to use X_USER_TOKEN)";
    expect(message).toBe(
      'Invalid configuration in environment (.env or process env):\n'
      + `  - X_ACCESS_TOKEN_SECRET: missing while X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN are set: ${needs}`,
    );
    expect(problemsOf(() => loadEnv('/nonexistent/.env', { X_ACCESS_TOKEN_SECRET: 'token-secret-value' }))).toContain(
      '  - X_API_KEY: missing while X_ACCESS_TOKEN_SECRET is set',
    );
    expect(message).not.toMatch(/-value/);
  });

  it('reads all four X OAuth 1.0a keys into the distribution secrets, and none when none is set', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'config/config.yaml'), minimal);
    const env = { X_API_KEY: 'k', X_API_SECRET: 'ks', X_ACCESS_TOKEN: 't', X_ACCESS_TOKEN_SECRET: 'ts', X_USER_TOKEN: 'u' };
    expect(resolveSettings({}, dir, env).distributionSecrets).toMatchObject({ xUserToken: 'u', xOAuth1: { apiKey: 'k', apiSecret: 'ks', accessToken: 't', accessTokenSecret: 'ts' } });
    expect(resolveSettings({}, dir, { X_USER_TOKEN: 'u' }).distributionSecrets).toMatchObject({ xUserToken: 'u', xOAuth1: undefined });
  });

  it('refuses a bad --source flag with the accepted values', () => {
    expect(problemsOf(() => resolveSettings({ source: 'tws' }, '.', {}))).toContain('--source: got "tws", expected "sim" or "ibkr"');
  });
});
