import { test as base, type Locator, type Page } from '@playwright/test';
import { proposingSpyConfig } from '../support/engineProcess';
import { savePanelScreenshot } from './support/panelScreenshot';
import { createWorkstation, expect, type Workstation } from './support/workstation';

/**
 * A deterministic trigger on the simulated market, from config alone: the 1DTE rule on SPY with its window opened to
 * the whole day, a day move of any size and no confirmations needed, so it proposes from the first live quote (as
 * tests/integration/signals/liveTrigger.test.ts does in-process). The other three strategies are off. A proposal
 * lives ten minutes, and a move of SPY beyond 0.01% since it was made (six cents or so, the simulated market's
 * ordinary drift within a minute) needs re-confirmation, so a waiting proposal soon asks for it. Risk is opened
 * like the order-path tests (always-open calendar, wide price band, no duplicate window) so the gate judges the
 * option order on its facts, not on the hour or on the test's own limit raise; the simulated market's exchange is
 * always open in every test config.
 */
const RECONFIRM_PERCENT = 0.01;

const approvalConfig = () => proposingSpyConfig({ signals: { proposalTtlSeconds: 600, reconfirmMovePercent: RECONFIRM_PERCENT } });

const test = base.extend<{ trader: Workstation }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
  trader: async ({}, use) => {
    const workstation = await createWorkstation(approvalConfig());
    try {
      await use(workstation);
    } finally {
      await workstation.dispose();
    }
  },
});

// One engine per test: approving changes the account. The first proposal needs the chain and a quote.
test.describe.configure({ timeout: 300_000 });

/** Opens the queue from the keyboard and waits for its selected proposal, one the risk pre-check passed. */
async function selectedProposal(page: Page, queue: Locator): Promise<{ id: string; row: Locator }> {
  await page.keyboard.press('Alt+Shift+A');
  await expect(queue).toBeFocused();
  await expect(queue).not.toHaveAttribute('data-selected', '', { timeout: 120_000 });
  const id = (await queue.getAttribute('data-selected'))!;
  const row = queue.getByTestId(`proposal-row-${id}`);
  await expect(row).toHaveAttribute('data-precheck', 'passed');
  return { id, row };
}

/**
 * Waits until SPY has moved well beyond the threshold since the selected proposal was made (past twice it, so the
 * move does not slip back under it between two keystrokes): its row says how far, marked "!".
 */
async function movedProposal(queue: Locator): Promise<{ id: string; row: Locator; moved: number }> {
  let seen: { id: string; moved: number } | null = null;
  const reading = async () => {
    const id = (await queue.getAttribute('data-selected')) ?? '';
    const text = id ? ((await queue.getByTestId(`proposal-row-${id}`).getByTestId('proposal-moved').textContent()) ?? '') : '';
    const match = /^([+−])(\d+\.\d\d)% !$/.exec(text.trim());
    seen = match && Number(match[2]) > 2 * RECONFIRM_PERCENT ? { id, moved: Number(match[2]) * (match[1] === '−' ? -1 : 1) } : null;
    return seen;
  };
  await expect.poll(reading, { timeout: 150_000, intervals: [250] }).not.toBeNull();
  const { id, moved } = seen!;
  return { id, row: queue.getByTestId(`proposal-row-${id}`), moved };
}

