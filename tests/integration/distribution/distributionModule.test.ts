import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DistributionModule } from '../../../core/app/distributionModule';
import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import { distributionSchema } from '../../../core/config/distributionSchema';
import type { Proposal, ProposalDecision, StrategyName, StrategyReportCard } from '../../../core/market/proposal';
import { etToUtc } from '../../../core/market/newYorkTime';
import { HashCounter } from '../../../core/store/hashCounter';
import { keys } from '../../../core/store/keys';
import { eventually } from '../../support/eventually';
import { startTestRedis, type TestRedis } from '../../support/testRedis';
import { closeFakes, dayStores, secretsFor, startFakes, type Fakes } from './distributionHarness';

const card: StrategyReportCard = { proposed: 4, approved: 2, modified: 0, rejected: 1, expired: 1, refused: 0, filled: 2, closed: 2, wins: 1, hitRate: 0.5, averagePnl: 10, totalPnl: 20 };
const AFTER_CLOSE = etToUtc('2026-12-07', 16, 20); // a Monday
const MORNING = etToUtc('2026-12-07', 10, 31);

let redis: TestRedis;
let fakes: Fakes;
let modules: DistributionModule[] = [];

function moduleOn(bus: EngineBus, clock: () => number, config: Record<string, unknown> = {}, reportCard = (_s: StrategyName) => card): DistributionModule {
  const module = new DistributionModule({
    bus, redis: redis.client, secrets: secretsFor(fakes), reportCard,
    config: distributionSchema.parse({ telegram: { enabled: false }, x: { enabled: false }, ...config, discord: { enabled: true, dryRun: false, ...(config.discord as object) } }),
    failedSends: new HashCounter(redis.client, keys.monitoring.distributionFailed.key, 50), reportBadInput: () => undefined, clock,
  });
  modules.push(module);
  return module;
}

const proposal = { id: 'zeroDte-SPY-7', strategy: 'zeroDte', symbol: 'SPY', confidence: 0.8, reasons: [{ fact: 'VPIN CDF', value: 0.93, asOf: MORNING, detail: '' }], createdAt: MORNING, expiresAt: MORNING + 120_000, underlyingPrice: 450, preCheck: { passed: true }, status: 'approved', order: { instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 10, limitPrice: 450.1, stopPrice: 448, exit: { kind: 'target', targetPrice: 454 } } } as Proposal;
const decision = (status: ProposalDecision['status']): ProposalDecision => ({ status, at: MORNING, by: 'trader via web', reason: 'test', orderIds: [], refusal: null, changes: null });

beforeEach(async () => {
  redis = await startTestRedis();
  fakes = await startFakes();
});

afterEach(async () => {
  await Promise.all(modules.map((m) => m.stop()));
  modules = [];
  await closeFakes(fakes);
  await redis.stop();
});

