import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMarketModel } from '../../../../core/sim/market/marketModel';
import type { MarketFeed } from '../../../../core/sim/market/marketFeed';

function fingerprint(feed: MarketFeed, ms: number): { hash: string; events: number } {
  const hash = createHash('sha256');
  let events = 0;
  const record = (type: string) => (value: unknown) => {
    events++;
    hash.update(type + JSON.stringify(value));
  };
  for (const type of ['quote', 'trade', 'depth', 'bar', 'episode'] as const) feed.on(type, record(type));
  feed.advance(ms);
  return { hash: hash.digest('hex'), events };
}

describe('market model determinism', () => {
  it('replays the identical event sequence for the same seed', () => {
    const a = fingerprint(createMarketModel({ seed: 42 }), 20_000);
    const b = fingerprint(createMarketModel({ seed: 42 }), 20_000);
    expect(a.events).toBeGreaterThan(10_000);
    expect(b).toEqual(a);
  });

  it('gives a different market for a different seed', () => {
    expect(fingerprint(createMarketModel({ seed: 1 }), 5_000).hash).not.toBe(fingerprint(createMarketModel({ seed: 2 }), 5_000).hash);
  });

  it('gives every symbol a previous close from the seed: the same for the same seed, near but not at the start price', () => {
    const closes = (seed: number) => {
      const model = createMarketModel({ seed });
      return model.symbols().map((s) => model.previousClose(s.symbol)!);
    };
    expect(closes(42)).toEqual(closes(42));
    expect(closes(43)).not.toEqual(closes(42));
    const model = createMarketModel({ seed: 42 });
    for (const { symbol } of model.symbols()) {
      const start = model.symbolModel(symbol)!.startPrice;
      const close = model.previousClose(symbol)!;
      expect(close).not.toBe(start);
      expect(Math.abs(Math.log(close / start))).toBeLessThan(0.1);
      expect(Math.round(close * 100) / 100).toBe(close);
    }
  });

  it('does not depend on how advance() is sliced or on reads in between', () => {
    const whole = fingerprint(createMarketModel({ seed: 7 }), 10_000);
    const sliced = createMarketModel({ seed: 7 });
    const hash = createHash('sha256');
    for (const type of ['quote', 'trade', 'depth', 'bar', 'episode'] as const) sliced.on(type, (v: unknown) => hash.update(type + JSON.stringify(v)));
    for (let t = 0; t < 10_000; t += 333) {
      sliced.advance(Math.min(333, 10_000 - t));
      sliced.optionChain('SPY');
      sliced.depth('QQQ');
    }
    expect(hash.digest('hex')).toBe(whole.hash);
  });

  it('stamps every event with the market clock and never runs it backwards', () => {
    const model = createMarketModel({ seed: 3, startTs: Date.UTC(2025, 2, 3, 15) });
    let last = model.now();
    let violations = 0;
    const check = (e: { ts?: number; time?: number }) => {
      const ts = e.ts ?? (e.time as number) * 1000;
      if (ts < last - 5000 || ts > model.now()) violations++;
      if (e.ts !== undefined) last = e.ts;
    };
    model.on('quote', check);
    model.on('trade', check);
    model.on('depth', check);
    model.on('bar', check);
    model.advance(30_000);
    expect(model.now()).toBe(Date.UTC(2025, 2, 3, 15) + 30_000);
    expect(violations).toBe(0);
  });
});

describe('real-time pacing', () => {
  it('runs the clock at speed while started and freezes it after stop()', async () => {
    const model = createMarketModel({ seed: 5, speed: 50, symbols: ['SPY'] });
    const t0 = model.now();
    model.start();
    await new Promise((r) => setTimeout(r, 200));
    model.stop();
    const ran = model.now() - t0;
    expect(ran).toBeGreaterThan(3_000);
    expect(ran).toBeLessThan(30_000);
    const frozen = model.now();
    await new Promise((r) => setTimeout(r, 60));
    expect(model.now()).toBe(frozen);
  });
});
