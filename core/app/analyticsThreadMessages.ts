import type { ChainAnalytics } from '../analytics/chainAnalytics';
import type { GammaExposureSettings } from '../analytics/gammaExposure';
import type { OptionsFlowSettings } from '../analytics/optionsFlow';

/* What the analytics worker (analyticsWorker.ts) and its thread (analyticsThread.ts) say to each other. */

/** What the thread is started with: the engine's Redis (chains and the flow's histories) and the settings. */
export interface AnalyticsThreadSetup {
  redisUrl: string;
  gex: GammaExposureSettings;
  flow: OptionsFlowSettings;
}

export type AnalyticsCall = keyof ChainAnalytics;

/** One call of the ChainAnalytics port, by name and arguments. */
export type AnalyticsJob = { [K in AnalyticsCall]: { id: number; call: K; args: Parameters<ChainAnalytics[K]> } }[AnalyticsCall];

import { READY } from './threadReady';

export { READY };

/** A call's result, or why it failed (an Error does not cross threads as itself). */
export type AnalyticsReply = { id: number; value: Awaited<ReturnType<ChainAnalytics[AnalyticsCall]>> } | { id: number; failure: string };