describe('the distribution module on the engine bus', () => {
  it('sends approved signals, fills, toxicity alerts and the morning analysis it hears, and no rejected proposal', async () => {
    const bus = createEngineBus();
    await moduleOn(bus, () => MORNING).start();
    bus.publish('proposalDecided', { proposal: { ...proposal, id: 'zeroDte-SPY-6' }, decision: decision('rejected') });
    bus.publish('proposalDecided', { proposal, decision: decision('approved') });
    bus.publish('fillRecorded', { execId: 'x1', orderId: 1, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 10, price: 450.08, exchange: 'ARCA', time: MORNING, commission: 1 });
    bus.publish('toxicityAlerted', { symbol: 'QQQ', vpin: 0.5, bucket: 40, time: MORNING, cdf: 0.97, toxic: true, alert: true });
    bus.publish('morningAnalysisReady', { id: '2026-12-07-1', tradingDay: '2026-12-07', createdAt: MORNING, source: 'rules', markdown: 'SPY opens above the flip.' });
    await eventually('four messages posted', () => fakes.discord.received.length === 4);
    expect(fakes.discord.contents()).toEqual([
      'Signal zeroDte approved: buy 10 SPY limit 450.10, stop 448.00, target 454.00. VPIN CDF 0.93',
      'Filled: buy 10 SPY at 450.08 (10:31 ET)',
      'Toxicity alert QQQ: VPIN 0.500, CDF 0.97 (10:31 ET)',
      'Morning analysis 2026-12-07\nSPY opens above the flip.',
    ]);
  });

  it('builds the daily summary after the close from the stored fills and signal history, counting the morning an engine restarted at noon did not hear, once', async () => {
    const YESTERDAY = etToUtc('2026-12-04', 11, 0); // the Friday before
    const morning = (minutes: number) => MORNING + minutes * 60_000;
    const stock = { kind: 'stock', symbol: 'SPY' } as const;
    const at = (id: string, strategy: StrategyName, createdAt: number) => ({ ...proposal, id, strategy, createdAt });
    let now = MORNING;
    const clock = () => now;

    // The engine before the restart: yesterday's leftovers, then the morning.
    let bus = createEngineBus();
    let stores = await dayStores(bus, redis.client, now);
    let module = moduleOn(bus, clock, { discord: { events: ['dailySummary'] } }, (s) => stores.history.card(s));
    await module.start();
    const old = at('oneDte-SPY-1', 'oneDte', YESTERDAY);
    bus.publish('proposalCreated', old);
    bus.publish('proposalDecided', { proposal: old, decision: { ...decision('approved'), at: YESTERDAY } });
    await stores.fill({ execId: 'old', orderId: 1, instrument: stock, side: 'buy', quantity: 5, price: 440, exchange: 'ARCA', time: YESTERDAY, commission: 1 });
    for (const [id, status] of [['zeroDte-SPY-2', 'approved'], ['zeroDte-SPY-3', 'rejected'], ['zeroDte-SPY-4', null]] as const) {
      const p = at(id, 'zeroDte', morning(1));
      bus.publish('proposalCreated', p);
      if (status) bus.publish('proposalDecided', { proposal: p, decision: { ...decision(status), at: morning(2) } });
    } // zeroDte-SPY-4 is still open when the engine stops: the next start records it expired
    await stores.fill({ execId: 'x1', orderId: 2, instrument: stock, side: 'buy', quantity: 10, price: 450, exchange: 'ARCA', time: morning(3), commission: 1 });
    await eventually('the history written', async () => (await redis.client.xlen(keys.signals.history.key)) === 7);
    await module.stop();
    await stores.stop();

    // The engine after the restart at noon: the afternoon.
    now = etToUtc('2026-12-07', 12, 0);
    bus = createEngineBus();
    stores = await dayStores(bus, redis.client, now);
    module = moduleOn(bus, clock, { discord: { events: ['dailySummary'] } }, (s) => stores.history.card(s));
    await module.start();
    const afternoon = at('zeroDte-SPY-5', 'zeroDte', now + 60_000);
    bus.publish('proposalCreated', afternoon);
    bus.publish('proposalDecided', { proposal: afternoon, decision: { ...decision('modified'), at: now + 120_000 } });
    await stores.fill({ execId: 'x2', orderId: 3, instrument: stock, side: 'sell', quantity: 10, price: 451, exchange: 'ARCA', time: now + 180_000, commission: 1 });
    await eventually('the history written', async () => (await redis.client.xlen(keys.signals.history.key)) === 10);

    now = AFTER_CLOSE;
    await module.summaryIfDue(); // what its 30-second timer does
    await eventually('the summary posted', () => fakes.discord.received.length === 1);
    expect(fakes.discord.contents()).toEqual([
      'Daily summary 2026-12-07: 2 fills (1 buys, 1 sells), net cash $8.00. zeroDte: 4 proposed, 2 approved, 1 rejected, 1 expired; no closed trades yet, total P&L $0.00.',
    ]);
    await module.stop();
    await stores.stop();

    now = AFTER_CLOSE + 60_000; // a restart that evening builds it again: the outbox drops the repeat
    await moduleOn(createEngineBus(), clock).start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fakes.discord.received).toHaveLength(1);
  });

  it('switches a channel at runtime: going live only when confirmed, every switch audited, messages sent from then on', async () => {
    const bus = createEngineBus();
    const module = moduleOn(bus, () => MORNING, { discord: { enabled: false } });
    await module.start();
    const fill = (execId: string) => bus.publish('fillRecorded', { execId, orderId: 1, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 1, price: 2, exchange: 'ARCA', time: MORNING, commission: 0 });
    fill('off');
    await expect(module.setChannelMode('discord', 'live', { confirmed: false, by: 'trader via web', reason: 'go' })).rejects.toThrow('going live sends discord messages for real: confirm it');
    expect(await module.setChannelMode('discord', 'dryRun', { confirmed: false, by: 'trader via web', reason: 'look first' })).toMatchObject({ enabled: true, dryRun: true });
    fill('dry');
    expect(await module.setChannelMode('discord', 'live', { confirmed: true, by: 'trader via web', reason: 'looks right' })).toMatchObject({ enabled: true, dryRun: false });
    fill('live');
    await eventually('the live fill posted', () => fakes.discord.received.length === 1);
    expect(module.view().recent.map((m) => `${m.eventId}:${m.state}`)).toEqual(['fill:live:sent', 'fill:dry:dryRun']);
    const audit = await redis.client.xrange(keys.distribution.audit.key, '-', '+');
    expect(audit.map(([, f]) => `${f[5]}:${f[7]}>${f[9]}:${f[11]}`)).toEqual(['discord:off>dryRun:look first', 'discord:dryRun>live:looks right']);
  });

  it('counts failed sends by channel in monitoring', async () => {
    fakes.discord.script({ status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    const bus = createEngineBus();
    await moduleOn(bus, () => MORNING).start();
    bus.publish('fillRecorded', { execId: 'x9', orderId: 1, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'sell', quantity: 1, price: 1, exchange: 'ARCA', time: MORNING, commission: 0 });
    await eventually('counted', async () => (await redis.client.hget(keys.monitoring.distributionFailed.key, 'discord')) === '1');
    expect(modules[0]!.view().recent[0]).toMatchObject({ state: 'failed', error: 'HTTP 400: Invalid Form Body', attempts: 1 });
  });
});
