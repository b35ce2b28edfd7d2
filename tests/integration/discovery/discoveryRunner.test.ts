import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DiscoveryModule } from '../../../core/app/discoveryModule';
import { DiscoveryBusyError } from '../../../core/app/discoveryRunner';
import { VpinModule } from '../../../core/app/vpinModule';
import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import { configSchema } from '../../../core/config/configSchema';
import type { DiscoveryRun, DiscoveryView, MarketMakerProfiles } from '../../../core/market/discoveryReading';
import type { VpinBucketSize } from '../../../core/market/vpinReading';
import { LEVEL2_PARTICIPANTS } from '../../../core/sim/market/marketMakers';
import { createMarketModel } from '../../../core/sim/market/marketModel';
import { VolatilityRegime, type RegimeName } from '../../../core/sim/market/volatilityRegime';
import { BLOCK_MIN } from '../../../core/sim/market/tradeSizes';
import { keys } from '../../../core/store/keys';
import { connectRedis } from '../../../core/store/redisConnection';
import { seedDiscoveryHistory, type SeededHistory } from '../../support/discoveryHistorySeed';
import { eventually } from '../../support/eventually';
import { startTestRedis, tempDir, type TestRedis } from '../../support/testRedis';

/** The three Level 2 ETFs, a single name and VXX (loaded negatively on the market factor). */
const SYMBOLS = ['SPY', 'QQQ', 'IWM', 'AAPL', 'VXX'];
const LEVEL2 = new Set(['SPY', 'QQQ', 'IWM']);
/** This seed's market switches regime once, about an hour before the end: the last hour is all in the new regime. */
const SEED = 11;
const config = configSchema.parse({ symbols: SYMBOLS.map((symbol) => ({ symbol, dataClass: LEVEL2.has(symbol) ? 'level2' : 'standard' })) });

let redis: TestRedis;
let seeded: SeededHistory;
/** The simulated market's regime switches over the seeded history (its own record: the same model, replayed). */
let switches: Array<{ at: number; from: RegimeName; to: RegimeName }>;
const clients: Redis[] = [];
const modules: Array<{ stop(): Promise<void> }> = [];

/** A connection as the engine opens it: commands fail at once while Redis is away. */
async function engineClient(): Promise<Redis> {
  const client = connectRedis(redis.url, 'discovery-test');
  await client.connect();
  clients.push(client);
  return client;
}

async function discoveryModule(options: { dataDir: string; bus?: EngineBus; client?: Redis; reportBadInput?: (source: string, problem: string) => void }): Promise<DiscoveryModule> {
  const module = new DiscoveryModule({
    bus: options.bus ?? createEngineBus(),
    redis: options.client ?? (await engineClient()),
    config,
    dataDir: options.dataDir,
    reportBadInput: options.reportBadInput ?? (() => undefined),
    firstRunDelayMs: 3_600_000, // runs are asked for
  });
  modules.push(module);
  await module.start();
  return module;
}

async function runNow(module: DiscoveryModule, reason: string): Promise<DiscoveryRun> {
  const progress = await module.run('trader via test', reason);
  await module.whenIdle();
  const run = module.latest();
  if (run?.id !== progress.id) throw new Error(`run ${progress.id} did not finish: ${String(module.detail().lastError)}`);
  return run;
}

beforeAll(async () => {
  redis = await startTestRedis();
  // Two hours of the simulated market, ending now: what discovery.historyMinutes (120) asks a run to read.
  const endTs = Date.now();
  seeded = await seedDiscoveryHistory(redis.client, { symbols: SYMBOLS, minutes: 120, seed: SEED, endTs });
  const replay = createMarketModel({ seed: SEED, speed: 1, startTs: seeded.from, symbols: SYMBOLS });
  switches = [];
  replay.on('episode', (e) => {
    if (e.kind === 'regime_switch') switches.push({ at: e.startTs, from: e.detail.from as RegimeName, to: e.detail.to as RegimeName });
  });
  while (replay.now() < endTs) replay.advance(Math.min(1_000, endTs - replay.now()));
}, 240_000);

