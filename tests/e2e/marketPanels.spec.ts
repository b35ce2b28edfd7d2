import { savePanelScreenshot } from './support/panelScreenshot';
import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

const DATA_TIMEOUT = 20_000;

test('the chart draws 5-second candles and receives new bars live', async ({ page, market }, testInfo) => {
  await market.open(page);
  const chart = page.getByTestId('chart-panel');
  const lastBar = chart.getByTestId('chart-last-bar');
  await expect(lastBar).toHaveText(/O \d+\.\d\d H .* V [\d,]+/, { timeout: DATA_TIMEOUT });
  await expect(chart.locator('canvas').first()).toBeVisible();
  const firstBarTime = Number(await lastBar.getAttribute('data-bar-time'));
  await expect.poll(async () => Number(await lastBar.getAttribute('data-bar-time')), { timeout: DATA_TIMEOUT }).toBeGreaterThanOrEqual(firstBarTime + 5_000);
  await expect(chart.getByTestId('chart-bar-count')).toHaveText(/^([2-9]|\d\d+) bars$/);
  await savePanelScreenshot(chart, 'chart-spy', testInfo);
});

test('the tape receives prints with price, size and aggressor side, newest on top', async ({ page, market }, testInfo) => {
  await market.open(page);
  const tape = page.getByTestId('tape-panel');
  const rows = tape.getByTestId('tape-row');
  await expect(rows.first()).toHaveText(/\d\d:\d\d:\d\d\.\d{3}\s*\d+\.\d\d\s*[\d,]+\s*(▲ B|▼ S|· \?)/, { timeout: DATA_TIMEOUT });
  const newest = await rows.first().textContent();
  await expect.poll(() => rows.first().textContent(), { timeout: DATA_TIMEOUT }).not.toBe(newest);
  await savePanelScreenshot(tape, 'tape-spy', testInfo);
});

test('the option chain lists calls and puts with greeks for the selected expiry', async ({ page, market }, testInfo) => {
  await market.open(page);
  const chain = page.getByTestId('option-chain-panel');
  const expiry = chain.getByTestId('chain-expiry');
  await expect.poll(() => expiry.locator('option').count(), { timeout: DATA_TIMEOUT }).toBeGreaterThan(2);
  const second = await expiry.locator('option').nth(1).getAttribute('value');
  await expiry.selectOption(second!);

  const rows = chain.locator('[role="row"][row-id]');
  await expect.poll(() => rows.count(), { timeout: DATA_TIMEOUT }).toBeGreaterThan(5);
  await expect(chain.getByTestId('chain-count')).toHaveText(/^(1[0-9]|2[0-9]) strikes$/);
  const firstRow = rows.first();
  await expect(firstRow.locator('[col-id="strike"]')).toHaveText(/^\d[\d,]*\.\d\d$/);
  await expect(firstRow.locator('[col-id="call-delta"]')).toHaveText(/^\d\.\d{3}$/);
  await expect(firstRow.locator('[col-id="put-delta"]')).toHaveText(/^-\d\.\d{3}$|^-?0\.000$/);
  await expect(firstRow.locator('[col-id="call-iv"]')).toHaveText(/^\d+\.\d%$/);
  await expect(firstRow.locator('[col-id="put-gamma"]')).toHaveText(/^\d\.\d{4}$/);
  await savePanelScreenshot(chain, 'option-chain-spy', testInfo);
});

test('the option chain filters from a column header: strike equals one value leaves that strike', async ({ page, market }) => {
  await market.open(page);
  const chain = page.getByTestId('option-chain-panel');
  const rows = chain.locator('[role="row"][row-id]');
  await expect.poll(() => rows.count(), { timeout: DATA_TIMEOUT }).toBeGreaterThan(5);
  const all = await rows.count();
  const strike = (await rows.nth(3).locator('[col-id="strike"]').textContent())!;
  await chain.locator('.ag-header-cell[col-id="strike"] .ag-header-cell-filter-button').click();
  await page.locator('.ag-filter-menu input.ag-input-field-input').first().fill(strike.replace(/,/g, ''));
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('[col-id="strike"]')).toHaveText(strike);
  await page.locator('.ag-filter-menu input.ag-input-field-input').first().fill('');
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(Math.min(all, 10));
});

test('an option chain refresh updates the rows in place: the scroll position and the sort stay', async ({ page, market }) => {
  test.setTimeout(SLOW_TEST_TIMEOUT + 20_000); // the shared market's chains refresh every 20 s (marketConfig)
  await market.open(page);
  const chain = page.getByTestId('option-chain-panel');
  const rows = chain.locator('[role="row"][row-id]');
  await expect.poll(() => rows.count(), { timeout: DATA_TIMEOUT }).toBeGreaterThan(5);
  await chain.getByTestId('chain-around').selectOption('0'); // every strike of the expiry: enough rows to scroll
  await expect.poll(async () => Number((await chain.getByTestId('chain-count').textContent())?.split(' ')[0]), { timeout: DATA_TIMEOUT }).toBeGreaterThan(40);
  await chain.locator('.ag-header-cell[col-id="strike"]').click(); // ascending by default: now descending
  const strikes = async () => (await rows.locator('[col-id="strike"]').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
  const isDescending = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1]! >= v);
  await expect.poll(async () => isDescending(await strikes())).toBe(true);
  // The grid's vertical scroller: the element in it that scrolls up and down.
  const scrollTop = (set?: number) =>
    chain.getByTestId('chain-grid').evaluate((grid, to) => {
      const style = (globalThis as unknown as { getComputedStyle(el: unknown): { overflowY: string } }).getComputedStyle;
      const scroller = [...grid.querySelectorAll('*')].find((el) => el.scrollHeight > el.clientHeight + 40 && ['auto', 'scroll'].includes(style(el).overflowY))!;
      if (to !== undefined) scroller.scrollTop = to;
      return scroller.scrollTop;
    }, set);
  const scrolled = await scrollTop(250);
  expect(scrolled).toBeGreaterThan(100);
  const asOf = async () => (await chain.getByTestId('as-of').textContent())?.split(' · ')[0];
  const before = await asOf();

  await expect.poll(asOf, { timeout: 50_000 }).not.toBe(before); // a new chain arrived
  expect(await scrollTop()).toBe(scrolled);
  expect(isDescending(await strikes())).toBe(true);
});

