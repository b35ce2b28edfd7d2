import type { FieldCursor } from '../wire/fieldCursor';
import { V } from '../protocol/serverVersions';

/** What the gateway uses from placeOrder's long tail (the fields after `hidden` and any combo legs). */
export interface OrderTail {
  ocaType: number;
  whatIf: boolean;
}

const MODELS_SUPPORT = 103;

/**
 * Reads placeOrder's tail from sharesAllocation through whatIf, in the order @stoqey/ib's encoder (and the IB
 * Java client) write it for server versions 100..193; the fields after whatIf are left unread. A message that
 * ends before the tail (a minimal hand-written client) reads as ocaType 0, not what-if.
 */
export function readOrderTail(c: FieldCursor, v: number): OrderTail {
  if (c.remaining === 0) return { ocaType: 0, whatIf: false };
  c.skip(4, 'sharesAllocation/discretionaryAmt/goodAfterTime/goodTillDate');
  c.skip(3, 'faGroup/faMethod/faPercentage');
  if (v < V.FA_PROFILE_DESUPPORT) c.str('faProfile');
  if (v >= MODELS_SUPPORT) c.str('modelCode');
  c.skip(3, 'shortSaleSlot/designatedLocation/exemptCode');
  const ocaType = c.int('ocaType');
  c.skip(14, 'rule80A..stockRangeUpper');
  c.str('overridePercentageConstraints');
  skipVolatilityFields(c);
  c.skip(2, 'trailStopPrice/trailingPercent');
  skipScaleFields(c);
  const hedgeType = c.str('hedgeType');
  if (hedgeType) c.str('hedgeParam');
  c.skip(4, 'optOutSmartRouting/clearingAccount/clearingIntent/notHeld');
  if (c.bool('deltaNeutralContract')) c.skip(3, 'deltaNeutralContract conId/delta/price');
  const algoStrategy = c.str('algoStrategy');
  if (algoStrategy) c.skip(2 * c.int('algoParamsCount'), 'algoParams');
  c.str('algoId');
  return { ocaType, whatIf: c.bool('whatIf') };
}

function skipVolatilityFields(c: FieldCursor): void {
  c.skip(2, 'volatility/volatilityType');
  const deltaNeutralOrderType = c.str('deltaNeutralOrderType');
  c.str('deltaNeutralAuxPrice');
  if (deltaNeutralOrderType) c.skip(8, 'deltaNeutral conId..designatedLocation');
  c.skip(2, 'continuousUpdate/referencePriceType');
}

/** The seven scale-order extras follow only for a set, positive price increment (TWS's own rule). */
function skipScaleFields(c: FieldCursor): void {
  c.skip(2, 'scaleInitLevelSize/scaleSubsLevelSize');
  const increment = c.num('scalePriceIncrement');
  if (increment !== undefined && increment > 0) c.skip(7, 'scale extras');
  c.skip(3, 'scaleTable/activeStartTime/activeStopTime');
}
