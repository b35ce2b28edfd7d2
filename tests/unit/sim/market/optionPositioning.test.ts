import { describe, expect, it } from 'vitest';
import { createMarketModel } from '../../../../core/sim/market/marketModel';
import type { OptionQuote } from '../../../../core/sim/market/marketFeed';
import { gammaPivot } from '../../../../core/sim/market/optionContracts';
import { bruteForceFlip, bruteForceWalls, type PositionedContract } from '../../../support/bruteForceGex';

const MONDAY_MORNING = Date.UTC(2025, 0, 6, 15, 30);
const carry = { rate: 0.04, dividendYield: 0 };

function positioned(chain: OptionQuote[]): PositionedContract[] {
  return chain.map((o) => ({ expiry: o.spec.expiry, strike: o.spec.strike, right: o.spec.right, openInterest: o.openInterest, iv: o.impliedVol }));
}

describe('the simulated options positioning', () => {
  const model = createMarketModel({ seed: 43, startTs: MONDAY_MORNING, symbols: ['SPY', 'AAPL', 'NVDA'] });

  // Annual vols 15%, 25%, 50%: the far expiries' gamma leans on the strikes above a spot, so the more volatile the
  // name, the further below the pivot the flip lies (up to a tenth of the annual vol), still below spot.
  it.each([['SPY', 0.15], ['AAPL', 0.25], ['NVDA', 0.5]] as const)('holds more puts below its pivot and more calls above it in %s, so the flip lies near the pivot, below spot', (symbol, vol) => {
    const chain = model.optionChain(symbol);
    const spot = chain[0]!.underlyingPrice;
    const strikeStep = symbol === 'AAPL' ? 2.5 : 1;
    const pivot = gammaPivot(spot, strikeStep);
    const below = chain.filter((o) => o.spec.strike < pivot * 0.97);
    const above = chain.filter((o) => o.spec.strike > pivot * 1.03);
    const oi = (list: OptionQuote[], right: 'C' | 'P') => list.filter((o) => o.spec.right === right).reduce((a, o) => a + o.openInterest, 0);
    expect(oi(below, 'P')).toBeGreaterThan(2 * oi(below, 'C'));
    expect(oi(above, 'C')).toBeGreaterThan(2 * oi(above, 'P'));

    const flip = bruteForceFlip(positioned(chain), spot, model.now(), carry);
    expect(flip).not.toBeNull();
    expect(Math.abs(flip! / pivot - 1)).toBeLessThan(0.1 * vol);
    expect(flip!).toBeLessThan(spot);
    expect(flip!).toBeGreaterThan(spot * (1 - 0.03 - 0.1 * vol));
  });

  it('puts the call and put walls at round strikes', () => {
    for (const symbol of ['SPY', 'NVDA']) {
      const chain = model.optionChain(symbol);
      const { callWall, putWall } = bruteForceWalls(positioned(chain), chain[0]!.underlyingPrice, model.now(), carry);
      expect(callWall % 5).toBe(0);
      expect(putWall % 5).toBe(0);
    }
  });
});
