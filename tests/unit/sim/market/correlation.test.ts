import { describe, expect, it } from 'vitest';
import { sampleCorrelation } from 'simple-statistics';
import { createMarketModel } from '../../../../core/sim/market/marketModel';

describe('correlated returns through a common factor', () => {
  const symbols = ['SPY', 'QQQ', 'IWM', 'AAPL', 'TSLA', 'VXX'];
  const minutes = 8 * 60;
  /** One-minute returns of a seeded market's session, by symbol. */
  function session(seed: number): Map<string, number[]> {
    const market = createMarketModel({ seed, symbols });
    const mids = new Map(symbols.map((s) => [s, [] as number[]]));
    for (let i = 0; i <= minutes; i++) {
      for (const s of symbols) {
        const q = market.quote(s);
        if (q) mids.get(s)?.push((q.bid + q.ask) / 2);
      }
      market.advance(60_000);
    }
    return new Map([...mids].map(([s, m]) => [s, m.slice(1).map((p, i) => Math.log(p / (m[i] as number)))]));
  }
  // Jumps make one session's estimate noisy (its spread across seeds is about 0.05): three sessions are pooled.
  const sessions = [9, 10, 11].map(session);
  const model = createMarketModel({ seed: 9, symbols });
  const returns = (s: string): number[] => sessions.flatMap((r) => r.get(s) as number[]);

  it.each([
    ['SPY', 'QQQ'],
    ['SPY', 'IWM'],
    ['SPY', 'AAPL'],
    ['QQQ', 'TSLA'],
    ['SPY', 'VXX'],
  ])('%s and %s one-minute returns correlate near the target', (a, b) => {
    const target = model.targetCorrelation(a, b);
    const seen = sampleCorrelation(returns(a), returns(b));
    expect(Math.abs(seen - target)).toBeLessThan(0.08);
  });

  it('makes VXX move against the market', () => {
    expect(sampleCorrelation(returns('SPY'), returns('VXX'))).toBeLessThan(-0.35);
  });

  it('switches volatility regimes and reports each switch', () => {
    const seenRegimes = new Set<string>();
    const m = createMarketModel({ seed: 4, symbols: ['SPY'] });
    m.on('episode', (e) => {
      if (e.kind === 'regime_switch') seenRegimes.add(String(e.detail.to));
    });
    m.advance(6 * 3_600_000);
    expect(seenRegimes).toEqual(new Set(['calm', 'normal', 'stressed']));
  }, 20_000);
});
