import { afterEach, describe, expect, it } from 'vitest';
import { createEngineBus } from '../../../../core/bus/catalogue';
import { AnalyticsStreams, UNUSUAL_EVENTS_SHOWN, VPIN_ALERTS_SHOWN, VPIN_READINGS_SHOWN } from '../../../../core/app/cockpit/analyticsStreams';
import type { GammaExposureUpdate, OptionsFlowReading, OptionsFlowView, UnusualOptionsActivityEvent, VpinReading, VpinSettings, VpinView } from '../../../../core/contract/analyticsView';

const SETTINGS: VpinSettings = { classification: 'trade', bucketVolume: 3_000, bucketSource: 'configured', bucketAsOf: null, buckets: 5, alertLevel: 0.9 };

function reading(bucket: number, alert = false, symbol = 'SPY'): VpinReading {
  return { symbol, vpin: 0.3, bucket, time: 1_000 + bucket, cdf: 0.5, toxic: alert, alert };
}

const gex = (computedAt: number) => ({ symbol: 'SPY', computedAt, trigger: 'spot', spot: 500 }) as unknown as GammaExposureUpdate;
const flow = (asOf: number) => ({ symbol: 'SPY', asOf, computedAt: asOf + 5 }) as unknown as OptionsFlowReading;
const unusual = (n: number): UnusualOptionsActivityEvent => ({ symbol: 'SPY', asOf: 2_000 + n, contract: { contractId: `c${n}` } as UnusualOptionsActivityEvent['contract'] });

let streams: AnalyticsStreams | undefined;
afterEach(() => streams?.stop());

function start(vpinEnabled = true) {
  const bus = createEngineBus();
  streams = new AnalyticsStreams(bus, ['SPY', 'AAPL'], () => (vpinEnabled ? SETTINGS : null));
  return { bus, streams, spy: streams.topics('SPY')! };
}

