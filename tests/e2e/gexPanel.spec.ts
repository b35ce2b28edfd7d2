import { savePanelScreenshot } from './support/panelScreenshot';
import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

// The shared market's chains refresh every 20 s (marketConfig): a new computation arrives within one refresh.
test.describe.configure({ timeout: SLOW_TEST_TIMEOUT + 20_000 });

const DATA_TIMEOUT = 30_000;

test('the GEX panel draws exposure by strike with spot, flip and walls, shows its as-of times, and updates with a new chain', async ({ page, market }, testInfo) => {
  await market.open(page);
  await page.keyboard.press('Alt+Shift+G');
  const panel = page.getByTestId('gex-panel');
  const chart = panel.getByTestId('gex-chart');
  await expect(panel).toHaveAttribute('data-symbol', 'SPY');

  // Draws: bars on the canvas, with the figures and lines the chart marks also given as text.
  await expect.poll(async () => Number(await chart.getAttribute('data-bars')), { timeout: DATA_TIMEOUT }).toBeGreaterThan(5);
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(panel.getByTestId('gex-net')).toHaveText(/^−?\$\d+(\.\d+)?[KMBT]?$/);
  await expect(panel.getByTestId('gex-dex')).toHaveText(/^−?\$\d+(\.\d+)?[KMBT]?$/);
  await expect(panel.getByTestId('gex-flip')).toHaveText(/^(flip \d+\.\d\d|no flip within ±\d+%: (positive|negative) across the grid)$/);
  await expect(panel.getByTestId('gex-call-wall')).toHaveText(/^call \d+(\.\d+)?$/);
  await expect(panel.getByTestId('gex-put-wall')).toHaveText(/^put \d+(\.\d+)?$/);
  await expect(panel.getByTestId('gex-positioning')).toHaveText('dealers long calls, short puts · USD per 1% move');

  // As-of times: the chain's and the spot's, each with its age, and the freshness badge on the chain's.
  await expect(panel.getByTestId('gex-chain-as-of')).toHaveText(/^chain \d\d:\d\d:\d\d · [\d.]+ [smh]/);
  await expect(panel.getByTestId('gex-spot-as-of')).toHaveText(/^spot \d+\.\d\d at \d\d:\d\d:\d\d · [\d.]+ [smh]/);
  await expect(panel.getByTestId('as-of')).toHaveText(/^as of \d\d:\d\d:\d\d · /);
  await expect(panel).toHaveAttribute('data-stale', 'false');

  // The whole bucket's strikes are more than the ±5% around spot shown by default.
  const aroundSpot = Number(await chart.getAttribute('data-bars'));
  await panel.getByTestId('gex-range').selectOption('0');
  await expect.poll(async () => Number(await chart.getAttribute('data-bars'))).toBeGreaterThan(aroundSpot);
  await panel.getByTestId('gex-range').selectOption('5');
  await expect.poll(async () => Number(await chart.getAttribute('data-bars'))).toBe(aroundSpot);
  // Calls and puts: two bars a strike.
  await panel.getByTestId('gex-bars').selectOption('callPut');
  await expect.poll(async () => Number(await chart.getAttribute('data-bars'))).toBe(2 * aroundSpot);
  await panel.getByTestId('gex-bars').selectOption('net');
  await savePanelScreenshot(panel, 'gex-spy', testInfo);

  // Updates: the next computation (a refreshed chain, or the spot moving past the re-price step) is drawn.
  const computedAt = await chart.getAttribute('data-computed-at');
  await expect.poll(() => chart.getAttribute('data-computed-at'), { timeout: 50_000 }).not.toBe(computedAt);
  await expect.poll(async () => Number(await chart.getAttribute('data-bars'))).toBeGreaterThan(5);
});
