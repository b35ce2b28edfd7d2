/**
 * One refresh of a symbol's options flow: the chain and what was kept from the refreshes before it in, the reading,
 * the contracts that just became unusual and what to keep for the next refresh out. The vendor's greeks are checked
 * and the contracts without any get ours first (chainGreeks.ts), so the volatility shape uses them. Pure apart from `pause`, which
 * the service uses to hand the event loop back between the stages of a large chain.
 */
import { etDate, etToUtc } from '../market/newYorkTime';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { OptionsFlowReading, UnusualContract } from '../market/optionsFlow';
import { expiryClock } from './expiryTime';
import { ivPercentile, ivRank, recordIv, type IvDay } from './ivHistory';
import type { FlowState } from './optionsFlowState';
import { largestPremiumChanges, premiumsOf, putCallRatios } from './optionsFlowRatios';
import { scanUnusual, type UnusualRule, type UnusualScan } from './optionsFlowUnusual';
import { chainGreeks } from './chainGreeks';

/** Contracts judged between two pauses (about a millisecond's work). */
const SCAN_SLICE = 2_500;
import { volShapeSliced } from './optionsFlowVol';

export interface OptionsFlowSettings extends UnusualRule {
  paceWindow: number;
  atmTargetDays: number;
  atmMinDays: number;
  riskFreeRate: number;
  ivHistoryDays: number;
  premiumChanges: number;
}

export interface FlowStep {
  reading: OptionsFlowReading;
  /** Unusual now and not at the refresh before. */
  newlyUnusual: UnusualContract[];
  state: FlowState;
  ivHistory: IvDay[];
}

/**
 * The instant a chain's prices are from: its as-of time, or for the previous session's chain (a plan without realtime
 * options) that session's 16:00 New York close, so its IVs are measured to expiry from then and recorded for that day.
 */
export function valuationTimeOf(chain: OptionChainSnapshot): number {
  return chain.session === 'previous' && chain.quoteDate ? etToUtc(chain.quoteDate, 16) : chain.asOf;
}

/** `valuedAt`: the instant expiries are measured from and the New York day of the reading (the chain's as-of time in the app). */
export async function computeFlow(
  chain: OptionChainSnapshot, before: FlowState, ivHistory: readonly IvDay[], settings: OptionsFlowSettings,
  times: { computedAt: number; valuedAt: number }, pause: () => Promise<void> = async () => undefined,
): Promise<FlowStep> {
  const { computedAt, valuedAt } = times;
  const greeks = await chainGreeks(chain, valuedAt, settings.riskFreeRate, pause);
  const { contracts } = greeks; // with ours where the vendor sent none
  const day = etDate(valuedAt);
  const previousPremiums = before.day === day ? before.premiums : new Map<string, number>();
  const putCall = putCallRatios(contracts);
  await pause();
  const premiums = premiumsOf(contracts);
  await pause();
  const premiumChanges = largestPremiumChanges(previousPremiums, contracts, settings.premiumChanges);
  await pause();
  const scan: UnusualScan = { unusual: [], paces: new Map(), awaitingHistory: 0 };
  for (let from = 0; from < contracts.length; from += SCAN_SLICE) {
    scanUnusual(contracts, before.paces, settings, settings.paceWindow, scan, from, from + SCAN_SLICE);
    await pause();
  }
  const volSettings = { rate: settings.riskFreeRate, minDays: settings.atmMinDays, targetDays: settings.atmTargetDays };
  const shape = await volShapeSliced(contracts, expiryClock(valuedAt), volSettings, pause);
  const history = shape.atmIv === null ? [...ivHistory] : recordIv(ivHistory, day, shape.atmIv, settings.ivHistoryDays);
  const nearestTarget = shape.expiries
    .filter((e) => e.riskReversal25 !== null && e.days >= settings.atmMinDays)
    .sort((a, b) => Math.abs(a.days - settings.atmTargetDays) - Math.abs(b.days - settings.atmTargetDays))[0];
  const reading: OptionsFlowReading = {
    symbol: chain.symbol, asOf: chain.asOf, valuedAt, computedAt, spot: shape.spot, putCall, premiumChanges, unusual: scan.unusual,
    atm: {
      iv: shape.atmIv, targetDays: settings.atmTargetDays, historyDays: history.length,
      rank: shape.atmIv === null ? null : ivRank(history, shape.atmIv),
      percentile: shape.atmIv === null ? null : ivPercentile(history, day, shape.atmIv),
    },
    termStructure: shape.expiries,
    skew25: nearestTarget?.riskReversal25 ?? null,
    counts: { contracts: contracts.length, ownIv: greeks.reading.filled + shape.ownIv, skipped: shape.skipped, awaitingHistory: scan.awaitingHistory },
    vendorGreeks: greeks.reading,
  };
  const newlyUnusual = scan.unusual.filter((u) => !before.flagged.has(u.contractId));
  return {
    reading, newlyUnusual, ivHistory: history,
    state: { day, asOf: chain.asOf, paces: scan.paces, premiums, flagged: new Set(scan.unusual.map((u) => u.contractId)) },
  };
}