/** Everything a subscriber was sent, with its as-of time. */
function watch<V>(topic: { subscribe(listener: (value: V, asOf: number) => void): () => void }): Array<{ value: V; asOf: number }> {
  const seen: Array<{ value: V; asOf: number }> = [];
  topic.subscribe((value, asOf) => seen.push({ value, asOf }));
  return seen;
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('the cockpit’s analytics streams', () => {
  it('show an empty VPIN view and an empty options flow before anything was computed, and no GEX at all', () => {
    const { spy } = start();
    streams!.start();
    expect(spy.vpin!.current).toEqual({ symbol: 'SPY', settings: SETTINGS, readings: [], alerts: [] });
    expect(spy.optionsFlow.current).toEqual({ reading: null, unusualEvents: [] });
    expect(watch(spy.gex)).toEqual([]);
  });

  it('say which bucket size VPIN measures with and where it came from, once the service has taken a new one', async () => {
    const { bus, spy } = start();
    streams!.start();
    bus.publish('vpinBucketResized', { symbol: 'SPY', bucketVolume: 428, source: 'discovered', asOf: 5_000 });
    bus.publish('vpinBucketResized', { symbol: 'MSFT', bucketVolume: 100, source: 'discovered', asOf: 5_000 });
    await nextTurn();
    expect(spy.vpin!.current!.settings).toEqual({ ...SETTINGS, bucketVolume: 428, bucketSource: 'discovered', bucketAsOf: 5_000 });
    expect(streams!.topics('AAPL')!.vpin!.current!.settings).toEqual(SETTINGS);
  });

  it('append VPIN readings oldest first, keep the last 500 and the newest 20 alerts, newest first', async () => {
    const { bus, spy } = start();
    streams!.start();
    const seen = watch<VpinView>(spy.vpin!);
    for (let bucket = 1; bucket <= 600; bucket++) {
      const r = reading(bucket, bucket % 20 === 0);
      bus.publish('vpinUpdated', r);
      if (r.alert) bus.publish('toxicityAlerted', r);
    }
    bus.publish('vpinUpdated', reading(1, false, 'AAPL'));
    await nextTurn();
    const view = spy.vpin!.current!;
    expect(view.readings).toHaveLength(VPIN_READINGS_SHOWN);
    expect(view.readings[0]!.bucket).toBe(101);
    expect(view.readings.at(-1)!.bucket).toBe(600);
    expect(view.alerts).toHaveLength(VPIN_ALERTS_SHOWN);
    expect(view.alerts.map((a) => a.bucket).slice(0, 2)).toEqual([600, 580]);
    // One burst in one turn is one publish with all of it, dated by the newest reading (before it only the empty view,
    // which a slow machine may deliver twice: once on subscribing, once when the start-up publish's pacing ends).
    expect(seen.map((s) => s.value.readings.length).filter((n) => n > 0)).toEqual([VPIN_READINGS_SHOWN]);
    expect(seen.at(-1)!.asOf).toBe(reading(600).time);
    expect(streams!.topics('AAPL')!.vpin!.current!.readings.map((r) => r.bucket)).toEqual([1]);
  });

  it('publish each GEX update with its computation time, coalescing a burst of spot re-prices to the newest', async () => {
    const { bus, spy } = start();
    streams!.start();
    const seen = watch<GammaExposureUpdate>(spy.gex);
    bus.publish('gexUpdated', gex(10));
    for (let t = 11; t <= 30; t++) bus.publish('gexUpdated', gex(t));
    await nextTurn();
    expect(seen.map((s) => s.asOf)).toEqual([30]);
    expect(seen.at(-1)!.value.computedAt).toBe(30);
  });

  it('show the options flow reading and the unusual activity newest first, at most 50', async () => {
    const { bus, spy } = start();
    streams!.start();
    bus.publish('flowUpdated', flow(1_500));
    for (let n = 1; n <= 60; n++) bus.publish('unusualOptionsActivity', unusual(n));
    await nextTurn();
    const seen = watch<OptionsFlowView>(spy.optionsFlow);
    expect(seen[0]!.value.reading!.asOf).toBe(1_500);
    expect(seen[0]!.value.unusualEvents).toHaveLength(UNUSUAL_EVENTS_SHOWN);
    expect(seen[0]!.value.unusualEvents[0]!.contract.contractId).toBe('c60');
    expect(seen[0]!.asOf).toBe(2_060);
  });

  it('start with what Redis held: the stored VPIN history and its alerts, the stored GEX and flow', () => {
    const { spy } = start();
    streams!.start();
    const history = [reading(1), reading(2, true), reading(3), reading(4, true)];
    streams!.seed('SPY', { vpinHistory: history, gex: gex(42), flow: flow(43) });
    expect(spy.vpin!.current!.readings.map((r) => r.bucket)).toEqual([1, 2, 3, 4]);
    expect(spy.vpin!.current!.alerts.map((r) => r.bucket)).toEqual([4, 2]);
    expect(watch(spy.gex).map((s) => s.asOf)).toEqual([42]);
    expect(spy.optionsFlow.current).toEqual({ reading: flow(43), unusualEvents: [] });
  });

  it('never let what Redis held replace a figure already computed live', () => {
    const { bus, spy } = start();
    streams!.start();
    bus.publish('gexUpdated', gex(100));
    bus.publish('flowUpdated', flow(100));
    streams!.seed('SPY', { vpinHistory: [], gex: gex(42), flow: flow(43) });
    expect(spy.gex.current!.computedAt).toBe(100);
    expect(spy.optionsFlow.current!.reading!.asOf).toBe(100);
  });

  it('have no VPIN stream when VPIN is disabled, and still serve GEX and flow', () => {
    const { bus, spy } = start(false);
    streams!.start();
    bus.publish('vpinUpdated', reading(1));
    bus.publish('gexUpdated', gex(5));
    expect(spy.vpin).toBeNull();
    expect(spy.gex.current!.computedAt).toBe(5);
  });
});
