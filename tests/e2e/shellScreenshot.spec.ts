import { expect, test } from './support/workstation';

// Each test starts its own engine and the page now streams every cockpit panel: on a machine shared with other
// runs that takes longer than playwright.config's default, so these tests get more time (their checks are unchanged).
test.describe.configure({ timeout: 120_000 });

test('the cockpit shell shows source, connection, New York market time, kill switch and Health at once', async ({ page, workstation }, testInfo) => {
  await workstation.open(page);
  await expect(page.getByTestId('source')).toHaveText('SIM');
  await expect(page.getByTestId('connection-status')).toHaveText(/connected/);
  await expect(page.getByTestId('trading-state')).toHaveText(/ACTIVE/);
  await expect(page.getByRole('button', { name: /^HALT/ })).toBeVisible();
  await expect(page.getByTestId('module-state-redis')).toHaveText(/running/);

  // The browser runs in Europe/Berlin (playwright.config.ts): the clock must still show New York time.
  const clock = page.getByTestId('market-clock');
  await expect(clock).toHaveText(/\d\d:\d\d:\d\d\s*E[SD]T/);
  const newYorkHour = (at: number) => new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', hourCycle: 'h23' }).format(at);
  const hours = [newYorkHour(Date.now()), newYorkHour(Date.now() + 10_000)]; // either side of an hour boundary
  await expect(page.getByTestId('market-clock-time')).toHaveText(new RegExp(`^(${hours.join('|')}):`));
  await page.screenshot({ path: testInfo.outputPath('cockpit-shell.png') });
  await page.screenshot({ path: 'test-results/cockpit-shell.png' });

  await page.keyboard.press('Control+Shift+H');
  await expect(page.getByTestId('trading-banner')).toBeVisible();
  await page.getByRole('button', { name: /^Resume/ }).click();
  await page.getByLabel(/Reason/).fill('desk confirmed, resuming');
  await page.screenshot({ path: 'test-results/cockpit-halted-release-dialog.png' });
});
