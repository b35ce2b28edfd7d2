import { keys } from '../../core/store/keys';
import { LIGHT_SYMBOLS, shippedConfig } from '../support/engineProcess';
import { createWorkstation, expect, test } from './support/workstation';

test.describe.configure({ timeout: 90_000 });

/** More bars in Redis than the chart opens with (100), so there is history to scroll back to. */
const BARS_IN_REDIS = 140;

interface StoredBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/** The bars an earlier run of the engine would have left before `oldest`, 5 s apart, oldest last (the list's order). */
function earlierBars(oldest: StoredBar, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const drift = Math.sin(i / 5) * 0.25;
    return JSON.stringify({ ...oldest, time: oldest.time - 5_000 * (i + 1), open: oldest.open + drift, high: oldest.high + drift, low: oldest.low + drift, close: oldest.close + drift });
  });
}

test('scrolling the chart back past the bars it opened with loads the older bars Redis holds, down to the oldest', async ({ page }) => {
  // Two symbols at 25x: live bars arrive five a second. What came before them is put behind them in Redis, as an
  // earlier run of the engine would have left it (the history list keeps an hour), instead of waiting minutes for it.
  const workstation = await createWorkstation({ sim: { ...shippedConfig().sim, speed: 25 }, symbols: LIGHT_SYMBOLS });
  try {
    const redis = workstation.redis();
    const barsKey = keys.market.barHistory('SPY').key;
    await expect.poll(() => redis.llen(barsKey), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
    const firstLive = JSON.parse((await redis.lindex(barsKey, -1))!) as StoredBar;
    await redis.rpush(barsKey, ...earlierBars(firstLive, BARS_IN_REDIS));

    await workstation.open(page);
    const chart = page.getByTestId('chart-panel');
    await expect(chart).toHaveAttribute('data-symbol', 'SPY');
    const count = chart.getByTestId('chart-bar-count');
    await expect(count).toHaveText(/^\d+ bars$/);
    await expect(count).not.toHaveAttribute('data-first-bar-time', '');
    const openedWith = Number(await count.getAttribute('data-first-bar-time'));
    const oldest = (JSON.parse((await redis.lindex(barsKey, -1))!) as { time: number }).time;
    expect(openedWith).toBeGreaterThan(oldest); // the chart opened with the newest 100, not everything

    // Drag the candles to the right (back in time) until the oldest bar in Redis is on the chart.
    const box = (await chart.getByTestId('chart-canvas').boundingBox())!;
    const y = box.y + box.height * 0.4;
    await expect(async () => {
      await page.mouse.move(box.x + box.width * 0.1, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.9, y, { steps: 8 });
      await page.mouse.up();
      expect(Number(await count.getAttribute('data-first-bar-time'))).toBe(oldest);
    }).toPass({ timeout: 60_000 });

    const shown = Number(/^(\d+) bars$/.exec((await count.textContent())!)?.[1]);
    expect(shown).toBeGreaterThanOrEqual(BARS_IN_REDIS);
  } finally {
    await workstation.dispose();
  }
});
