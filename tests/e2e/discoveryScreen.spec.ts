import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, test as base, type Page } from '@playwright/test';
import { seedDiscoveryHistory } from '../support/discoveryHistorySeed';
import { shippedConfig, writeTestConfig } from '../support/engineProcess';
import { startTestRedis, tempDir, type TestRedis } from '../support/testRedis';
import { savePanelScreenshot } from './support/panelScreenshot';
import { launchEngine, type LaunchedEngine } from './support/launchEngine';

/** Two Level 2 ETFs and a single name: three pairs to correlate, market makers to profile, light on a shared machine. */
const SYMBOLS = [
  { symbol: 'SPY', dataClass: 'level2', etf: true, priority: true },
  { symbol: 'QQQ', dataClass: 'level2', etf: true, priority: true },
  { symbol: 'AAPL', dataClass: 'standard' },
];
const HISTORY_MINUTES = 120;

interface DiscoveryDesk {
  engine: LaunchedEngine;
  open(page: Page): Promise<void>;
}

/**
 * The real engine on a Redis that already holds two hours of discovery history: the simulated market run offline and
 * written as the engine's own history writer would have (tests/support/discoveryHistorySeed.ts), before the engine
 * starts, so its live history continues where the seeded one ends.
 */
async function startDesk(configOverrides: Record<string, unknown>, seed = true): Promise<DiscoveryDesk & { dispose(): Promise<void> }> {
  const redis: TestRedis = await startTestRedis();
  const dataDir = tempDir('alphatrader-e2e-discovery-');
  const configPath = await writeTestConfig({ symbols: SYMBOLS, ...configOverrides });
  let started: LaunchedEngine;
  try {
    if (seed) await seedDiscoveryHistory(redis.client, { symbols: SYMBOLS.map((s) => s.symbol), minutes: HISTORY_MINUTES, historyMinutes: HISTORY_MINUTES });
    started = await launchEngine({ dataDir, configPath, port: 0, env: { REDIS_URL: redis.url } });
  } catch (error) {
    await redis.stop();
    throw error;
  }
  return {
    engine: started,
    open: async (page) => {
      await page.goto(started.url);
      await baseExpect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    },
    async dispose() {
      await started.stop('SIGTERM');
      await redis.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(configPath), { recursive: true, force: true });
      fs.rmSync(redis.dataDir, { recursive: true, force: true });
    },
  };
}

