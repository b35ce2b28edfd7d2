import { test as base, type Page } from '@playwright/test';
import { savePanelScreenshot } from './support/panelScreenshot';
import { createWorkstation, expect, type Workstation } from './support/workstation';

/** SPY trades near 590 in the simulated market: with a 1,000 threshold ten shares need confirming, one does not. */
const CONFIRM_ABOVE = 1_000;

const test = base.extend<{ trader: Workstation }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
  trader: async ({}, use) => {
    const workstation = await createWorkstation({ execution: { confirmNotionalAbove: CONFIRM_ABOVE } });
    try {
      await use(workstation);
    } finally {
      await workstation.dispose();
    }
  },
});

// One engine per test (orders and the kill switch change its state); a fill and a close take a few round trips.
test.describe.configure({ timeout: 150_000 });

/** Opens the ticket from the keyboard and fills a market order for SPY; the cursor stays in Quantity. */
async function marketOrderTicket(page: Page, quantity: number) {
  await expect(page.getByTestId('watch-row-SPY')).toBeVisible(); // the engine's symbol list has arrived
  await page.keyboard.press('Alt+Shift+N');
  const ticket = page.getByTestId('ticket-panel');
  await ticket.getByRole('combobox', { name: 'Order type' }).selectOption('MKT');
  const field = ticket.getByRole('textbox', { name: 'Quantity' });
  await field.fill(String(quantity));
  await field.press('Enter'); // preview
  await expect(ticket).toHaveAttribute('data-step', 'previewed');
  // A freshly started engine on a loaded machine (two engines starting, their chain and analytics threads busy) has
  // been seen to miss the cockpit's 10 s answer time for the first what-if; the trader's way out is to go back and ask
  // again, and so does the test, once.
  if (await ticket.getByTestId('ticket-preview-error').isVisible()) {
    await field.press('Escape');
    await expect(ticket).toHaveAttribute('data-step', 'editing');
    await field.press('Enter');
    await expect(ticket).toHaveAttribute('data-step', 'previewed');
  }
  return { ticket, field };
}

