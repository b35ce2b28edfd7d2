import { parentPort, workerData } from 'node:worker_threads';
import { ChainAnalyticsCore } from '../analytics/chainAnalytics';
import { AlphaVantageStore } from '../store/alphaVantageStore';
import { OptionsFlowStore } from '../store/optionsFlowStore';
import { connectRedis } from '../store/redisConnection';
import { loadChain } from '../venues/alphavantage/chainCall';
import { yieldToTheEngine } from './threadPriority';
import { READY, type AnalyticsJob, type AnalyticsReply, type AnalyticsThreadSetup } from './analyticsThreadMessages';

/** How long the thread waits for Redis before it takes calls anyway (a failed read is reported per call). */
const REDIS_WAIT_MS = 2_000;

/**
 * The analytics thread (analyticsWorker.ts): reads each refreshed chain from Redis on its own connection, computes
 * GEX / DEX (kept for re-pricing) and the options flow there (ChainAnalyticsCore), and stores the flow's reading and
 * histories; only the results go back to the engine's thread.
 */
async function serve(setup: AnalyticsThreadSetup): Promise<void> {
  yieldToTheEngine();
  const redis = connectRedis(setup.redisUrl, 'alphatrader-analytics');
  await Promise.race([redis.connect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, REDIS_WAIT_MS))]);
  const chains = new AlphaVantageStore(redis);
  const analytics = new ChainAnalyticsCore({ chains: (symbol) => loadChain(chains, symbol), flowStorage: new OptionsFlowStore(redis), gex: setup.gex, flow: setup.flow });
  parentPort!.on('message', (job: AnalyticsJob) => void answer(job, analytics));
  parentPort!.postMessage(READY);
}

async function answer(job: AnalyticsJob, analytics: ChainAnalyticsCore): Promise<void> {
  let reply: AnalyticsReply;
  try {
    reply = { id: job.id, value: await call(analytics, job) };
  } catch (error) {
    reply = { id: job.id, failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
}

function call(analytics: ChainAnalyticsCore, job: AnalyticsJob) {
  switch (job.call) {
    case 'loadGexChain': return analytics.loadGexChain(...job.args);
    case 'priceGex': return analytics.priceGex(...job.args);
    case 'flow': return analytics.flow(...job.args);
  }
}

if (parentPort) void serve(workerData as AnalyticsThreadSetup);
