import { expect, test } from './support/workstation';

test('the cockpit shell shows source, connection, New York market time, kill switch and Health at once', async ({ page, workstation }, testInfo) => {
  await workstation.open(page);
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('connection-status')).toHaveText(/connected/);
  await expect(page.getByTestId('trading-state')).toHaveText(/ACTIVE/);
  await expect(page.getByTestId('market-clock')).toHaveText(/\d\d:\d\d:\d\d\s*E[SD]T/);
  await expect(page.getByTestId('module-state-redis')).toHaveText(/running/);
  await page.screenshot({ path: testInfo.outputPath('cockpit-shell.png') });
  await page.screenshot({ path: 'test-results/cockpit-shell.png' });
});