test('a 1DTE proposal appears with its reasons and chart; S snoozes and R rejects one with a reason; on the next, moved since it was made, Enter asks first and confirming approves it; its order fills into a position', async ({ page, trader }, testInfo) => {
  await trader.open(page);
  const panel = page.getByTestId('approval-panel');
  const queue = panel.getByTestId('approval-queue');

  // A proposal with its reasons, its pre-check and the underlying's chart.
  const first = await selectedProposal(page, queue);
  await expect(first.row).toContainText('1DTE');
  await expect(first.row).toHaveAttribute('data-instrument', /^SPY \d{4}-\d\d-\d\d \d+(\.\d+)? [CP]$/);
  const detail = panel.getByTestId('proposal-detail');
  await expect(detail).toHaveAttribute('data-proposal-id', first.id);
  await expect(detail.getByTestId('proposal-reason').first()).toContainText('day move');
  await expect(detail.getByTestId('proposal-reason').last()).toContainText(/delta .* \(target 0\.3\)/);
  await expect(detail.getByTestId('proposal-precheck')).toContainText('passed');
  await expect(detail.getByTestId('proposal-chart')).not.toHaveAttribute('data-bars', '0');
  await savePanelScreenshot(panel, 'approval-queue', testInfo);

  // S: snoozed, it stays listed (dimmed, still expiring); R: rejected with a reason, it leaves the queue and shows
  // among the decided with that reason.
  await page.keyboard.press('s');
  await expect(first.row).toHaveAttribute('data-status', 'snoozed');
  await expect(panel.getByTestId('approval-notice')).toContainText(`${first.id} snoozed for 5 minutes`);
  await page.keyboard.press('r');
  const rejectDialog = page.getByTestId('reject-proposal-dialog');
  await rejectDialog.getByTestId('reject-proposal-reason').fill('spread too wide for me');
  await rejectDialog.getByTestId('reject-proposal-confirm').click();
  const rejected = panel.getByTestId(`decided-row-${first.id}`);
  await expect(rejected).toHaveAttribute('data-status', 'rejected');
  await expect(rejected.getByTestId('decided-fate')).toContainText('spread too wide for me');
  await expect(queue.getByTestId(`proposal-row-${first.id}`)).toHaveCount(0);

  // The rule proposes again. Once SPY has moved beyond the threshold, the row says by how much, and Enter does not
  // place it: it asks, saying the move; Esc places nothing. Enter again and Enter on the question approve it.
  await expect(queue).not.toHaveAttribute('data-selected', first.id, { timeout: 60_000 });
  const candidate = await selectedProposal(page, queue);
  expect(candidate.id).not.toBe(first.id);
  const second = await movedProposal(queue);
  expect(Math.abs(second.moved)).toBeGreaterThan(RECONFIRM_PERCENT);
  const instrument = (await second.row.getAttribute('data-instrument'))!;
  const quantity = (await second.row.getAttribute('data-quantity'))!;
  const limit = Number(await second.row.getAttribute('data-limit'));
  const notice = panel.getByTestId('approval-notice');
  const question = page.getByTestId('confirm-approval-dialog');
  await queue.focus();
  await page.keyboard.press('Enter');
  await expect(question).toBeVisible();
  await expect(question).toContainText(`Approve ${second.id} after the move?`);
  await expect(question.getByTestId('confirm-approval-confirm')).toBeFocused(); // Enter approves, Esc does not
  await expect(question).toContainText(/SPY moved [+−]\d+\.\d\d% since the proposal was made \(at [\d.,]+, now [\d.,]+\)/);
  const asked = Number(/moved ([+−])(\d+\.\d\d)%/.exec((await question.textContent())!)![2]);
  expect(asked).toBeGreaterThanOrEqual(RECONFIRM_PERCENT);
  await savePanelScreenshot(question, 'approval-reconfirm', testInfo);
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(queue).toBeFocused();
  await expect(second.row).toHaveAttribute('data-status', 'pending');
  await expect(panel.getByTestId(`decided-row-${second.id}`)).toHaveCount(0);
  await expect(notice).not.toContainText('approved');
  await expect(second.row).toHaveAttribute('data-needs-confirmation', 'true');
  await page.keyboard.press('Enter');
  await expect(question).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(notice).toHaveText(new RegExp(`^${second.id} approved: orders #\\d+, #\\d+, #\\d+`));
  await expect(panel.getByTestId(`decided-row-${second.id}`)).toHaveAttribute('data-status', 'approved');
  const entryId = /#(\d+)/.exec((await notice.textContent())!)![1]!;

  // Its order in the Orders panel, from the approval; the trader lifts its limit over the ask so it fills.
  await page.keyboard.press('Alt+Shift+R');
  const order = page.getByTestId('orders-panel').getByTestId(`order-row-${entryId}`);
  await expect(order).toContainText(instrument);
  await expect(order).toContainText('approval');
  if ((await order.getAttribute('data-status')) !== 'Filled') {
    await order.getByRole('button', { name: `Modify order ${entryId}` }).click();
    const price = order.getByRole('textbox', { name: `Limit price of order ${entryId}` });
    await price.fill((Math.round(limit * 1.3 * 100) / 100).toFixed(2));
    await price.press('Enter');
  }
  await expect(order).toHaveAttribute('data-status', 'Filled', { timeout: 30_000 });

  // The position: the option, long the approved quantity.
  await page.keyboard.press('Alt+Shift+P');
  await expect(page.getByTestId('positions-panel').getByTestId(`position-row-${instrument}`)).toHaveAttribute('data-quantity', quantity, { timeout: 30_000 });

  // The report card counts both decisions.
  await page.keyboard.press('Alt+Shift+Y');
  const card = page.getByTestId('strategies-panel').getByTestId('report-row-oneDte');
  await expect(card.getByTestId('report-rejected')).not.toHaveText('0');
  await expect(card.getByTestId('report-approved')).not.toHaveText('0');

  // Switching the strategy to auto asks for a reason and says what the engine will then do on its own.
  const automation = page.getByTestId('automation-oneDte');
  await automation.getByRole('button', { name: 'auto' }).click();
  const dialog = page.getByTestId('automation-oneDte-dialog');
  await expect(dialog).toContainText('The engine will approve 1DTE’s proposals itself');
  await dialog.getByTestId('automation-oneDte-reason').fill('watched it all morning');
  await dialog.getByTestId('automation-oneDte-confirm').click();
  await expect(automation).toHaveAttribute('data-mode', 'auto');
  await savePanelScreenshot(page.getByTestId('strategies-panel'), 'strategies', testInfo);
});

