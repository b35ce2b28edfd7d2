import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

// A machine shared with other test runs: the first view and each answer get time, not a tight deadline.
test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });
const ANSWER_TIMEOUT = 30_000;

test('the Distribution panel shows a dry-run channel, previews exactly what it would send, and lists a test send with its state', async ({ page, market }) => {
  await market.open(page);
  await page.keyboard.press('Alt+Shift+B');
  const panel = page.getByTestId('distribution-panel');
  await expect(panel).toBeVisible();

  // Channels: Discord on in dry-run, Telegram on but without its secret, X off.
  await expect(panel.getByTestId('distribution-channel-discord').getByTestId('distribution-channel-mode')).toHaveText('dry-run', { timeout: ANSWER_TIMEOUT });
  await expect(panel.getByTestId('distribution-channel-telegram').getByTestId('distribution-channel-mode')).toHaveText(
    'cannot send: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID not set in .env',
  );
  await expect(panel.getByTestId('distribution-channel-x').getByTestId('distribution-channel-mode')).toHaveText('off');
  await expect(panel.getByTestId('distribution-test-x')).toBeDisabled();

  // Preview: a fill for Telegram, escaped for MarkdownV2, exactly as it would be posted.
  await panel.getByTestId('distribution-preview-channel').selectOption('telegram');
  await panel.getByTestId('distribution-preview-kind').selectOption('fill');
  await panel.getByTestId('distribution-preview-button').click();
  await expect(panel.getByTestId('distribution-preview-text')).toHaveText(/^Filled: (buy|sell) \d+ \S.* at \d+\\\.\d\d \\\(\d\d:\d\d ET\\\)$/, { timeout: ANSWER_TIMEOUT });
  await expect(panel.getByTestId('distribution-preview-meta')).toContainText(/Telegram · Fill · \d+\/4096/);

  // Test send to the dry-run channel: recorded as dry-run with the text, nothing sent.
  await panel.getByTestId('distribution-test-discord').click();
  const dryRun = panel.locator('[data-testid="distribution-send"][data-channel="discord"][data-kind="test"]').first();
  await expect(dryRun.getByTestId('distribution-send-state')).toHaveText('dry-run', { timeout: ANSWER_TIMEOUT });
  await expect(dryRun).toContainText(/Test message from AlphaTrader \(\d\d:\d\d ET\)/);

  // Test send to the channel without its secret: failed, with the reason the trader can act on.
  await panel.getByTestId('distribution-test-telegram').click();
  const failed = panel.locator('[data-testid="distribution-send"][data-channel="telegram"][data-kind="test"]').first();
  await expect(failed.getByTestId('distribution-send-state')).toHaveText('failed', { timeout: ANSWER_TIMEOUT });
  await expect(failed.getByTestId('distribution-send-outcome')).toHaveText('TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID not set in .env');
  await expect(panel.getByTestId('distribution-channel-telegram')).toContainText('1');

  // Switch X from off to dry-run for this run (a reason, audited), and back off again.
  const switchX = async (mode: string, reason: string) => {
    await panel.getByTestId('distribution-switch-x').getByRole('button', { name: mode }).click();
    await page.getByTestId('distribution-x-reason').fill(reason);
    await page.getByTestId('distribution-x-confirm').click();
    await expect(panel.getByTestId('distribution-channel-x').getByTestId('distribution-channel-mode')).toHaveText(mode, { timeout: ANSWER_TIMEOUT });
  };
  await switchX('dry-run', 'try X in dry-run');
  await expect(panel.getByTestId('distribution-test-x')).toBeEnabled();
  await switchX('off', 'done trying');
});
