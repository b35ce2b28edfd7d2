/** IB tick type ids the ingestion reads (live ids; delayed 66+ are mapped to them). */
export const TICK = {
  BID_SIZE: 0,
  BID: 1,
  ASK: 2,
  ASK_SIZE: 3,
  LAST: 4,
  LAST_SIZE: 5,
  VOLUME: 8,
  LAST_TIMESTAMP: 45,
  RT_VOLUME: 48,
  HALTED: 49,
} as const;

const DELAYED_TO_LIVE: Record<number, number> = {
  66: TICK.BID,
  67: TICK.ASK,
  68: TICK.LAST,
  69: TICK.BID_SIZE,
  70: TICK.ASK_SIZE,
  71: TICK.LAST_SIZE,
  74: TICK.VOLUME,
  88: TICK.LAST_TIMESTAMP,
};

/** The live tick id for a delayed one (10167 → delayed data on the same request); live ids pass through. */
export function liveTick(tickType: number): number {
  return DELAYED_TO_LIVE[tickType] ?? tickType;
}