test('M changes a proposal’s entry limit and Enter approves it with the change: the entry fills into a position', async ({ page, trader }) => {
  await trader.open(page);
  const panel = page.getByTestId('approval-panel');
  const queue = panel.getByTestId('approval-queue');
  const proposal = await selectedProposal(page, queue);
  const instrument = (await proposal.row.getAttribute('data-instrument'))!;
  const quantity = (await proposal.row.getAttribute('data-quantity'))!;
  const limit = Number(await proposal.row.getAttribute('data-limit'));

  await page.keyboard.press('m');
  const dialog = page.getByTestId('modify-proposal-dialog');
  const limitField = dialog.getByRole('textbox', { name: /^Entry limit/ });
  await expect(dialog.getByRole('textbox', { name: 'Quantity' })).toBeFocused();
  await expect(dialog.getByRole('textbox', { name: 'Quantity' })).toHaveValue(quantity);
  await limitField.fill((Math.round(limit * 1.3 * 100) / 100).toFixed(2)); // over the ask: it fills at once
  await limitField.press('Enter');

  const notice = panel.getByTestId('approval-notice');
  await expect(notice).toHaveText(new RegExp(`^${proposal.id} modified: orders #\\d+, #\\d+, #\\d+`));
  await expect(panel.getByTestId(`decided-row-${proposal.id}`)).toHaveAttribute('data-status', 'modified');
  const entryId = /#(\d+)/.exec((await notice.textContent())!)![1]!;
  await page.keyboard.press('Alt+Shift+R');
  await expect(page.getByTestId('orders-panel').getByTestId(`order-row-${entryId}`)).toHaveAttribute('data-status', 'Filled', { timeout: 30_000 });
  await page.keyboard.press('Alt+Shift+P');
  await expect(page.getByTestId('positions-panel').getByTestId(`position-row-${instrument}`)).toHaveAttribute('data-quantity', quantity, { timeout: 30_000 });
});
