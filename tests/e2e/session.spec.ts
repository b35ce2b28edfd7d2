import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

// The session checks only read: they share the worker's market engine (sharedWorkstation) and each gets a fresh page
// and browser storage, so the layout one starts from the default layout.
test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

test('without the launch token the page says to open the URL printed by npm start', async ({ page, market }) => {
  await page.goto(`http://127.0.0.1:${market.engine.port}/`);
  await expect(page.getByTestId('no-token')).toHaveText(/Open the exact address that npm start printed/);
  await expect(page.getByTestId('app-header')).toHaveCount(0);
});

test('the token leaves the visible URL and a reload stays connected', async ({ page, market }) => {
  await market.open(page);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  expect(page.url()).not.toContain(market.engine.token);

  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('module-state-tradingState')).toHaveText(/running/);
});

test('the panel layout survives a reload, and a closed panel comes back from the Panels menu', async ({ page, market }) => {
  await market.open(page);
  await expect(page.getByTestId('health-panel')).toBeVisible();
  await page.locator('.dv-tab', { hasText: 'Health' }).locator('.dv-default-tab-action').click();
  await expect(page.getByTestId('health-panel')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('health-panel')).toHaveCount(0);

  await page.getByText('Panels ▾').click();
  await page.getByRole('menuitem', { name: 'Health' }).click();
  await expect(page.getByTestId('health-panel')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('module-state-redis')).toHaveText(/running/);
});
