/** TWS tick type ids (stoqey api/market/tickType.js): the wire's numbers, shared by the ingestion and the simulated gateway. */
export const TICK = {
  BID_SIZE: 0,
  BID: 1,
  ASK: 2,
  ASK_SIZE: 3,
  LAST: 4,
  LAST_SIZE: 5,
  HIGH: 6,
  LOW: 7,
  VOLUME: 8,
  CLOSE: 9,
  BID_OPTION: 10,
  ASK_OPTION: 11,
  LAST_OPTION: 12,
  MODEL_OPTION: 13,
  OPEN: 14,
  OPTION_IMPLIED_VOL: 24,
  OPTION_CALL_OPEN_INTEREST: 27,
  OPTION_PUT_OPEN_INTEREST: 28,
  OPTION_CALL_VOLUME: 29,
  OPTION_PUT_VOLUME: 30,
  LAST_TIMESTAMP: 45,
  RT_VOLUME: 48,
  HALTED: 49,
  DELAYED_BID: 66,
  DELAYED_ASK: 67,
  DELAYED_LAST: 68,
  DELAYED_BID_SIZE: 69,
  DELAYED_ASK_SIZE: 70,
  DELAYED_LAST_SIZE: 71,
  DELAYED_VOLUME: 74,
  DELAYED_CLOSE: 75,
  DELAYED_BID_OPTION: 80,
  DELAYED_ASK_OPTION: 81,
  DELAYED_LAST_OPTION: 82,
  DELAYED_MODEL_OPTION: 83,
  DELAYED_LAST_TIMESTAMP: 88,
  DELAYED_HALTED: 90,
} as const;

/** Live tick id → the id TWS uses for the same value when the client gets delayed data (type 3/4). */
const DELAYED: Record<number, number> = {
  [TICK.BID_SIZE]: TICK.DELAYED_BID_SIZE,
  [TICK.BID]: TICK.DELAYED_BID,
  [TICK.ASK]: TICK.DELAYED_ASK,
  [TICK.ASK_SIZE]: TICK.DELAYED_ASK_SIZE,
  [TICK.LAST]: TICK.DELAYED_LAST,
  [TICK.LAST_SIZE]: TICK.DELAYED_LAST_SIZE,
  [TICK.VOLUME]: TICK.DELAYED_VOLUME,
  [TICK.CLOSE]: TICK.DELAYED_CLOSE,
  [TICK.BID_OPTION]: TICK.DELAYED_BID_OPTION,
  [TICK.ASK_OPTION]: TICK.DELAYED_ASK_OPTION,
  [TICK.LAST_OPTION]: TICK.DELAYED_LAST_OPTION,
  [TICK.MODEL_OPTION]: TICK.DELAYED_MODEL_OPTION,
  [TICK.LAST_TIMESTAMP]: TICK.DELAYED_LAST_TIMESTAMP,
  [TICK.HALTED]: TICK.DELAYED_HALTED,
};

const LIVE: Record<number, number> = Object.fromEntries(Object.entries(DELAYED).map(([live, delayed]) => [delayed, Number(live)]));

/** The id a venue sends for a live tick type, delayed or not. */
export function tickFor(tickType: number, delayed: boolean): number {
  return delayed ? (DELAYED[tickType] ?? tickType) : tickType;
}

/** The live tick id for a delayed one (10167 → delayed data on the same request); live ids pass through. */
export function liveTick(tickType: number): number {
  return LIVE[tickType] ?? tickType;
}