afterAll(async () => {
  for (const module of modules) await module.stop();
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

describe('a discovery run on the simulated market', () => {
  let dataDir: string;
  let run: DiscoveryRun;
  beforeAll(async () => {
    dataDir = tempDir();
    run = await runNow(await discoveryModule({ dataDir }), 'first');
  }, 120_000);

  it('finds its trade-size clusters — odd lots, round lots, blocks — and a bucket beside the paper’s default', () => {
    for (const symbol of run.symbols) {
      const sizes = symbol.tradeSizes.value!;
      expect(symbol.tradeSizes.refusal, symbol.symbol).toBeNull();
      const centres = sizes.clusters.map((c) => c.centre);
      expect(centres.some((c) => c < 100), `${symbol.symbol}: an odd-lot cluster in ${centres}`).toBe(true);
      expect(sizes.clusters.some((c) => c.low <= 100 && c.high >= 100), `${symbol.symbol}: a cluster holding the 100-share round lot`).toBe(true);
      expect(sizes.clusters.at(-1)!.high, `${symbol.symbol}: blocks of ${BLOCK_MIN}+ shares in the top cluster`).toBeGreaterThanOrEqual(BLOCK_MIN);
      expect(sizes.bucketVolume).toBe(Math.round(sizes.clusters[sizes.chosenCluster]!.centre));
      expect(sizes.paperBucketVolume).toBe(config.analytics.vpin.defaultDailyVolume / 50);
      // The run's window begins a few seconds after the seeded history: nearly all of its trades.
      expect(sizes.sampleSize).toBeLessThanOrEqual(seeded.counts[symbol.symbol]!.trades);
      expect(sizes.sampleSize).toBeGreaterThan(0.99 * seeded.counts[symbol.symbol]!.trades);
    }
  });

  it('finds the market makers of each exchange in the Level 2 books, with their round-lot habits', () => {
    for (const symbol of run.symbols) {
      if (!LEVEL2.has(symbol.symbol)) {
        expect(symbol.marketMakers.value).toBeNull();
        continue;
      }
      const profiles = (symbol.marketMakers.value as MarketMakerProfiles).profiles;
      for (const exchange of new Set(LEVEL2_PARTICIPANTS.map((p) => p.exchange))) {
        const quoting = LEVEL2_PARTICIPANTS.filter((p) => p.exchange === exchange);
        const found = profiles.filter((p) => p.exchange === exchange);
        expect(found.length, `${symbol.symbol} ${exchange}: several market makers`).toBeGreaterThan(1);
        for (const p of found) {
          const habit = quoting.find((q) => q.marketMaker === p.marketMaker)!;
          expect(habit, `${p.marketMaker} quotes on ${exchange} in the simulation`).toBeDefined();
          // Wholesalers quote in lots of 100 or more (a partly filled quote shows the rest); the exchange's own
          // anonymous rows quote odd sizes.
          if (habit.lot >= 100) expect(p.roundLotShare, `${symbol.symbol} ${exchange} ${p.marketMaker}`).toBeGreaterThan(0.7);
          else expect(p.roundLotShare, `${symbol.symbol} ${exchange} ${p.marketMaker}`).toBeLessThan(0.1);
        }
      }
    }
  });

  it('finds its regime switch: the last hour, all in the new regime, is read against the hours before it', () => {
    expect(switches, 'this seed switches once').toHaveLength(1);
    const [{ at, from, to }] = switches as [(typeof switches)[number]];
    expect(seeded.to - at, 'about an hour before the end').toBeGreaterThan(55 * 60_000);
    const vol = (name: RegimeName) => Object.assign(new VolatilityRegime(), { name }).vol;
    const expected = vol(to) < vol(from) ? 'LOW' : 'HIGH';
    for (const symbol of run.symbols) {
      const regime = symbol.volatility.value!;
      expect(regime.regime, `${symbol.symbol}: ${from} → ${to}`).toBe(expected);
      // The rolling hour's volatility moves from the old regime's level to the new one's.
      const series = regime.series.map((p) => p.volatility);
      expect(Math.sign(series.at(-1)! - series[0]!)).toBe(expected === 'LOW' ? -1 : 1);
    }
  });

  it('finds persistent signed volume: the bursts of one-sided flow set a lookback longer than the minimum', () => {
    for (const symbol of run.symbols.filter((s) => s.symbol !== 'VXX')) {
      const signed = symbol.signedVolumeStructure.value!;
      expect(signed.ljungBox.pValue, symbol.symbol).toBeLessThan(0.05);
      expect(signed.significantLags.slice(0, 3), symbol.symbol).toEqual([1, 2, 3]);
      expect(signed.lookbackBars).toBeGreaterThan(10);
    }
  });

  it('finds its correlations: the model’s factor loadings, VXX against the rest', () => {
    const pairs = run.correlations.value!;
    expect(pairs).toHaveLength((SYMBOLS.length * (SYMBOLS.length - 1)) / 2);
    for (const pair of pairs) {
      const target = seeded.model.targetCorrelation(pair.a, pair.b);
      expect(pair.correlation, `${pair.a}/${pair.b}: ${pair.reason}`).not.toBeNull();
      expect(Math.sign(pair.correlation!), `${pair.a}/${pair.b} has the sign of the model's ${target.toFixed(2)}`).toBe(Math.sign(target));
      expect(Math.abs(pair.correlation! - target), `${pair.a}/${pair.b}: ${pair.correlation!.toFixed(3)} against the model's ${target.toFixed(3)}`).toBeLessThan(0.2);
      expect(pair.sampleSize).toBeGreaterThan(1_000);
    }
  });

  it('lands in discovered.yaml, discovery:latest and discovery:runs', async () => {
    const yaml = parse(fs.readFileSync(path.join(dataDir, 'discovered.yaml'), 'utf8')) as { run: { id: number }; symbols: Record<string, { vpinBucket: { shares: number } }> };
    expect(yaml.run.id).toBe(run.id);
    expect(yaml.symbols.SPY!.vpinBucket.shares).toBe(run.symbols[0]!.tradeSizes.value!.bucketVolume);
    expect(JSON.parse((await redis.client.get(keys.discoveryRuns.latest.key))!)).toEqual(run);
    const [newest] = await redis.client.xrevrange(keys.discoveryRuns.runs.key, '+', '-', 'COUNT', 1);
    const fields = newest![1];
    expect(JSON.parse(fields[fields.indexOf('summary') + 1]!)).toMatchObject({ id: run.id, error: null, reason: 'first' });
    expect(JSON.parse(fields[fields.indexOf('run') + 1]!)).toEqual(run);
  });
});

describe('discovery runs over time', () => {
  it('a restarted module reads the last run back, lists the runs, and gives the next run a new id', async () => {
    const dataDir = tempDir();
    const first = await discoveryModule({ dataDir });
    const run = await runNow(first, 'before the restart');
    await first.stop();
    const restarted = await discoveryModule({ dataDir });
    expect(restarted.latest()).toEqual(run);
    const view = await new Promise<DiscoveryView>((resolve) => restarted.topic.subscribe((v) => resolve(v)));
    expect(view.latest?.id).toBe(run.id);
    expect(view.runs[0]).toMatchObject({ id: run.id, reason: 'before the restart' });
    const next = await runNow(restarted, 'after the restart');
    expect(next.id).toBeGreaterThan(run.id);
  });

  it('runs shortly after start-up and then every schedules.discoveryMinutes, saying when the next run is', async () => {
    const bus = createEngineBus();
    const runs: DiscoveryRun[] = [];
    bus.subscribe('parametersDiscovered', (run) => runs.push(run));
    const module = new DiscoveryModule({
      bus,
      redis: await engineClient(),
      config: { ...config, schedules: { ...config.schedules, discoveryMinutes: 0.05 } }, // every 3 s
      dataDir: tempDir(),
      reportBadInput: () => undefined,
      firstRunDelayMs: 200,
    });
    modules.push(module);
    const startedAt = Date.now();
    await module.start();
    expect(module.topic.current).toMatchObject({ intervalMinutes: 0.05, nextRunAt: expect.any(Number) });
    expect(module.topic.current!.nextRunAt! - startedAt).toBeLessThan(1_000);
    const fresh = () => runs.filter((r) => r.startedAt >= startedAt); // not the run read back at start-up
    await eventually('two runs', () => fresh().length >= 2, 60_000, 100);
    await module.stop();
    const [first, second] = fresh() as [DiscoveryRun, DiscoveryRun];
    expect([first.trigger, second.trigger]).toEqual(['startup', 'schedule']);
    expect(second.startedAt - first.startedAt).toBeGreaterThanOrEqual(2_900);
  });

  it('refuses a run asked for while one runs, and the first goes on to finish', async () => {
    const engineNice = os.getPriority();
    const module = await discoveryModule({ dataDir: tempDir() });
    const first = module.run('trader via test', 'one');
    await expect(module.run('trader via test', 'two')).rejects.toBeInstanceOf(DiscoveryBusyError);
    const progress = await first;
    await module.whenIdle();
    expect(module.latest()?.id).toBe(progress.id);
    expect(module.detail()).toMatchObject({ runs: 1, failures: 0 });
    expect(os.getPriority(), 'the thread lowers its own priority, never the engine’s').toBe(engineNice);
  });

  it('records a run as failed when Redis goes down while it reads, and the next run, Redis back, is fine', async () => {
    const module = await discoveryModule({ dataDir: tempDir() });
    await runNow(module, 'thread warm'); // the thread is up: the failure is the read's
    await redis.server.stop();
    try {
      const progress = await module.run('trader via test', 'Redis down');
      await module.whenIdle();
      expect(module.latest()!.id).not.toBe(progress.id);
      expect(module.detail()).toMatchObject({ failures: 1, running: false });
      expect(String(module.detail().lastError)).toMatch(/reading the history of SPY failed/);
      const view = module.topic.current!;
      expect(view.runs[0]).toMatchObject({ id: progress.id, error: expect.stringMatching(/reading the history/) });
      expect(view.latest, 'the values of the last good run stay').not.toBeNull();
    } finally {
      await redis.server.start();
    }
    await eventually('the engine client back', () => clients.every((c) => c.status === 'ready'), 20_000);
    const after = await eventually('a run with Redis back', async () => {
      const progress = await module.run('trader via test', 'Redis back');
      await module.whenIdle();
      return module.latest()?.id === progress.id ? module.latest() : null;
    }, 30_000, 500);
    expect(after!.symbols[0]!.tradeSizes.refusal).toBeNull();
  });
});

describe('bad history', () => {
  it('a stored history entry that cannot be read is left out of the run and counted as bad input', async () => {
    const problems: string[] = [];
    const module = await discoveryModule({ dataDir: tempDir(), reportBadInput: (source, problem) => problems.push(`${source}: ${problem}`) });
    await redis.client.xadd(keys.history.bars('AAPL').key, '*', 'd', 'not a bar');
    const run = await runNow(module, 'garbled bar');
    expect(problems).toEqual([`discovery: 1 stored history entries of AAPL could not be read and were left out of run ${run.id}`]);
    expect(run.symbols[3]!.volatility.refusal).toBeNull();
  });
});

describe('VPIN and discovery', () => {
  it('VPIN measures with the discovered bucket size (at once when no bucket is being filled), and after a restart from the start', async () => {
    const dataDir = tempDir();
    const bus = createEngineBus();
    const client = await engineClient();
    const discovery = await discoveryModule({ dataDir, bus, client });
    const vpinModule = () =>
      new VpinModule({ bus, redis: client, config: config.analytics.vpin, symbols: SYMBOLS, alwaysOpen: true, reportBadInput: () => undefined, discovered: () => discovery.latest() });
    const vpin = vpinModule();
    modules.push(vpin);
    await vpin.start();
    const resized: VpinBucketSize[] = [];
    bus.subscribe('vpinBucketResized', (size) => resized.push(size));
    const run = await runNow(discovery, 'for VPIN');
    const spy = run.symbols[0]!.tradeSizes.value!;
    // No print has reached VPIN here, so no bucket is being filled: the new size applies at once.
    expect(resized.find((s) => s.symbol === 'SPY')).toEqual({ symbol: 'SPY', bucketVolume: spy.bucketVolume, source: 'discovered', asOf: spy.computedAt });
    expect(vpin.service.bucketSize('SPY')).toMatchObject({ bucketVolume: spy.bucketVolume, source: 'discovered' });
    await vpin.stop();

    const restarted = vpinModule();
    modules.push(restarted);
    await restarted.start();
    expect(restarted.service.bucketSize('AAPL')).toEqual({ symbol: 'AAPL', bucketVolume: run.symbols[3]!.tradeSizes.value!.bucketVolume, source: 'discovered', asOf: run.symbols[3]!.tradeSizes.value!.computedAt });
    expect(restarted.detail()).toMatchObject({ bucketsFrom: 'discovery (else the config)' });
  });
});
