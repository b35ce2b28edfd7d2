/**
 * The risk checks of the order gate, in the order they run: data first (every other check leans on the price),
 * then session and options rules, per-order size, exposure, flow, and loss. Each is a plain function of
 * (request, context) in its own module, with its reason code and its key under config.yaml `risk:`. The stale-data
 * breaker's latch follows STALE_DATA (a symbol blocked until a trader resets it).
 */
import { staleLatchCheck } from './breakerChecks';
import { staleDataCheck } from './dataChecks';
import { concentrationCheck, greeksCheck, openOrdersCheck, positionLimitCheck } from './exposureChecks';
import { duplicateOrderCheck, orderRateCheck } from './flowChecks';
import { dailyLossCheck, drawdownCheck } from './lossChecks';
import type { OrderCheck } from './orderGate';
import { dayVolumeCheck, notionalCheck, priceBandCheck, quantityCheck, tickCheck } from './orderSizeChecks';
import { closingAuctionCheck, optionMarketOrderCheck, regularHoursCheck, sameDayExpiryCheck } from './sessionChecks';

export const RISK_CHECKS: readonly OrderCheck[] = [
  staleDataCheck,
  staleLatchCheck,
  regularHoursCheck,
  closingAuctionCheck,
  optionMarketOrderCheck,
  sameDayExpiryCheck,
  tickCheck,
  quantityCheck,
  notionalCheck,
  priceBandCheck,
  dayVolumeCheck,
  positionLimitCheck,
  openOrdersCheck,
  concentrationCheck,
  greeksCheck,
  orderRateCheck,
  duplicateOrderCheck,
  dailyLossCheck,
  drawdownCheck,
];
