import { describe, expect, it } from 'vitest';
import type { GammaExposureUpdate, StrikeExposure } from '../../../core/contract/analyticsView';
import { describeFlip, formatUsdCompact, strikesShown, strikeWindow } from '../../../renderer/src/panels/gex/gexFigures';

const row = (strike: number): StrikeExposure => ({ strike, callGex: 1, putGex: -1, gex: 0, dex: 0 });
const gexAt = (spot: number, flip: number | null): GammaExposureUpdate =>
  ({ spot, flip: flip === null ? { level: null, reason: 'positive-across-grid', low: spot * 0.8, high: spot * 1.2 } : { level: flip, low: spot * 0.8, high: spot * 1.2 } }) as GammaExposureUpdate;

describe('GEX panel figures', () => {
  it('says why there is no flip level, with the searched range in percent of spot', () => {
    expect(describeFlip({ level: null, reason: 'positive-across-grid', low: 480, high: 720 }, 600)).toBe('no flip within ±20%: positive across the grid');
    expect(describeFlip({ level: null, reason: 'negative-across-grid', low: 540, high: 660 }, 600)).toBe('no flip within ±10%: negative across the grid');
    expect(describeFlip({ level: null, reason: 'no-contracts', low: 480, high: 720 }, 600)).toBe('no flip: no contracts');
    expect(describeFlip({ level: 587.456, low: 480, high: 720 }, 600)).toBe('flip 587.46');
  });

  it('shows the strikes within the range around spot, widened to keep the flip level in view', () => {
    const strikes = [80, 85, 90, 95, 100, 105, 110, 115, 120].map(row);
    expect(strikesShown(strikes, strikeWindow(gexAt(100, null), 10)).map((r) => r.strike)).toEqual([90, 95, 100, 105, 110]);
    expect(strikesShown(strikes, strikeWindow(gexAt(100, 85), 10)).map((r) => r.strike)).toEqual([85, 90, 95, 100, 105, 110]);
    expect(strikesShown(strikes, strikeWindow(gexAt(100, null), 0))).toHaveLength(strikes.length);
  });

  it('writes dollar exposures compactly with a real minus sign', () => {
    expect(formatUsdCompact(1_234_000_000)).toBe('$1.23B');
    expect(formatUsdCompact(-45_600_000)).toBe('−$45.6M');
    expect(formatUsdCompact(null)).toBe('—');
  });
});
