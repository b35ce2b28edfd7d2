/**
 * One chain refresh's greek work for the options flow (pure apart from `pause`, awaited after each expiry): the
 * contracts the vendor sent without greeks get ours (ownGreeks), and the vendor's greeks are checked against ours at
 * the vendor's IV (vendorGreeks), each expiry at its put–call parity spot — the dividend yield is inside it, so the
 * check prices with a yield of 0 (a vendor that discounts delta by e^{−qT} differs from ours by at most 1 − e^{−qT}).
 */
import type { OptionChainSnapshot, OptionContractQuote } from '../market/optionChain';
import type { VendorGreeksReading } from '../market/optionsFlow';
import { expiryClock } from './expiryTime';
import { fillExpiry, groupByExpiry, paritySpot } from './ownGreeks';
import { checkContracts, finishCheck, startCheck } from './vendorGreeks';

export interface ChainGreeks {
  /** The chain's contracts (in its order) with ours where the vendor sent none. */
  contracts: OptionContractQuote[];
  reading: VendorGreeksReading;
}

export async function chainGreeks(
  chain: OptionChainSnapshot, valuedAt: number, rate: number, pause: () => Promise<void> = async () => undefined, deltaTolerance = 0.05,
): Promise<ChainGreeks> {
  const clock = expiryClock(valuedAt);
  const progress = startCheck(deltaTolerance);
  const own = new Map<OptionContractQuote, OptionContractQuote>();
  let unfilled = 0;
  for (const [expiry, list] of groupByExpiry(chain.contracts)) {
    const spot = paritySpot(list, clock.years(expiry), rate);
    checkContracts(progress, list, { spotOf: () => spot ?? undefined, clock, rate, dividendYield: 0 });
    unfilled += fillExpiry(list, spot, clock.years(expiry), rate, own);
    await pause();
  }
  const check = finishCheck(progress);
  return {
    contracts: own.size === 0 ? chain.contracts : chain.contracts.map((c) => own.get(c) ?? c),
    reading: {
      checked: check.checked, mismatched: check.deltaMismatches, share: check.deltaMismatchShare, deltaTolerance,
      thetaUnit: check.theta.unit, thetaRatio: check.theta.medianRatio, vegaUnit: check.vega.unit, vegaRatio: check.vega.medianRatio,
      filled: own.size, unfilled, worst: check.worst,
    },
  };
}
