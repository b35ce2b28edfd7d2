import { test as base, type Page } from '@playwright/test';
import { shippedConfig } from '../support/engineProcess';
import { savePanelScreenshot } from './support/panelScreenshot';
import { startWorkstationOnSeparateGateway } from './support/separateGateway';
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
  // The simulated vendor serves a few deltas 0.10 off and a few contracts without greeks (vendorGreekFlaws).
  await expect(panel.getByTestId('flow-vendor-greeks-line')).toHaveText(
    /^\d+\.\d% of [\d,]+ contracts: vendor delta off by > 0\.05 · theta per calendar day · vega per vol point · [\d,]+ filled with our greeks$/,
  );
  expect(Number(await panel.getByTestId('flow-vendor-greeks').getAttribute('data-mismatched'))).toBeGreaterThan(0);
  expect(Number(await panel.getByTestId('flow-vendor-greeks').getAttribute('data-filled'))).toBeGreaterThan(0);
  await expect(panel.getByTestId('flow-vendor-worst').locator('tbody tr')).toHaveCount(5);

  const asOf = Number(await panel.getByTestId('flow-chain-as-of').getAttribute('data-as-of'));
  await expect.poll(async () => Number(await panel.getByTestId('flow-chain-as-of').getAttribute('data-as-of')), { timeout: (OPTIONS_REFRESH_SECONDS + 30) * 1000 }).toBeGreaterThan(asOf);
  await savePanelScreenshot(panel, 'options-flow-spy', testInfo);
});

interface AvRow {
  contractID: string;
  expiration: string;
  strike: string;
  type: 'call' | 'put';
  delta: string;
  open_interest: string;
}

/** An out-of-the-money put of the fourth expiry with open interest, from the simulated Alpha Vantage endpoint. */
async function quietPut(avPort: number): Promise<AvRow> {
  const answer = await fetch(`http://127.0.0.1:${avPort}/query?function=REALTIME_OPTIONS&symbol=SPY&require_greeks=true&apikey=sim`);
  const rows = ((await answer.json()) as { data: AvRow[] }).data;
  const expiry = [...new Set(rows.map((r) => r.expiration))].sort()[3];
  const put = rows.find((r) => r.expiration === expiry && r.type === 'put' && Number(r.delta) < -0.1 && Number(r.delta) > -0.3 && Number(r.open_interest) > 100);
  if (!put) throw new Error(`no out-of-the-money put with open interest on ${expiry}`);
  return put;
}

test('an unusual-activity episode typed at the sim console appears in the options flow panel’s unusual list with its contract and figures', async ({ page }) => {
  // The sim as its own process, for its console; the rule judges a contract after one refresh of history.
  const config = analyticsConfig();
  const flow = { ...((config.analytics as Record<string, unknown>).flow as object), minSamples: 1 };
  const { engine, gateway, dispose } = await startWorkstationOnSeparateGateway(60, { ...config, analytics: { ...(config.analytics as object), flow } });
  try {
    await page.goto(engine.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await page.keyboard.press('Alt+Shift+F');
    const panel = page.getByTestId('options-flow-panel');
    await expect(panel).toHaveAttribute('data-symbol', 'SPY');
    const chainAsOf = panel.getByTestId('flow-chain-as-of');
    await expect.poll(async () => Number(await chainAsOf.getAttribute('data-as-of')), { timeout: DATA_TIMEOUT }).toBeGreaterThan(0);
    // Two refreshes seen: every contract has a pace to be judged against.
    for (let i = 0; i < 2; i++) {
      const asOf = Number(await chainAsOf.getAttribute('data-as-of'));
      await expect.poll(async () => Number(await chainAsOf.getAttribute('data-as-of')), { timeout: (OPTIONS_REFRESH_SECONDS + 30) * 1000 }).toBeGreaterThan(asOf);
    }

    const put = await quietPut(gateway.avPort);
    const openInterest = Number(put.open_interest);
    const contracts = 3 * openInterest + 1_000;
    const answer = await gateway.command(`uoa ${put.contractID} ${contracts} 0.05`); // all of it within three seconds
    expect(answer).toMatch(/^uoa \{/);
    expect(JSON.parse(answer.slice('uoa '.length))).toMatchObject({ occId: put.contractID, contracts, openInterest });

    const label = `${put.expiration} ${Number(put.strike)} P`;
    const row = panel.getByTestId('flow-unusual-row').filter({ hasText: label });
    await expect(row).toHaveCount(1, { timeout: (2 * OPTIONS_REFRESH_SECONDS + 30) * 1000 });
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    const [time, contract, volume, oi, overOi, pace, premium] = cells;
    expect(time).toMatch(/^\d\d:\d\d:\d\d/);
    expect(contract).toBe(label);
    expect(Number(oi!.replaceAll(',', ''))).toBe(openInterest);
    expect(Number(volume!.replaceAll(',', ''))).toBeGreaterThanOrEqual(openInterest); // the rule: volume at least its open interest
    expect(Number(overOi)).toBeGreaterThanOrEqual(1);
    expect(pace).toMatch(/^—$|^[\d,.]+×$/); // × its own pace; — when it had never traded between refreshes
    expect(premium).toMatch(/^\$[\d.]+[KMB]?$/);
  } finally {
    await dispose();
  }
});