/** One seeded engine for the two tests that read runs (in order, in one worker): seeding two hours takes a while. */
const test = base.extend<object, { desk: DiscoveryDesk }>({
  desk: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
    async ({}, use) => {
      const desk = await startDesk({});
      try {
        await use(desk);
      } finally {
        await desk.dispose();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});
const expect = baseExpect.configure({ timeout: 20_000 });
// Tall enough that the panel's screenshot shows its charts, not only its top.
test.use({ viewport: { width: 1600, height: 2000 } });

// Seeding two hours of market and a discovery run on a machine shared with other runs: generous, only against a hang.
test.describe.configure({ mode: 'default', timeout: 240_000 });
/** The engine's first run is 30 s after it starts; then every 15 minutes, or on Run now. */
const RUN_TIMEOUT = 120_000;

const runId = async (page: Page) => Number((await page.getByTestId('discovery-panel').getAttribute('data-run-id')) || 0);

test('the Discovery screen shows a run with its histogram, ACF and PACF, volatility, heatmap and market makers', async ({ page, desk }, testInfo) => {
  await desk.open(page);
  await page.keyboard.press('Alt+Shift+D');
  const panel = page.getByTestId('discovery-panel');
  await expect(panel).toHaveAttribute('data-symbol', 'SPY');
  // The stream answers (discovery is on): the next scheduled run is shown, no "unavailable" notice.
  await expect(panel.getByTestId('discovery-next-run')).toBeVisible();
  await expect(panel.getByTestId('discovery-unavailable')).toHaveCount(0);

  // The first scheduled run, 30 s after the engine started, reads the seeded two hours.
  await expect.poll(() => runId(page), { timeout: RUN_TIMEOUT }).toBeGreaterThan(0);
  const latest = panel.getByTestId('discovery-latest-run');
  await expect(latest).toHaveText(/^run #\d+ \((startup|schedule|manual)[^)]*\) started \d\d:\d\d:\d\d, finished \d\d:\d\d:\d\d \(.+\) · .+ · read the last 120 min$/);
  await expect(panel.getByTestId('discovery-next-run')).toHaveText(/^next run \d\d:\d\d:\d\d \((in .+|due)\) · every 15 min$/);

  // VPIN bucket: a log-scale histogram of every bin, the clusters (the simulation's several sizes), the chosen bucket.
  const histogram = panel.getByTestId('trade-size-chart');
  await expect.poll(async () => Number(await histogram.getAttribute('data-bars'))).toBeGreaterThan(4);
  await expect.poll(async () => Number(await histogram.getAttribute('data-clusters'))).toBeGreaterThanOrEqual(2);
  const bucket = Number(await histogram.getAttribute('data-bucket'));
  await expect(panel.getByTestId('discovery-bucket')).toContainText(`bucket ${bucket.toLocaleString('en-US')} shares`);
  await expect(panel.getByTestId('discovery-cluster-row').and(page.locator('[data-chosen="true"]'))).toHaveCount(1);
  await expect(panel.getByTestId('status-trade-sizes-as-of')).toHaveText(/^window \d\d:\d\d:\d\d–\d\d:\d\d:\d\d · [\d,]+ trades · computed \d\d:\d\d:\d\d$/);

  // Lookback: sixty lags of ACF and PACF with the band and the chosen lookback, and the Ljung–Box test.
  await expect(panel.getByTestId('acf-chart')).toHaveAttribute('data-bars', '60');
  await expect(panel.getByTestId('pacf-chart')).toHaveAttribute('data-bars', '60');
  const lookback = await panel.getByTestId('discovery-lookback').textContent();
  await expect(panel.getByTestId('acf-chart')).toHaveAttribute('data-lookback', lookback!);
  await expect(panel.getByTestId('discovery-ljung-box')).toHaveText(/^Ljung–Box Q [\d,.]+ \(h \d+\) p (< 0\.0001|[\d.]+)$/);
  await panel.getByTestId('discovery-structure-series').selectOption('signedVolume');
  await expect(panel.getByTestId('acf-chart')).toHaveAttribute('data-bars', '60');
  await panel.getByTestId('discovery-structure-series').selectOption('returns');

  // Volatility: realized volatility of every history window, the regime against its thresholds.
  await expect.poll(async () => Number(await panel.getByTestId('volatility-chart').getAttribute('data-points'))).toBeGreaterThan(1);
  await expect(panel.getByTestId('discovery-regime')).toHaveText(/^(LOW|NORMAL|HIGH)$/);

  // All symbols: three pairs in the heatmap, each with its aligned returns.
  const heatmap = panel.getByTestId('correlation-heatmap');
  await expect(heatmap).toHaveAttribute('data-cells', '3');
  await expect(heatmap.getByTestId('correlation-cell')).toHaveCount(6);
  const cell = heatmap.locator('[data-pair="SPY/QQQ"]');
  await expect(cell).toHaveText(/^(-?\d\.\d\d|n\/a)$/);
  await expect(cell).toHaveAttribute('title', /^SPY\/QQQ: .+ · [\d,]+ aligned returns$/);

  // Market makers of SPY (Level 2): several per exchange in the simulated market.
  const grid = panel.getByTestId('market-maker-grid');
  await expect.poll(async () => Number(await grid.getAttribute('data-rows'))).toBeGreaterThan(2);
  await expect(grid.getByRole('columnheader', { name: 'Top of book' })).toBeVisible();
  await savePanelScreenshot(panel, 'discovery-spy', testInfo);

  // AAPL has no Level 2: its market makers are refused, with the reason, and no value is invented.
  await panel.getByTestId('panel-symbol').selectOption('AAPL');
  await expect(panel).toHaveAttribute('data-symbol', 'AAPL');
  await expect(panel.getByTestId('status-market-makers-refusal')).toHaveText(/^⚠ no value yet — .+/);
  await expect(panel.getByTestId('market-maker-grid')).toHaveCount(0);
});

test('Run now shows the run in progress and produces a new run: its number, start time and the recent runs move on', async ({ page, desk }) => {
  await desk.open(page);
  await page.keyboard.press('Alt+Shift+D');
  const panel = page.getByTestId('discovery-panel');
  const runNow = panel.getByTestId('discovery-run-now');
  // After the first scheduled run, so Run now is not refused for a run in progress; the next one is 15 minutes away.
  await expect.poll(() => runId(page), { timeout: RUN_TIMEOUT }).toBeGreaterThan(0);
  await expect(runNow).toBeEnabled({ timeout: RUN_TIMEOUT });
  const before = await runId(page);
  const startedBefore = await panel.getByTestId('discovery-latest-run').getAttribute('data-started-at');

  await panel.getByTestId('discovery-reason').fill('e2e: check after the seeded history');
  await runNow.click();
  // While it runs (seconds: it reads two hours of three symbols): its step and progress, and no second Run now.
  const progress = panel.getByTestId('discovery-progress');
  await expect(progress).toHaveText(new RegExp(`^run #${before + 1} \\(manual\\): .+ \\d+/\\d+$`));
  await expect(runNow).toBeDisabled();
  await expect(panel.getByTestId('discovery-run-error')).toHaveCount(0);
  await expect.poll(() => runId(page), { timeout: RUN_TIMEOUT }).toBeGreaterThan(before);
  const latest = panel.getByTestId('discovery-latest-run');
  await expect(latest).toHaveAttribute('data-trigger', 'manual');
  await expect(latest).toContainText('“e2e: check after the seeded history”');
  await expect(latest).not.toHaveAttribute('data-started-at', startedBefore!);
  const newest = await runId(page);
  await expect(panel.getByTestId('discovery-run-row').first()).toHaveAttribute('data-run-id', String(newest));
  await expect(panel.getByTestId('discovery-run-row').first().getByTestId('discovery-run-trigger')).toContainText('manual');
  await expect(runNow).toBeEnabled({ timeout: RUN_TIMEOUT });
  // What changed since the previous run is listed, or said to be nothing.
  await expect(panel.getByTestId('discovery-changes').or(panel.getByTestId('discovery-no-changes'))).toBeVisible();
});

test('with discovery switched off the screen says so and offers no Run now', async ({ page }) => {
  const desk = await startDesk({ discovery: { ...shippedConfig().discovery, enabled: false } }, false);
  try {
    await desk.open(page);
    await page.keyboard.press('Alt+Shift+D');
    const panel = page.getByTestId('discovery-panel');
    await expect(panel.getByTestId('discovery-unavailable')).toContainText('parameter discovery is switched off: set discovery.enabled to true');
    await expect(panel.getByTestId('discovery-run-now')).toBeDisabled();
    await expect(panel.getByTestId('trade-size-chart')).toHaveCount(0);
  } finally {
    await desk.dispose();
  }
});
