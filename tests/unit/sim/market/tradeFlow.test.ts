import { describe, expect, it } from 'vitest';
import { mean } from 'simple-statistics';
import { createMarketModel } from '../../../../core/sim/market/marketModel';
import type { MarketEpisode, TradePrint } from '../../../../core/sim/market/marketFeed';

function run(ms: number, symbols: string[], seed = 11) {
  const model = createMarketModel({ seed, symbols });
  const trades: TradePrint[] = [];
  const episodes: MarketEpisode[] = [];
  model.on('trade', (t) => trades.push(t));
  model.on('episode', (e) => episodes.push(e));
  model.advance(ms);
  return { model, trades, episodes };
}

describe('trade sizes', () => {
  const { trades } = run(20 * 60_000, ['SPY', 'AAPL', 'NVDA']);

  it('cluster into odd lots, round lots and blocks', () => {
    const sizes = trades.map((t) => t.size);
    const odd = sizes.filter((s) => s < 100).length / sizes.length;
    const round = sizes.filter((s) => s >= 100 && s % 100 === 0 && s < 10_000).length / sizes.length;
    const blocks = trades.filter((t) => t.size >= 10_000);
    expect(odd).toBeGreaterThan(0.25);
    expect(round).toBeGreaterThan(0.4);
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.every((b) => b.kind === 'block' || b.kind === 'sweep')).toBe(true);
    // Clusters, not a smear: sizes between 1,000 and 10,000 that are not round are rare.
    expect(sizes.filter((s) => s > 1000 && s < 10_000 && s % 100 !== 0).length / sizes.length).toBeLessThan(0.02);
  });

  it('carries RTVolume-style cumulative volume and VWAP', () => {
    const spy = trades.filter((t) => t.symbol === 'SPY');
    let volume = 0;
    let notional = 0;
    for (const t of spy) {
      volume += t.size;
      notional += t.size * t.price;
      expect(t.totalVolume).toBe(volume);
    }
    expect((spy.at(-1) as TradePrint).vwap).toBeCloseTo(notional / volume, 6);
  });
});

describe('informed flow', () => {
  const symbols = ['SPY', 'QQQ', 'AAPL', 'NVDA', 'TSLA', 'AMD'];
  const { model, trades, episodes } = run(4 * 3_600_000, symbols, 21);
  const informed = episodes.filter((e) => e.kind === 'informed' && (e.endTs as number) < model.now() - 60_000);

  /** VPIN-style: |buy − sell| / volume over buckets of equal volume, per symbol. */
  function bucketImbalance(symbol: string, bucketVolume: number): Array<{ ts: number; imbalance: number }> {
    const out: Array<{ ts: number; imbalance: number }> = [];
    let buy = 0;
    let sell = 0;
    for (const t of trades) {
      if (t.symbol !== symbol || t.kind === 'block') continue;
      if (t.aggressor === 'buy') buy += t.size;
      else sell += t.size;
      if (buy + sell >= bucketVolume) {
        out.push({ ts: t.ts, imbalance: Math.abs(buy - sell) / (buy + sell) });
        buy = sell = 0;
      }
    }
    return out;
  }

  it('has enough episodes to judge', () => {
    expect(informed.length).toBeGreaterThan(15);
  });

  it('raises order-flow imbalance before the price move', () => {
    const during: number[] = [];
    const calm: number[] = [];
    for (const symbol of symbols) {
      const mine = informed.filter((e) => e.symbol === symbol);
      const total = trades.filter((t) => t.symbol === symbol).reduce((a, t) => a + t.size, 0);
      for (const b of bucketImbalance(symbol, total / 2000)) {
        const inside = mine.some((e) => b.ts >= e.startTs + 5_000 && b.ts < (e.endTs as number));
        const near = mine.some((e) => b.ts >= e.startTs - 120_000 && b.ts < (e.endTs as number) + 120_000);
        if (inside) during.push(b.imbalance);
        else if (!near) calm.push(b.imbalance);
      }
    }
    expect(during.length).toBeGreaterThan(50);
    expect(mean(during)).toBeGreaterThan(2 * mean(calm));
  });

  it('is followed by a move in the direction of the flow', () => {
    const bySymbol = new Map(symbols.map((s) => [s, trades.filter((t) => t.symbol === s)]));
    const priceAt = (symbol: string, ts: number): number => {
      const list = bySymbol.get(symbol) as TradePrint[];
      let lo = 0;
      let hi = list.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((list[mid] as TradePrint).ts <= ts) lo = mid;
        else hi = mid - 1;
      }
      return (list[lo] as TradePrint).price;
    };
    let agree = 0;
    for (const e of informed) {
      const move = priceAt(e.symbol, (e.endTs as number) + 2_000) - priceAt(e.symbol, e.startTs);
      if (Math.sign(move) === Math.sign(Number(e.detail.direction))) agree++;
    }
    expect(agree / informed.length).toBeGreaterThan(0.75);
  });
});
