import type { EngineBus } from '../../bus/catalogue';
import type { GammaExposureUpdate, OptionsFlowReading, OptionsFlowView, UnusualOptionsActivityEvent, VpinReading, VpinSettings, VpinView } from '../../contract/analyticsView';
import type { VpinBucketSize } from '../../market/vpinReading';
import { Topic } from '../../runtime/topic';

/** Spot re-prices of GEX and a fast market's VPIN buckets come in bursts: at most one publish per 50 ms a stream. */
const PACE_MS = 50;
export const VPIN_READINGS_SHOWN = 500;
export const VPIN_ALERTS_SHOWN = 20;
export const UNUSUAL_EVENTS_SHOWN = 50;

/** What Redis held for a symbol at start-up (the topics begin with it). */
export interface StoredAnalytics {
  /** The stored VPIN history, oldest first. */
  vpinHistory: readonly VpinReading[];
  gex: GammaExposureUpdate | null;
  flow: OptionsFlowReading | null;
}

export interface AnalyticsTopics {
  /** Null when VPIN is disabled (analytics.vpin.enabled: false). */
  vpin: Topic<VpinView> | null;
  gex: Topic<GammaExposureUpdate>;
  optionsFlow: Topic<OptionsFlowView>;
}

interface SymbolState {
  symbol: string;
  topics: AnalyticsTopics;
  settings: VpinSettings | null;
  readings: VpinReading[];
  alerts: VpinReading[];
  /** Readings or alerts heard since the last VPIN publish. */
  vpinDirty: boolean;
  flow: OptionsFlowView;
  /** Something live was heard: what Redis held is older and must not replace it. */
  live: { vpin: boolean; gex: boolean; flow: boolean };
}

/**
 * The analytics panels' streams per configured symbol, fed by the bus: VPIN (its readings, oldest first, and its
 * toxicity alerts, newest first), GEX (each update) and options flow (each reading and the unusual activity, newest
 * first). `seed` starts them with what Redis held, so a restarted engine shows the last figures before new ones come.
 */
export class AnalyticsStreams {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly unsubscribes: Array<() => void> = [];
  private vpinFlush: NodeJS.Immediate | undefined;

  /** `vpinSettings` gives a symbol's VPIN settings, or null when VPIN is disabled. */
  constructor(
    private readonly bus: EngineBus,
    symbols: readonly string[],
    vpinSettings: (symbol: string) => VpinSettings | null,
  ) {
    for (const symbol of symbols) {
      const settings = vpinSettings(symbol);
      this.symbols.set(symbol, {
        symbol,
        topics: { vpin: settings ? new Topic<VpinView>(PACE_MS) : null, gex: new Topic<GammaExposureUpdate>(PACE_MS), optionsFlow: new Topic<OptionsFlowView>(PACE_MS) },
        settings,
        readings: [],
        alerts: [],
        vpinDirty: false,
        flow: { reading: null, unusualEvents: [] },
        live: { vpin: false, gex: false, flow: false },
      });
    }
  }

  topics(symbol: string): AnalyticsTopics | undefined {
    return this.symbols.get(symbol)?.topics;
  }

  start(): void {
    for (const state of this.symbols.values()) {
      this.publishVpin(state);
      state.topics.optionsFlow.publish(state.flow);
    }
    this.unsubscribes.push(
      this.bus.subscribe('vpinUpdated', (reading) => this.onVpin(reading)),
      this.bus.subscribe('toxicityAlerted', (reading) => this.onToxicity(reading)),
      this.bus.subscribe('vpinBucketResized', (size) => this.onBucketResized(size)),
      this.bus.subscribe('gexUpdated', (update) => this.onGex(update)),
      this.bus.subscribe('flowUpdated', (reading) => this.onFlow(reading)),
      this.bus.subscribe('unusualOptionsActivity', (event) => this.onUnusual(event)),
    );
  }