test('a ticket order fills, shows in Orders and as a position with P&L, and Close in Positions leaves the account flat', async ({ page, trader }, testInfo) => {
  await trader.open(page);
  const { ticket, field } = await marketOrderTicket(page, 10);
  await expect(ticket.getByTestId('preview-commission')).toHaveText(/\$\d/); // the gateway's what-if answer
  await expect(ticket.getByTestId('ticket-summary')).toContainText('BUY 10 SPY MKT DAY');

  await field.press('Enter'); // send: above the threshold, so the confirmation comes first
  const confirm = page.getByRole('dialog', { name: 'Confirm order' });
  await expect(confirm).toContainText('BUY 10 SPY MKT DAY');
  await expect(confirm).toContainText('above your confirmation threshold of $1,000.00');
  await confirm.getByRole('button', { name: 'Send order' }).click();
  const result = ticket.getByTestId('ticket-result');
  await expect(result).toHaveText(/^✔ Order #\d+ placed: BUY 10 SPY MKT DAY$/);
  const orderId = /#(\d+)/.exec((await result.textContent())!)![1];

  await page.keyboard.press('Alt+Shift+R');
  const orders = page.getByTestId('orders-panel');
  const order = orders.getByTestId(`order-row-${orderId}`);
  await expect(order).toHaveAttribute('data-status', 'Filled');
  await expect(order.getByTestId('order-filled')).toHaveText('10 / 10');
  await expect(order.getByTestId('order-avg-price')).toHaveText(/^\d{3}\.\d\d$/);
  await expect(order.getByRole('button', { name: `Cancel order ${orderId}` })).toHaveCount(0); // filled: nothing to cancel
  await savePanelScreenshot(orders, 'orders-filled', testInfo);

  await page.keyboard.press('Alt+Shift+P');
  const positions = page.getByTestId('positions-panel');
  const spy = positions.getByTestId('position-row-SPY');
  await expect(spy).toHaveAttribute('data-quantity', '10');
  await expect(spy.getByTestId('position-unrealized')).toHaveText(/\d/); // marked to market: a figure, not "—"
  await expect(page.getByTestId('account-net-liquidation')).toHaveText(/\d/);
  await savePanelScreenshot(positions, 'positions-long-spy', testInfo);

  await positions.getByRole('button', { name: 'Close position SPY' }).click();
  const closing = page.getByRole('dialog', { name: 'Confirm order' });
  await expect(closing).toContainText('Close SPY: SELL 10 at market');
  await closing.getByRole('button', { name: 'Send order' }).click();
  await expect(positions.getByTestId('positions-result')).toHaveText(/Closing order #\d+ sent for SPY\./);

  await expect(positions.getByTestId('positions-count')).toHaveText('Flat');
  await expect.poll(async () => (await spy.count()) === 0 || (await spy.getAttribute('data-quantity')) === '0').toBe(true);
  await page.keyboard.press('Alt+Shift+R');
  await orders.getByRole('button', { name: /^Filled/ }).click();
  await expect(orders.locator('[data-testid^="order-row-"]')).toHaveCount(2); // the order and its close, both filled
});

test('a HALTED engine refuses the ticket’s order, and the ticket shows the reason code and sentence', async ({ page, trader }) => {
  await trader.open(page);
  await page.getByRole('button', { name: /^HALT/ }).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);

  const { ticket, field } = await marketOrderTicket(page, 1); // below the threshold: no confirmation step
  await field.press('Enter');

  const result = ticket.getByTestId('ticket-result');
  await expect(result).toHaveAttribute('data-kind', 'error');
  await expect(result).toHaveText(/^✖ HALTED: \S.*/);
  await expect(result).toHaveAttribute('role', 'alert');
  await page.keyboard.press('Alt+Shift+R');
  await expect(page.getByTestId('orders-panel')).toContainText('No orders today.');
});

test('a resting limit order is changed in place (Enter saves) and cancelled from the Orders panel', async ({ page, trader }) => {
  await trader.open(page);
  await expect(page.getByTestId('watch-row-SPY')).toBeVisible();
  await page.keyboard.press('Alt+Shift+N');
  const ticket = page.getByTestId('ticket-panel');
  await ticket.getByRole('combobox', { name: 'Order type' }).selectOption('LMT');
  await ticket.getByRole('textbox', { name: 'Limit price' }).fill('500'); // far below SPY: it rests
  const quantity = ticket.getByRole('textbox', { name: 'Quantity' });
  await quantity.fill('1');
  await quantity.press('Enter');
  await expect(ticket).toHaveAttribute('data-step', 'previewed');
  await quantity.press('Enter'); // 500 notional: below the threshold, sent without a dialog
  const result = ticket.getByTestId('ticket-result');
  await expect(result).toHaveText(/^✔ Order #\d+ placed: BUY 1 SPY LMT 500 DAY$/);
  const orderId = /#(\d+)/.exec((await result.textContent())!)![1];

  await page.keyboard.press('Alt+Shift+R');
  const orders = page.getByTestId('orders-panel');
  const order = orders.getByTestId(`order-row-${orderId}`);
  await expect(order.getByTestId('order-status')).toHaveText(/Submitted/);
  await orders.getByRole('button', { name: 'Working' }).click();
  await expect(order).toBeVisible();

  await order.getByRole('button', { name: `Modify order ${orderId}` }).click();
  const limit = order.getByRole('textbox', { name: `Limit price of order ${orderId}` });
  await expect(limit).toBeFocused();
  await limit.fill('501.5');
  await order.getByRole('textbox', { name: `Quantity of order ${orderId}` }).fill('2');
  await limit.press('Enter');
  await expect(order.getByRole('textbox')).toHaveCount(0); // the engine took the change
  await expect(order).toContainText('501.50');
  await expect(order.getByTestId('order-filled')).toHaveText('0 / 2');

  await order.getByRole('button', { name: `Cancel order ${orderId}` }).click();
  await expect(order).toHaveCount(0); // no longer working
  await orders.getByRole('button', { name: /^Cancelled/ }).click();
  await expect(orders.getByTestId(`order-row-${orderId}`)).toHaveAttribute('data-status', /Cancelled/);
});

test('an option picked in the chain is bought from the ticket and shows as a position with its greeks', async ({ page, trader }) => {
  await trader.open(page);
  const chain = page.getByTestId('option-chain-panel');
  // An in-the-money call bid above 10: a contract (100 shares) is then above the 1,000 threshold, so it is confirmed.
  const quoted = () =>
    chain.locator('[role="row"][row-id]').evaluateAll((rows) => rows.find((row) => Number(row.querySelector('[col-id="call-bid"]')?.textContent) > 10)?.getAttribute('row-id') ?? null);
  await expect.poll(quoted, { timeout: 30_000 }).not.toBeNull();
  const rowId = (await quoted())!;
  const [expiry, strike] = rowId.split('|');
  const askCell = chain.locator(`[role="row"][row-id="${rowId}"] [col-id="call-ask"]`);
  const ask = Number(await askCell.textContent());
  await askCell.click();

  const ticket = page.getByTestId('ticket-panel');
  await expect(ticket.getByRole('radio', { name: 'Call' })).toBeChecked();
  // A marketable limit 2% over the ask (inside the risk price band): market orders on options are refused
  // (OPTION_MARKET_ORDER), and the gateway's ask may have moved since the chain was drawn.
  await expect(ticket.getByRole('combobox', { name: 'Order type' })).toHaveValue('LMT');
  await ticket.getByRole('textbox', { name: 'Limit price' }).fill((Math.round(ask * 1.02 * 100) / 100).toFixed(2));
  const quantity = ticket.getByRole('textbox', { name: 'Quantity' });
  await quantity.fill('1');
  await quantity.press('Enter');
  await expect(ticket).toHaveAttribute('data-step', 'previewed');
  await quantity.press('Enter');
  const label = `SPY ${expiry} ${Number(strike)} C`;
  const confirm = page.getByRole('dialog', { name: 'Confirm order' });
  await expect(confirm).toContainText(new RegExp(`BUY 1 ${label} LMT [\\d.]+ DAY`));
  await confirm.getByRole('button', { name: 'Send order' }).click();
  await expect(ticket.getByTestId('ticket-result')).toHaveText(new RegExp(`^✔ Order #\\d+ placed: BUY 1 ${label} LMT [\\d.]+ DAY$`));

  await page.keyboard.press('Alt+Shift+P');
  const position = page.getByTestId('positions-panel').getByTestId(`position-row-${label}`);
  await expect(position).toHaveAttribute('data-quantity', '1');
  // Per contract, from the chain: above 0, and up to 1.000 for a call this deep in the money on its expiry day.
  await expect(position.getByTestId('position-delta')).toHaveText(/^(0\.(?!000)\d{3}|1\.000)$/);
  await expect(position.getByTestId('position-delta-dollars')).toHaveText(/^[\d,]+$/); // the position's, in dollars
});
