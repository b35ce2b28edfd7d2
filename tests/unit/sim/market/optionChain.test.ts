import { describe, expect, it } from 'vitest';
import { mean } from 'simple-statistics';
import { createMarketModel } from '../../../../core/sim/market/marketModel';
import type { MarketEpisode, OptionQuote } from '../../../../core/sim/market/marketFeed';

const MONDAY_OPEN = Date.UTC(2025, 0, 6, 14, 30);
const expiries = (chain: OptionQuote[]) => [...new Set(chain.map((o) => o.spec.expiry))].sort();

describe('option chain listing', () => {
  const model = createMarketModel({ seed: 31, startTs: MONDAY_OPEN, symbols: ['SPY', 'AAPL'] });

  it('lists 0DTE, 1DTE, weeklies and monthlies relative to the market date', () => {
    const spy = expiries(model.optionChain('SPY'));
    expect(spy.slice(0, 5)).toEqual(['20250106', '20250107', '20250108', '20250109', '20250110']);
    expect(spy).toContain('20250117');
    expect(spy).toContain('20250221');
    expect(spy).toContain('20250321');
    const aapl = expiries(model.optionChain('AAPL'));
    expect(aapl.slice(0, 3)).toEqual(['20250110', '20250117', '20250124']);
  });

  it('rolls the 0DTE expiry after the close', () => {
    const later = createMarketModel({ seed: 31, startTs: Date.UTC(2025, 0, 10, 20, 59), symbols: ['AAPL'] });
    expect(expiries(later.optionChain('AAPL'))[0]).toBe('20250110');
    later.advance(2 * 60_000);
    expect(expiries(later.optionChain('AAPL'))[0]).toBe('20250117');
  });

  it('centres strikes on spot and names contracts the OCC way', () => {
    const chain = model.optionChain('SPY');
    const spot = chain[0]?.underlyingPrice as number;
    const strikes = chain.map((o) => o.spec.strike);
    expect(Math.min(...strikes)).toBeLessThan(spot * 0.97);
    expect(Math.max(...strikes)).toBeGreaterThan(spot * 1.03);
    const o = chain.find((c) => c.spec.strike === 600 && c.spec.right === 'P' && c.spec.expiry === '20250117') as OptionQuote;
    expect(o.spec.occId).toBe('SPY250117P00600000');
    expect(model.option(o.spec.conId)?.spec).toEqual(o.spec);
  });

  it('prices puts richer than calls at the same distance (skew)', () => {
    const chain = model.optionChain('SPY').filter((o) => o.spec.expiry === '20250221');
    const spot = chain[0]?.underlyingPrice as number;
    const ivAt = (strike: number, right: 'C' | 'P') =>
      chain.reduce((best, o) => (o.spec.right === right && Math.abs(o.spec.strike - strike) < Math.abs(best.spec.strike - strike) ? o : best)).impliedVol;
    expect(ivAt(spot * 0.95, 'P')).toBeGreaterThan(ivAt(spot, 'C') * 1.1);
    expect(ivAt(spot * 0.95, 'P')).toBeGreaterThan(ivAt(spot * 1.05, 'C') * 1.2);
  });

  it('concentrates open interest at round strikes', () => {
    const chain = model.optionChain('SPY');
    const spot = chain[0]?.underlyingPrice as number;
    const near = chain.filter((o) => Math.abs(o.spec.strike / spot - 1) < 0.03);
    const round = near.filter((o) => o.spec.strike % 10 === 0).map((o) => o.openInterest);
    const other = near.filter((o) => o.spec.strike % 5 !== 0).map((o) => o.openInterest);
    expect(mean(round)).toBeGreaterThan(2.5 * mean(other));
  });

  it('is arbitrage-free: calls fall and puts rise with strike, verticals within strike width, sane quotes', () => {
    let violations = 0;
    for (const underlying of ['SPY', 'AAPL']) {
      const chain = model.optionChain(underlying);
      for (const expiry of expiries(chain)) {
        for (const right of ['C', 'P'] as const) {
          const side = chain.filter((o) => o.spec.expiry === expiry && o.spec.right === right).sort((a, b) => a.spec.strike - b.spec.strike);
          for (let i = 0; i < side.length; i++) {
            const o = side[i] as OptionQuote;
            if (!(o.bid >= 0 && o.bid <= o.mark && o.mark <= o.ask && o.bid < o.ask)) violations++;
            if (right === 'C' ? !(o.delta >= 0 && o.delta <= 1) : !(o.delta <= 0 && o.delta >= -1)) violations++;
            const prev = side[i - 1];
            if (!prev) continue;
            const width = o.spec.strike - prev.spec.strike;
            if (right === 'C' && (o.mark > prev.mark || prev.mark - o.mark > width + 0.02)) violations++;
            if (right === 'P' && (o.mark < prev.mark || o.mark - prev.mark > width + 0.02)) violations++;
            if (right === 'C' ? o.bid > prev.bid || o.ask > prev.ask : o.bid < prev.bid || o.ask < prev.ask) violations++;
          }
        }
      }
    }
    expect(violations).toBe(0);
  });
});

