import { test as base } from '@playwright/test';
import { savePanelScreenshot } from './support/panelScreenshot';
import { startWorkstationOnSeparateGateway } from './support/separateGateway';
import { expect } from './support/workstation';

const STALE_AFTER_SECONDS = 4;
const test = base.extend<{ separate: Awaited<ReturnType<typeof startWorkstationOnSeparateGateway>> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
  separate: async ({}, use) => {
    const setup = await startWorkstationOnSeparateGateway(STALE_AFTER_SECONDS);
    try {
      await use(setup);
    } finally {
      await setup.dispose();
    }
  },
});

test('a stalled gateway shows STALE on the ladder, the watchlist and in Health, and live again when it resumes', async ({ page, separate }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(separate.engine.url);
  await expect(page.getByTestId('source')).toHaveText('IBKR');
  const ladder = page.getByTestId('ladder-panel');
  await expect.poll(() => ladder.getByTestId('ladder-bid-row').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
  await expect(ladder.getByTestId('stale-badge')).toHaveCount(0);

  expect(await separate.gateway.command('set stall true')).toContain('stall = true');

  await expect(ladder.getByTestId('stale-badge')).toHaveText(/STALE/, { timeout: 20_000 });
  await expect(ladder).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('watch-row-SPY').getByTestId('stale-badge')).toBeVisible();
  await expect(page.getByTestId('health-ib-stale')).toHaveText(/STALE market data: .*SPY/, { timeout: 20_000 });
  await expect(page.getByTestId('freshness-SPY-market')).toHaveAttribute('data-stale', 'true');
  await savePanelScreenshot(ladder, 'ladder-stale', testInfo);
  await savePanelScreenshot(page.getByTestId('health-panel'), 'health-stale', testInfo);

  await page.keyboard.press('Alt+Shift+K');
  const staleBreaker = page.getByTestId('risk-panel').getByTestId('breaker-staleData');
  await expect(staleBreaker).toHaveAttribute('data-tripped', 'true', { timeout: 20_000 });
  const resetSpy = staleBreaker.getByTestId('stale-SPY').getByRole('button', { name: 'Reset…' });
  await expect(resetSpy, 'no reset while SPY’s quote is still stale').toBeDisabled();

  expect(await separate.gateway.command('set stall false')).toContain('stall = false');
  await expect(ladder.getByTestId('stale-badge')).toHaveCount(0, { timeout: 30_000 });
  // Fresh quotes do not unblock SPY by themselves: the stale-data breaker latches until a person resets it.
  await expect(resetSpy).toBeEnabled({ timeout: 20_000 });
  await expect(staleBreaker.getByTestId('stale-SPY')).toBeVisible();
  await resetSpy.click();
  const dialog = page.getByRole('dialog', { name: 'Reset the stale-data block on SPY?' });
  await dialog.getByLabel(/Reason/).fill('feed back, checked the ladder');
  await dialog.getByRole('button', { name: 'Reset' }).click();
  await expect(staleBreaker.getByTestId('stale-SPY')).toHaveCount(0);
});
