import { test as base, type Page } from '@playwright/test';
import { shippedConfig } from '../support/engineProcess';
import { savePanelScreenshot } from './support/panelScreenshot';
import { createWorkstation, expect, type Workstation } from './support/workstation';

const DATA_TIMEOUT = 30_000;
/** The chains refresh every 20 s here (60 s shipped): a new options flow reading within a test's patience. */
const OPTIONS_REFRESH_SECONDS = 20;

/** Small buckets classified print by print: the simulated market at real speed fills several a second. */
function analyticsConfig(): Record<string, unknown> {
  const shipped = shippedConfig();
  const vpin = { ...(shipped.analytics!.vpin as object), bucketVolume: 3_000, buckets: 5, classification: 'trade', historyReadings: 200, minHistoryReadings: 5 };
  return { analytics: { ...shipped.analytics, vpin }, schedules: { ...shipped.schedules, optionsRefreshSeconds: OPTIONS_REFRESH_SECONDS } };
}

/** One engine for the file: the panels only watch the market. */
const test = base.extend<object, { desk: Workstation }>({
  desk: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
    async ({}, use) => {
      const workstation = await createWorkstation(analyticsConfig());
      try {
        await use(workstation);
      } finally {
        await workstation.dispose();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

test.describe.configure({ mode: 'default', timeout: 120_000 });

async function openPanel(page: Page, desk: Workstation, key: string, testId: string) {
  await desk.open(page);
  await page.keyboard.press(`Alt+Shift+${key}`);
  const panel = page.getByTestId(testId);
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-symbol', 'SPY');
  return panel;
}

test('the VPIN panel draws VPIN and its CDF over time, updates as buckets fill, and shows its as-of time', async ({ page, desk }, testInfo) => {
  const panel = await openPanel(page, desk, 'V', 'vpin-panel');
  const latest = panel.getByTestId('vpin-latest');
  await expect(latest).toHaveText(/^VPIN [01]\.\d{3}$/, { timeout: DATA_TIMEOUT });
  await expect(panel.getByTestId('vpin-settings')).toContainText('trade classification (quote rule) · V 3,000 shares · n 5 buckets · alert at CDF ≥ 90.0%');
  await expect(panel.getByTestId('vpin-cdf')).toHaveText(/^CDF \d+\.\d%$/, { timeout: DATA_TIMEOUT });
  await expect.poll(async () => Number(await panel.getByTestId('vpin-chart').getAttribute('data-points')), { timeout: DATA_TIMEOUT }).toBeGreaterThan(1);

  const bucket = Number(await latest.getAttribute('data-bucket'));
  await expect.poll(async () => Number(await latest.getAttribute('data-bucket')), { timeout: DATA_TIMEOUT }).toBeGreaterThan(bucket);
  await expect(panel.getByTestId('as-of')).toHaveText(/^as of \d\d:\d\d:\d\d/);
  await expect(panel.getByTestId('vpin-reading-time')).toHaveText(/^bucket \d+ at \d\d:\d\d:\d\d.* ago$/);
  await savePanelScreenshot(panel, 'vpin-spy', testInfo);
});

test('the options flow panel draws P/C ratios, ATM IV and the term structure, updates at a chain refresh, and shows the chain’s as-of time', async ({ page, desk }, testInfo) => {
  const panel = await openPanel(page, desk, 'F', 'options-flow-panel');
  await expect(panel.getByTestId('flow-pc-volume')).toHaveText(/^\d+\.\d\d$/, { timeout: DATA_TIMEOUT });
  await expect(panel.getByTestId('flow-pc-premium')).toHaveText(/^\d+\.\d\d$/);
  await expect(panel.getByTestId('flow-atm-iv')).toHaveText(/^\d+\.\d%$/);
  await expect.poll(async () => Number(await panel.getByTestId('flow-term-chart').getAttribute('data-points'))).toBeGreaterThan(2);
  await expect.poll(() => panel.getByTestId('flow-expiries').locator('tbody tr').count()).toBeGreaterThan(2);
  await expect(panel.getByTestId('as-of')).toHaveText(/^as of \d\d:\d\d:\d\d/);

  const asOf = Number(await panel.getByTestId('flow-chain-as-of').getAttribute('data-as-of'));
  await expect.poll(async () => Number(await panel.getByTestId('flow-chain-as-of').getAttribute('data-as-of')), { timeout: (OPTIONS_REFRESH_SECONDS + 30) * 1000 }).toBeGreaterThan(asOf);
  await savePanelScreenshot(panel, 'options-flow-spy', testInfo);
});