test('the sentiment panel lists articles for a single name and says "not covered" for an ETF', async ({ page, market }, testInfo) => {
  await market.open(page);
  const panel = page.getByTestId('sentiment-panel');
  await expect(panel).toHaveAttribute('data-symbol', 'SPY');
  await expect(panel.getByTestId('sentiment-not-covered')).toHaveText(/Not covered — SPY is an ETF/, { timeout: DATA_TIMEOUT });
  await expect(panel.getByTestId('article')).toHaveCount(0);

  await page.getByTestId('watch-row-AAPL').click();
  await expect(panel).toHaveAttribute('data-symbol', 'AAPL');
  await expect(panel.getByTestId('sentiment-score')).toHaveText(/[▲▼·] [+−]\d\.\d{3} (Bearish|Somewhat-Bearish|Neutral|Somewhat-Bullish|Bullish)/, { timeout: DATA_TIMEOUT });
  const articles = panel.getByTestId('article');
  await expect.poll(() => articles.count()).toBeGreaterThan(5);
  const link = articles.first().getByRole('link');
  await expect(link).toHaveAttribute('href', /^https:\/\//);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(panel.getByTestId('technical-rsi-reading')).toHaveText(/RSI \d+(\.\d+)?: (overbought|oversold|neutral)/);
  await expect(panel.getByTestId('technical-macd')).toContainText('MACD');
  await savePanelScreenshot(panel, 'sentiment-aapl', testInfo);
});

test('the watchlist shows every configured symbol with last, change and spread, and a click selects the symbol', async ({ page, market }, testInfo) => {
  await market.open(page);
  const watchlist = page.getByTestId('watchlist-panel');
  for (const symbol of ['SPY', 'QQQ', 'IWM', 'AAPL', 'VXX']) await expect(watchlist.getByTestId(`watch-row-${symbol}`)).toBeVisible();
  const msft = watchlist.getByTestId('watch-row-MSFT');
  await expect(msft.getByTestId('watch-last')).toHaveText(/^\d[\d,]*\.\d\d$/, { timeout: DATA_TIMEOUT });
  await expect(msft.getByTestId('watch-change')).toHaveText(/^(▲ \+|▼ −)?\d+\.\d\d/);
  await msft.click();
  await expect(page.getByTestId('selected-symbol')).toHaveText('MSFT');
  for (const panel of ['ladder-panel', 'chart-panel', 'tape-panel', 'option-chain-panel', 'sentiment-panel']) {
    await expect(page.getByTestId(panel)).toHaveAttribute('data-symbol', 'MSFT');
  }
  await savePanelScreenshot(watchlist, 'watchlist', testInfo);
  await expect(page.getByTestId('health-ib-connection')).toHaveText(/connected/);
  await expect(page.getByTestId('health-av-budget')).toHaveText(/budget [\d,]+ used · [\d,]+ left/);
  await savePanelScreenshot(page.getByTestId('health-panel'), 'health', testInfo);
  await page.screenshot({ path: 'test-results/panels/cockpit-msft.png' });
});

test('the watchlist change is last minus the previous session’s close, in price and percent, with arrow and sign as well as colour', async ({ page, market }) => {
  await market.open(page);
  const redis = market.redis();
  const closes = new Map<string, number>();
  await expect
    .poll(async () => {
      for (const symbol of ['AAPL', 'MSFT', 'SPY']) closes.set(symbol, Number(await redis.hget(`market:${symbol}:ticker`, 'close')));
      return [...closes.values()].every((close) => close > 0);
    }, { timeout: DATA_TIMEOUT })
    .toBe(true);
  for (const [symbol, close] of closes) {
    const row = page.getByTestId(`watch-row-${symbol}`);
    await expect(row.getByTestId('watch-last')).toHaveText(/^\d[\d,]*\.\d\d$/, { timeout: DATA_TIMEOUT });
    // One snapshot of the row: last and change are drawn together.
    const shown = await row.evaluate((tr) => {
      const cell = (id: string) => tr.querySelector(`[data-testid="${id}"]`)!;
      return { last: cell('watch-last').textContent!, change: cell('watch-change').textContent!, percent: cell('watch-change-percent').textContent!, className: cell('watch-change').className };
    });
    const change = Number((Number(shown.last.replace(/,/g, '')) - close).toFixed(2));
    const arrow = change > 0 ? '▲ +' : change < 0 ? '▼ −' : '';
    const percent = Math.abs((change / close) * 100).toFixed(2);
    expect(shown.change.startsWith(`${arrow}${Math.abs(change).toFixed(2)}`), `${symbol}: ${shown.change} vs last ${shown.last} close ${close}`).toBe(true);
    expect(shown.percent.trim()).toBe(change === 0 ? '0.00%' : `${change > 0 ? '+' : '−'}${percent}%`);
    expect(shown.className).toContain(change > 0 ? 'up' : change < 0 ? 'down' : 'flat');
  }
});
