/** The IBKR ingestion as the Health panel shows it: connection, subscriptions, errors, metrics. */

/** One entry of monitoring:ibkr:errors: an IB error or notice with what it means. */
export interface IbErrorRecord {
  ts: number;
  code: number;
  reqId: number;
  message: string;
  meaning: string;
  /** What the ingestion does about it (the error table's action: resubscribe, mark stale, refuse, ...). */
  action: string;
  severity: 'info' | 'warning' | 'error';
  /** The subscription the error refers to, when it names one. */
  subscription: string | null;
}

/** Messages applied, by type. */
export interface UpdateCounts {
  quotes: number;
  trades: number;
  depth: number;
  bars: number;
  errors: number;
  other: number;
}

/** The market data types whose freshness is watched. */
export type DataKind = 'quotes' | 'trades' | 'depth' | 'bars';

/** One symbol's freshness (monitoring:data:stale): which data types are stale and why. */
export interface SymbolFreshness {
  symbol: string;
  stale: boolean;
  /** The data types that are stale. */
  kinds: DataKind[];
  /** Why, beyond age: "market-data farm down", "connectivity lost", "not connected". */
  reason: string | null;
  ageMs: Partial<Record<DataKind, number | null>>;
}

export type ConnectionPhase = 'idle' | 'connecting' | 'connected' | 'waiting' | 'stopped';

/** The ingestion as the Health panel shows it (one coalesced stream value). */
export interface IngestionState {
  connected: boolean;
  phase: ConnectionPhase;
  endpoint: string;
  clientId: number;
  /** Why the last session ended, or the last connect attempt failed. */
  lastDisconnectReason: string | null;
  /** 1100 until 1101/1102, or a market-data farm down. */
  dataInterrupted: string | null;
  lastMessageAt: number | null;
  lastMessageAgeMs: number | null;
  subscriptions: Array<{ id: string; reqId: number; refused: string | null }>;
  staleSymbols: string[];
  /** The IB account TWS reported, with its summary values (NetLiquidation, BuyingPower, ...). */
  account: { id: string | null; values: Record<string, string> };
  /** Symbols TWS serves 15-minute delayed data for (10167: no live subscription on the account). */
  delayedSymbols: string[];
  errors: IbErrorRecord[];
  metrics: {
    messagesPerSecond: number;
    messagesTotal: number;
    updates: UpdateCounts;
    reconnects: number;
    clientIdRetries: number;
    decodeErrors: number;
    badInput: number;
    depthResets: number;
    depthRebuilds: number;
    sweeps: number;
    unusualVolumeEpisodes: number;
    crossedOrLockedBooks: number;
    queueDepth: number;
    requestsSent: number;
    /** Requests TWS refused (no permission, unknown contract, pacing, ...); pacing refusals are requested again. */
    refusedRequests: number;
    /** 420/162: requested again too soon; each is requested once more after TWS's pacing window. */
    pacingViolations: number;
    resubscribes: number;
  };
  redis: { degraded: boolean; roundTrips: number; buffered: number; dropped: number; failures: number };
  asOf: number;
}
