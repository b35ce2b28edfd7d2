/**
 * The per-chain analytics in the refresh bench (avRefreshBench.ts), wired on its bus as core/app/engine.ts wires them:
 * the GEX service (priced at a quote per symbol) and the options-flow service, both hearing every chainRefreshed.
 * BENCH_ANALYTICS picks where they compute: `thread` (default, the engine's analytics thread), `inline` (the same
 * ChainAnalyticsCore on the engine's thread, each computation whole: what the thread spares the loop), or `off`.
 */
import { ChainAnalyticsCore, type ChainAnalytics } from '../../core/analytics/chainAnalytics';
import { GexService } from '../../core/analytics/gexService';
import { OptionsFlowService } from '../../core/analytics/optionsFlowService';
import { AnalyticsWorker } from '../../core/app/analyticsWorker';
import { gexSettings } from '../../core/app/gexModule';
import type { EngineBus } from '../../core/bus/catalogue';
import { flowSchema } from '../../core/config/flowSchema';
import { gexSchema } from '../../core/config/gexSchema';
import { emptyQuote } from '../../core/market/quote';
import { AlphaVantageStore } from '../../core/store/alphaVantageStore';
import { OptionsFlowStore } from '../../core/store/optionsFlowStore';
import { loadChain } from '../../core/venues/alphavantage/chainCall';
import type { TestRedis } from '../support/testRedis';

export const ANALYTICS = process.env.BENCH_ANALYTICS ?? 'thread';
/** The bench's chains (avChainBodies.ts) are valued before their first expiry, so every contract is priced. */
const VALUED_AT = Date.parse('2025-01-06T16:00:00Z');
/** Mid-range of the bench chains' strikes (300–550). */
const SPOT = 450;

export interface BenchAnalytics {
  figures(): Record<string, number>;
  stop(): Promise<void>;
}

export async function startAnalytics(bus: EngineBus, redis: TestRedis, symbols: readonly string[]): Promise<BenchAnalytics | null> {
  if (ANALYTICS === 'off') return null;
  const gex = gexSettings(gexSchema.parse({})).settings;
  const flow = flowSchema.parse({});
  const here = () => new ChainAnalyticsCore({ chains: (s) => loadChain(new AlphaVantageStore(redis.client), s), flowStorage: new OptionsFlowStore(redis.client), gex, flow });
  const worker = ANALYTICS === 'thread' ? new AnalyticsWorker({ redisUrl: redis.url, gex, flow, here, onProblem: (p) => console.error(p) }) : null;
  await worker?.start();
  const analytics: ChainAnalytics = worker ?? here();
  const problems: string[] = [];
  const gexService = new GexService({ bus, symbols, analytics, repriceStep: 0.005, now: () => VALUED_AT, onProblem: (_s, p) => problems.push(p) });
  const flowService = new OptionsFlowService({ bus, analytics, symbols, log: { warn: (_d, m) => problems.push(m) }, valuationTime: () => VALUED_AT });
  gexService.start();
  await flowService.start();
  for (const symbol of symbols) bus.publish('quoteChanged', { ...emptyQuote(symbol), bid: SPOT - 0.01, ask: SPOT + 0.01, last: SPOT, ts: VALUED_AT });
  return {
    figures: () => ({
      analytics_gex_computations: gexService.stats.computations, analytics_gex_failures: gexService.stats.failures,
      analytics_gex_compute_ms: gexService.stats.lastComputeMs ?? NaN, analytics_flow_refreshes: Number(flowService.detail().refreshes),
      analytics_problems: problems.length,
    }),
    async stop() {
      await gexService.stop();
      await flowService.stop();
      await worker?.stop();
      if (problems.length > 0) console.error(`analytics problems: ${problems.slice(0, 3).join(' | ')}`);
    },
  };
}
