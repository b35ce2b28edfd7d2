import { describe, expect, it } from 'vitest';
import { createMarketModel } from '../../../core/sim/market/marketModel';
import type { TradePrint } from '../../../core/sim/market/marketFeed';
import { runMarketCommand } from '../../../core/sim/marketCommands';

describe('the sim console’s market commands', () => {
  it('sends a buy through four ask levels on several exchanges at once and answers with what it did', () => {
    const model = createMarketModel({ seed: 5, symbols: ['SPY'] });
    model.advance(2_000);
    const bestAsk = model.quote('SPY')!.ask;
    const prints: TradePrint[] = [];
    model.on('trade', (t) => prints.push(t));
    const answer = runMarketCommand(model, 'sweep SPY buy 4')!;
    const done = JSON.parse(answer.slice('sweep '.length));
    expect(done).toMatchObject({ symbol: 'SPY', aggressor: 'buy', levels: 4, fromPrice: bestAsk });
    expect(done.toPrice).toBeCloseTo(bestAsk + 0.03, 6);
    expect(new Set(prints.map((p) => p.price)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(prints.map((p) => p.exchange)).size).toBeGreaterThanOrEqual(2);
    expect(prints.every((p) => p.aggressor === 'buy' && p.kind === 'sweep' && p.ts === model.now())).toBe(true);
    expect(model.quote('SPY')!.ask).toBeGreaterThan(done.toPrice);
  });

  it('starts informed flow on request: mostly buys for the given market time, then the price moves up', () => {
    const model = createMarketModel({ seed: 5, symbols: ['AAPL'] });
    model.advance(2_000);
    const start = model.quote('AAPL')!;
    const prints: TradePrint[] = [];
    model.on('trade', (t) => prints.push(t));
    const answer = runMarketCommand(model, 'informed AAPL buy 120')!;
    const done = JSON.parse(answer.slice('informed '.length));
    expect(done).toMatchObject({ symbol: 'AAPL', direction: 1, startTs: model.now(), endTs: model.now() + 120_000 });
    expect(runMarketCommand(model, 'informed AAPL sell 60')).toMatch(/informed flow already running/);
    model.advance(120_000);
    const informed = prints.filter((p) => p.kind === 'informed');
    const bought = informed.filter((p) => p.aggressor === 'buy').reduce((n, p) => n + p.size, 0);
    const sold = informed.filter((p) => p.aggressor === 'sell').reduce((n, p) => n + p.size, 0);
    expect(informed.length).toBeGreaterThan(1000);
    expect(bought).toBeGreaterThan(3 * sold);
    model.advance(2_000); // the news
    const mid = (q: { bid: number; ask: number }): number => (q.bid + q.ask) / 2;
    expect(mid(model.quote('AAPL')!) - mid(start)).toBeGreaterThan((done.moveBps / 10_000) * mid(start) * 0.5);
  });

  it('names what is wrong with a bad line and leaves other lines to the fault commands', () => {
    const model = createMarketModel({ seed: 5, symbols: ['SPY'] });
    expect(runMarketCommand(model, 'sweep SPY up')).toMatch(/side must be buy or sell/);
    expect(runMarketCommand(model, 'sweep SPY sell 0')).toMatch(/levels must be 1..20/);
    expect(runMarketCommand(model, 'sweep NOPE sell')).toMatch(/NOPE has nothing to sweep/);
    expect(runMarketCommand({}, 'sweep SPY buy')).toMatch(/only the seeded model/);
    expect(runMarketCommand(model, 'informed SPY buy 5')).toMatch(/seconds must be 10..3600/);
    expect(runMarketCommand(model, 'informed NOPE buy')).toMatch(/NOPE takes no informed flow now/);
    expect(runMarketCommand({}, 'informed SPY buy')).toMatch(/only the seeded model takes informed flow/);
    expect(runMarketCommand(model, 'set stall true')).toBeNull();
  });
});

describe('the sim console’s uoa command', () => {
  const MONDAY_1030 = Date.UTC(2025, 0, 6, 15, 30);

  it('trades that many contracts in one listed option over the next minutes and answers with what it did', () => {
    const model = createMarketModel({ seed: 5, symbols: ['SPY'], startTs: MONDAY_1030 });
    const target = model.optionChain('SPY').find((o) => o.spec.expiry === '20250117' && o.spec.right === 'P')!;
    const answer = runMarketCommand(model, `uoa ${target.spec.occId.toLowerCase()} 4000 3`)!;
    expect(JSON.parse(answer.slice('uoa '.length))).toMatchObject({ symbol: 'SPY', occId: target.spec.occId, contracts: 4000, endTs: MONDAY_1030 + 180_000 });
    model.advance(180_000);
    expect(model.option(target.spec.conId)!.volume - target.volume).toBeGreaterThanOrEqual(4000);
  });

  it('names what is wrong with a bad line', () => {
    const model = createMarketModel({ seed: 5, symbols: ['SPY'], startTs: MONDAY_1030 });
    expect(runMarketCommand(model, 'uoa SPY250117P00600000 many')).toMatch(/contracts must be a whole number/);
    expect(runMarketCommand(model, 'uoa SPY250117P00600000 100 0')).toMatch(/minutes must be above 0/);
    expect(runMarketCommand(model, 'uoa SPY250117P09990000 100')).toMatch(/not a contract listed today/);
    expect(runMarketCommand({}, 'uoa SPY250117P00600000 100')).toMatch(/only the seeded model/);
  });
});
