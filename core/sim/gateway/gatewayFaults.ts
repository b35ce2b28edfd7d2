/**
 * The gateway's limits and injectable faults. Every switch is a plain property that may be changed while the
 * gateway runs; one-shot events (drop a socket, reset depth books, flap a farm) are methods.
 */
export type GarbageMode = 'off' | 'extra' | 'short';
export type FarmName = 'marketData' | 'historical';

export interface FaultSwitches {
  /** 326: refuse a second connection with a clientId already in use, then close it. */
  uniqueClientIds: boolean;
  /** 100: incoming messages per second per client before TWS complains (0 = no limit). */
  maxMessagesPerSecond: number;
  /** 101: simultaneous market-data lines across all clients (0 = no limit). */
  maxTickerLines: number;
  /** 309: simultaneous depth subscriptions across all clients (0 = no limit). */
  maxDepthRequests: number;
  /** 162 (historical) and 420 (real-time bars) pacing rules. */
  pacing: boolean;
  /** 200: symbols treated as unknown even though the market lists them. */
  unknownSymbols: string[];
  /** 354: symbols the account has no market-data permission for. */
  noPermissionSymbols: string[];
  /** 10167: serve delayed data (delayed tick ids 66+) with TWS's advisory on each new request. */
  delayedData: boolean;
  /** Stop sending anything while keeping the socket open. */
  stall: boolean;
  /** Delay before the server answers the "API\0" handshake. */
  handshakeDelayMs: number;
  /** Corrupt market-data frames so that clients report decode errors (505): one extra or one missing field. */
  garbage: GarbageMode;
  /** Corrupt every n-th market-data frame while garbage is on. */
  garbageEvery: number;
}

export const DEFAULT_FAULTS: FaultSwitches = {
  uniqueClientIds: true,
  maxMessagesPerSecond: 50,
  maxTickerLines: 100,
  maxDepthRequests: 3,
  pacing: true,
  unknownSymbols: [],
  noPermissionSymbols: [],
  delayedData: false,
  stall: false,
  handshakeDelayMs: 0,
  garbage: 'off',
  garbageEvery: 1,
};

export type FaultAction =
  | { kind: 'dropMidMessage'; clientId?: number }
  | { kind: 'depthReset' }
  | { kind: 'connectivityLost' }
  | { kind: 'connectivityRestored'; dataKept: boolean }
  | { kind: 'farmDown'; farm: FarmName }
  | { kind: 'farmUp'; farm: FarmName };

export class GatewayFaults implements FaultSwitches {
  uniqueClientIds = DEFAULT_FAULTS.uniqueClientIds;
  maxMessagesPerSecond = DEFAULT_FAULTS.maxMessagesPerSecond;
  maxTickerLines = DEFAULT_FAULTS.maxTickerLines;
  maxDepthRequests = DEFAULT_FAULTS.maxDepthRequests;
  pacing = DEFAULT_FAULTS.pacing;
  unknownSymbols: string[] = [];
  noPermissionSymbols: string[] = [];
  delayedData = false;
  private stalled = false;
  handshakeDelayMs = 0;
  garbage: GarbageMode = 'off';
  garbageEvery = 1;
  private readonly listeners = new Set<(a: FaultAction) => void>();
  private readonly stallListeners = new Set<(stalled: boolean) => void>();

  constructor(initial: Partial<FaultSwitches> = {}) {
    this.set(initial);
  }

  get stall(): boolean {
    return this.stalled;
  }

  set stall(on: boolean) {
    this.stalled = on;
    for (const l of this.stallListeners) l(on);
  }

  /** Changes several switches at once. */
  set(patch: Partial<FaultSwitches>): void {
    Object.assign(this, patch);
  }

  /** Restores every switch to TWS's normal behaviour. */
  reset(): void {
    this.set({ ...DEFAULT_FAULTS, unknownSymbols: [], noPermissionSymbols: [] });
  }

  snapshot(): FaultSwitches {
    const { uniqueClientIds, maxMessagesPerSecond, maxTickerLines, maxDepthRequests, pacing, unknownSymbols, noPermissionSymbols } = this;
    const { delayedData, stall, handshakeDelayMs, garbage, garbageEvery } = this;
    return {
      uniqueClientIds, maxMessagesPerSecond, maxTickerLines, maxDepthRequests, pacing, unknownSymbols, noPermissionSymbols,
      delayedData, stall, handshakeDelayMs, garbage, garbageEvery,
    };
  }

  /** Kills connections in the middle of a frame (all clients, or one clientId). */
  dropMidMessage(clientId?: number): void {
    this.fire({ kind: 'dropMidMessage', clientId });
  }

  /** 317 on every depth subscription, followed by the book re-sent from scratch. */
  depthReset(): void {
    this.fire({ kind: 'depthReset' });
  }

  /** 1100: market data stops until connectivityRestored(). */
  connectivityLost(): void {
    this.fire({ kind: 'connectivityLost' });
  }

  /** 1102 when dataKept (subscriptions continue), 1101 otherwise (subscriptions are dropped; clients resubscribe). */
  connectivityRestored(dataKept: boolean): void {
    this.fire({ kind: 'connectivityRestored', dataKept });
  }

  /** 2103/2105: the farm's data stops; farmUp sends 2104/2106 and resumes. */
  farmDown(farm: FarmName = 'marketData'): void {
    this.fire({ kind: 'farmDown', farm });
  }

  farmUp(farm: FarmName = 'marketData'): void {
    this.fire({ kind: 'farmUp', farm });
  }

  /** A broken-then-OK flap after `ms` milliseconds. */
  farmFlap(farm: FarmName = 'marketData', ms = 1000): void {
    this.farmDown(farm);
    setTimeout(() => this.farmUp(farm), ms).unref();
  }

  onAction(listener: (a: FaultAction) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStall(listener: (stalled: boolean) => void): () => void {
    this.stallListeners.add(listener);
    return () => this.stallListeners.delete(listener);
  }

  isUnknown(symbol: string): boolean {
    return this.unknownSymbols.some((s) => s.toUpperCase() === symbol.toUpperCase());
  }

  lacksPermission(symbol: string): boolean {
    return this.noPermissionSymbols.some((s) => s.toUpperCase() === symbol.toUpperCase());
  }

  private fire(a: FaultAction): void {
    for (const l of this.listeners) l(a);
  }
}
