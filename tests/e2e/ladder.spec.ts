import type { Locator } from '@playwright/test';
import { savePanelScreenshot } from './support/panelScreenshot';
import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

const DATA_TIMEOUT = 20_000;
const sizes = (rows: Locator) => rows.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-price')}:${el.getAttribute('data-size')}`).join(' '));

test('the SPY ladder shows at least ten levels a side, best bid below best ask, and sizes that change over time', async ({ page, market }, testInfo) => {
  await market.open(page);
  const ladder = page.getByTestId('ladder-panel');
  await expect(ladder).toHaveAttribute('data-symbol', 'SPY');
  const asks = ladder.getByTestId('ladder-ask-row');
  const bids = ladder.getByTestId('ladder-bid-row');
  await expect.poll(() => asks.count(), { timeout: DATA_TIMEOUT }).toBeGreaterThanOrEqual(10);
  await expect.poll(() => bids.count()).toBeGreaterThanOrEqual(10);

  // One snapshot of the table (the book moves between two separate reads). Asks are drawn highest first, so the
  // best ask is the last ask row; the best bid is the first bid row.
  const best = await ladder.getByTestId('ladder-table').evaluate((table) => ({
    ask: Number([...table.querySelectorAll('[data-testid="ladder-ask-row"]')].at(-1)?.getAttribute('data-price')),
    bid: Number(table.querySelector('[data-testid="ladder-bid-row"]')?.getAttribute('data-price')),
  }));
  expect(best.bid).toBeGreaterThan(0);
  expect(best.bid).toBeLessThan(best.ask);
  await expect(ladder.getByTestId('ladder-spread')).toHaveText(/Spread \d+\.\d\d/);
  await expect(ladder.getByTestId('ladder-imbalance')).toHaveText(/Imbalance [▲▼] [+−]?\d+% (bid|ask)/);
  await expect(ladder.getByTestId('as-of')).toHaveText(/as of \d\d:\d\d:\d\d/);
  await expect(ladder.getByTestId('stale-badge')).toHaveCount(0);

  const first = await sizes(bids);
  await expect.poll(() => sizes(bids), { timeout: DATA_TIMEOUT }).not.toBe(first);
  await savePanelScreenshot(ladder, 'ladder-spy-consolidated', testInfo);
});

test('the per-exchange ladder lists several exchanges with their market makers', async ({ page, market }, testInfo) => {
  await market.open(page);
  const ladder = page.getByTestId('ladder-panel');
  await expect.poll(() => ladder.getByTestId('ladder-bid-row').count(), { timeout: DATA_TIMEOUT }).toBeGreaterThanOrEqual(10);
  await ladder.getByTestId('ladder-by-exchange').click();

  const venues = ladder.getByTestId('ladder-venue');
  await expect.poll(() => venues.count()).toBeGreaterThan(10);
  const exchanges = new Set((await venues.allTextContents()).map((text) => text.split(' ')[0]));
  expect(exchanges.size).toBeGreaterThanOrEqual(3);
  for (const exchange of exchanges) expect(['NSDQ', 'ARCA', 'BATS', 'IEX', 'EDGX']).toContain(exchange);
  await savePanelScreenshot(ladder, 'ladder-spy-by-exchange', testInfo);
});

test('a standard symbol shows top of book from its quote on the ladder', async ({ page, market }) => {
  await market.open(page);
  await expect(page.getByTestId('watch-row-AAPL')).toBeVisible(); // the engine's symbol list has arrived, as a trader sees it
  await page.getByTestId('symbol-input').fill('AAPL');
  await page.getByTestId('symbol-input').press('Enter');
  const ladder = page.getByTestId('ladder-panel');
  await expect(ladder).toHaveAttribute('data-symbol', 'AAPL');
  await expect(ladder).toContainText('Top of book');
  await expect(ladder.getByTestId('ladder-ask-row')).toHaveCount(1, { timeout: DATA_TIMEOUT });
  await expect(ladder.getByTestId('ladder-bid-row')).toHaveCount(1);
  const best = await ladder.getByTestId('ladder-table').evaluate((table) => ({
    ask: Number(table.querySelector('[data-testid="ladder-ask-row"]')?.getAttribute('data-price')),
    bid: Number(table.querySelector('[data-testid="ladder-bid-row"]')?.getAttribute('data-price')),
  }));
  expect(best.bid).toBeGreaterThan(0);
  expect(best.bid).toBeLessThan(best.ask);
});