  /** Starts a symbol's streams with what Redis held; a stream that already heard something live keeps it. */
  seed(symbol: string, stored: StoredAnalytics): void {
    const state = this.symbols.get(symbol);
    if (!state) return;
    if (!state.live.vpin && stored.vpinHistory.length > 0) {
      state.readings = stored.vpinHistory.slice(-VPIN_READINGS_SHOWN);
      state.alerts = stored.vpinHistory.filter((r) => r.alert).reverse().slice(0, VPIN_ALERTS_SHOWN);
      this.publishVpin(state);
    }
    if (!state.live.gex && stored.gex) state.topics.gex.publish(stored.gex, stored.gex.computedAt);
    if (!state.live.flow && stored.flow) {
      state.flow = { ...state.flow, reading: stored.flow };
      state.topics.optionsFlow.publish(state.flow, stored.flow.asOf);
    }
  }

  stop(): void {
    for (const off of this.unsubscribes.splice(0)) off();
    clearImmediate(this.vpinFlush);
    this.vpinFlush = undefined;
    for (const { topics } of this.symbols.values()) for (const topic of [topics.vpin, topics.gex, topics.optionsFlow]) topic?.close();
  }

  private onVpin(reading: VpinReading): void {
    const state = this.symbols.get(reading.symbol);
    if (!state?.settings) return;
    state.live.vpin = true;
    state.readings.push(reading);
    if (state.readings.length > VPIN_READINGS_SHOWN) state.readings.splice(0, state.readings.length - VPIN_READINGS_SHOWN);
    this.vpinChanged(state);
  }

  private onToxicity(reading: VpinReading): void {
    const state = this.symbols.get(reading.symbol);
    if (!state?.settings) return;
    state.live.vpin = true;
    state.alerts.unshift(reading);
    if (state.alerts.length > VPIN_ALERTS_SHOWN) state.alerts.length = VPIN_ALERTS_SHOWN;
    this.vpinChanged(state);
  }

  /** The panel says which bucket size VPIN measures with, and where it came from, from the bucket it applies to. */
  private onBucketResized(size: VpinBucketSize): void {
    const state = this.symbols.get(size.symbol);
    if (!state?.settings) return;
    state.settings = { ...state.settings, bucketVolume: size.bucketVolume, bucketSource: size.source, bucketAsOf: size.asOf };
    this.vpinChanged(state);
  }

  /** A burst of buckets in one turn of the event loop costs one copy of the readings, not one a bucket. */
  private vpinChanged(state: SymbolState): void {
    state.vpinDirty = true;
    this.vpinFlush ??= setImmediate(() => {
      this.vpinFlush = undefined;
      for (const dirty of this.symbols.values()) if (dirty.vpinDirty) this.publishVpin(dirty);
    });
  }

  private publishVpin(state: SymbolState): void {
    const { symbol, topics, settings } = state;
    if (!topics.vpin || !settings) return;
    state.vpinDirty = false;
    topics.vpin.publish({ symbol, settings, readings: [...state.readings], alerts: [...state.alerts] }, state.readings.at(-1)?.time ?? Date.now());
  }

  private onGex(update: GammaExposureUpdate): void {
    const state = this.symbols.get(update.symbol);
    if (!state) return;
    state.live.gex = true;
    state.topics.gex.publish(update, update.computedAt);
  }

  private onFlow(reading: OptionsFlowReading): void {
    const state = this.symbols.get(reading.symbol);
    if (!state) return;
    state.live.flow = true;
    state.flow = { ...state.flow, reading };
    state.topics.optionsFlow.publish(state.flow, reading.asOf);
  }

  private onUnusual(event: UnusualOptionsActivityEvent): void {
    const state = this.symbols.get(event.symbol);
    if (!state) return;
    state.live.flow = true;
    state.flow = { ...state.flow, unusualEvents: [event, ...state.flow.unusualEvents].slice(0, UNUSUAL_EVENTS_SHOWN) };
    state.topics.optionsFlow.publish(state.flow, Math.max(event.asOf, state.flow.reading?.asOf ?? 0));
  }
}
