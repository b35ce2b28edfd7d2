import { describe, expect, it } from 'vitest';
import { judgeSeries, lastRegularClose } from '../../../../core/venues/alphavantage/seriesTimeliness';

const ny = (day: number, hour: number, minute = 0) => Date.UTC(2025, 0, day, hour + 5, minute); // January: EST = UTC-5

describe('judging an intraday series by its newest point', () => {
  const now = ny(7, 11, 0); // Tuesday 11:00 New York, market open

  it('calls a series current when its newest point is within two bars of now', () => {
    expect(judgeSeries(ny(7, 10, 55), '5min', now)).toBe('current');
    expect(judgeSeries(ny(7, 10, 50), '5min', now)).toBe('current');
  });

  it('calls a series 15 minutes behind delayed', () => {
    expect(judgeSeries(ny(7, 10, 40), '5min', now)).toBe('delayed');
  });

  it('calls a series that stops at the previous session behind, however fresh the call', () => {
    expect(judgeSeries(ny(6, 15, 55), '5min', now)).toBe('behind');
    expect(judgeSeries(ny(7, 9, 30), '1min', now)).toBe('behind');
  });

  it('does not call a series behind when the market is closed and it reaches the last close', () => {
    expect(judgeSeries(ny(6, 15, 55), '5min', ny(6, 20, 0))).toBe('current'); // Monday evening
    expect(judgeSeries(ny(10, 15, 55), '5min', ny(11, 12, 0))).toBe('current'); // Saturday noon, Friday's close
    expect(judgeSeries(ny(9, 15, 55), '5min', ny(11, 12, 0))).toBe('behind'); // Saturday noon, Thursday's close
  });

  it('does not judge daily and longer series', () => {
    expect(judgeSeries(ny(2, 0, 0), 'daily', now)).toBe('current');
  });

  it('knows the last regular close', () => {
    expect(lastRegularClose(ny(7, 11))).toBe(ny(6, 16));
    expect(lastRegularClose(ny(7, 17))).toBe(ny(7, 16));
    expect(lastRegularClose(ny(13, 9))).toBe(ny(10, 16)); // Monday morning: Friday's close
  });
});