describe('option activity', () => {
  it('accumulates volume through the session and marks unusual activity far above open interest', () => {
    const model = createMarketModel({ seed: 37, startTs: MONDAY_OPEN, symbols: ['SPY', 'QQQ', 'NVDA', 'TSLA'] });
    const unusual: MarketEpisode[] = [];
    model.on('episode', (e) => e.kind === 'unusual_options' && unusual.push(e));
    const early = model.optionChain('SPY').reduce((a, o) => a + o.volume, 0);
    model.advance(2 * 3_600_000);
    expect(model.optionChain('SPY').reduce((a, o) => a + o.volume, 0)).toBeGreaterThan(early);
    expect(unusual.length).toBeGreaterThan(3);
    for (const e of unusual.filter((u) => (u.endTs as number) <= model.now())) {
      const o = model.option(Number(e.detail.conId)) as OptionQuote;
      expect(o.spec.occId).toBe(e.detail.occId);
      expect(o.volume).toBeGreaterThan(2 * o.openInterest);
    }
  }, 20_000);

  it('trades most near the money and near expiry', () => {
    const model = createMarketModel({ seed: 43, startTs: MONDAY_OPEN + 3 * 3_600_000, symbols: ['SPY'] });
    const chain = model.optionChain('SPY');
    const spot = chain[0]!.underlyingPrice;
    const volumeOf = (expiry: string, from: number, to: number) =>
      chain.filter((o) => o.spec.expiry === expiry && Math.abs(o.spec.strike / spot - 1) >= from && Math.abs(o.spec.strike / spot - 1) < to).reduce((a, o) => a + o.volume, 0);
    expect(volumeOf('20250117', 0, 0.01)).toBeGreaterThan(3 * volumeOf('20250117', 0.05, 0.06));
    expect(volumeOf('20250106', 0, 0.01)).toBeGreaterThan(3 * volumeOf('20250221', 0, 0.01));
  });

  it('prints each traded contract’s last inside its quote, and shows the last session’s volume before the open', () => {
    const preOpen = createMarketModel({ seed: 43, startTs: MONDAY_OPEN - 2 * 3_600_000, symbols: ['SPY'] });
    const chain = preOpen.optionChain('SPY');
    const traded = chain.filter((o) => o.volume > 0);
    expect(traded.length).toBeGreaterThan(chain.length / 2);
    expect(traded.every((o) => o.last >= o.bid && o.last <= o.ask && o.last > 0)).toBe(true);
    expect(chain.filter((o) => o.volume === 0).every((o) => o.last === 0)).toBe(true);
    preOpen.advance(2 * 3_600_000 + 60_000); // a minute after the open: the new session's volume starts small
    const opened = preOpen.optionChain('SPY').reduce((a, o) => a + o.volume, 0);
    expect(opened).toBeLessThan(chain.reduce((a, o) => a + o.volume, 0) / 20);
  });

  it('takes an unusual-activity episode on request, far above the contract’s open interest and its usual pace', () => {
    const model = createMarketModel({ seed: 47, startTs: MONDAY_OPEN + 3_600_000, symbols: ['SPY'] });
    const target = model.optionChain('SPY').find((o) => o.spec.expiry === '20250117' && o.spec.right === 'C' && o.spec.strike > o.underlyingPrice * 1.02)!;
    const before = target.volume;
    const contracts = 3 * target.openInterest + 1_000;
    const episode = model.injectUnusualOptions(target.spec.occId, contracts, 120_000);
    expect(episode).toMatchObject({ kind: 'unusual_options', symbol: 'SPY', detail: { occId: target.spec.occId, contracts } });
    model.advance(180_000);
    const after = model.option(target.spec.conId)!;
    expect(after.volume - before).toBeGreaterThanOrEqual(contracts);
    expect(after.volume - before).toBeLessThan(contracts + Math.max(50, before)); // its usual three minutes are a fraction
    expect(after.volume).toBeGreaterThan(2 * after.openInterest);
    expect(model.injectUnusualOptions('SPY250117C09990000', 100, 60_000)).toBeNull();
    expect(model.injectUnusualOptions('NOPE', 100, 60_000)).toBeNull();
  });

  it('takes a requested episode before the open, on top of the last session’s volume', () => {
    const model = createMarketModel({ seed: 47, startTs: MONDAY_OPEN - 3_600_000, symbols: ['SPY'] });
    const target = model.optionChain('SPY').find((o) => o.spec.expiry === '20250117' && o.spec.right === 'P' && o.spec.strike < o.underlyingPrice * 0.98)!;
    const before = target.volume; // the last session's, as vendors show it before the open
    expect(model.injectUnusualOptions(target.spec.occId, 5_000, 60_000)).not.toBeNull();
    model.advance(120_000);
    expect(model.option(target.spec.conId)!.volume).toBe(before + 5_000);
  });

  it('counts an episode in its own session’s volume only, not in the next session’s', () => {
    const model = createMarketModel({ seed: 47, startTs: MONDAY_OPEN + 5.5 * 3_600_000, symbols: ['SPY'] });
    const target = model.optionChain('SPY').find((o) => o.spec.expiry === '20250117' && o.spec.right === 'P' && o.spec.strike < o.underlyingPrice * 0.98)!;
    model.injectUnusualOptions(target.spec.occId, 50_000, 60_000);
    model.advance(120_000);
    expect(model.option(target.spec.conId)!.volume).toBeGreaterThanOrEqual(50_000);
    model.advance(1.5 * 3_600_000); // 16:32: Tuesday's listing, before its open
    const tuesday = model.optionChain('SPY').find((o) => o.spec.occId === target.spec.occId)!;
    expect(tuesday.volume).toBeLessThan(50_000);
  });

  it('prices the historical chain of a past session around that day’s close', () => {
    const model = createMarketModel({ seed: 41, startTs: MONDAY_OPEN, symbols: ['SPY'] });
    const friday = model.historicalOptionChain('SPY', '2025-01-03');
    expect(friday.length).toBeGreaterThan(500);
    expect(expiries(friday)[0]).toBe('20250103');
    const closeBar = model.historicalBars('SPY', 86_400, 1)[0];
    expect(friday[0]?.underlyingPrice).toBe(closeBar?.close);
    expect(model.historicalOptionChain('SPY', '2025-01-04')).toEqual([]);
    expect(model.historicalOptionChain('SPY', 'not-a-date')).toEqual([]);
  });
});
