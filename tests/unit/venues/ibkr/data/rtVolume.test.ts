import { describe, expect, test } from 'vitest';
import { parseRtVolume } from '../../../../../core/venues/ibkr/data/rtVolume';

describe('RTVolume parsing', () => {
  test('reads price, size, time, total volume and VWAP of a print', () => {
    expect(parseRtVolume('589.97;300;1736173800123;141110;589.95123;true')).toEqual({
      price: 589.97, size: 300, ts: 1736173800123, totalVolume: 141110, vwap: 589.95123,
    });
  });

  test('a volume-only update has no price and no size', () => {
    expect(parseRtVolume(';;1736173800123;141110;589.95;false')).toMatchObject({ price: undefined, size: undefined, totalVolume: 141110 });
  });

  test.each([
    ['589.97;300', /has 2 fields/],
    ['0;300;1736173800123;100;589;true', /price 0 is not positive/],
    ['589.97;-3;1736173800123;100;589;true', /size -3 is negative/],
    ['589.97;300;yesterday;100;589;true', /time yesterday/],
    ['589.97;300;1736173800123;lots;589;true', /total volume/],
  ])('refuses %s and names the problem', (text, problem) => {
    expect(parseRtVolume(text)).toMatch(problem);
  });
});
