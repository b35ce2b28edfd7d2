import type { Page } from '@playwright/test';
import { savePanelScreenshot } from './support/panelScreenshot';
import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

const DATA_TIMEOUT = 20_000;
const ticketPanel = (page: Page) => page.getByTestId('ticket-panel');

test('Alt+Shift+N opens the order ticket with the cursor in Quantity, and every control has a name', async ({ page, market }, testInfo) => {
  await market.open(page);
  await expect(page.getByTestId('watch-row-SPY')).toBeVisible(); // the engine's symbol list has arrived
  await page.keyboard.press('Alt+Shift+N');
  const ticket = ticketPanel(page);
  await expect(ticket).toBeVisible();
  await expect(ticket.getByRole('textbox', { name: 'Quantity' })).toBeFocused();

  await expect(ticket.getByRole('combobox', { name: 'Symbol', exact: true })).toHaveValue('SPY');
  await expect(ticket.getByRole('radio', { name: 'Stock' })).toBeChecked();
  await expect(ticket.getByRole('radio', { name: 'Buy' })).toBeChecked();
  const type = ticket.getByRole('combobox', { name: 'Order type' });
  for (const code of ['MKT', 'LMT', 'STP', 'STP LMT', 'MOC', 'LOC']) await expect(type.locator(`option[value="${code}"]`)).toHaveCount(1);
  await expect(ticket.getByRole('combobox', { name: 'Time in force' })).toHaveValue('DAY');
  await expect(ticket.getByRole('checkbox', { name: 'Outside regular trading hours' })).not.toBeChecked();

  // The price fields follow the order type: a stop limit shows both, a market order neither.
  await type.selectOption('STP LMT');
  await expect(ticket.getByRole('textbox', { name: 'Stop price' })).toBeVisible();
  await expect(ticket.getByRole('textbox', { name: 'Limit price' })).toBeVisible();
  await type.selectOption('MKT');
  await expect(ticket.getByRole('textbox', { name: 'Stop price' })).toHaveCount(0);
  await expect(ticket.getByRole('textbox', { name: 'Limit price' })).toHaveCount(0);

  await ticket.getByRole('checkbox', { name: /Bracket/ }).check();
  await expect(ticket.getByRole('textbox', { name: 'Take-profit price' })).toBeVisible();
  await expect(ticket.getByRole('textbox', { name: 'Stop-loss price' })).toBeVisible();
  await ticket.getByRole('radio', { name: 'Option' }).check();
  await expect(ticket.getByRole('combobox', { name: 'Expiry' })).toBeVisible();
  await expect(ticket.getByRole('combobox', { name: 'Strike' })).toBeVisible();
  await expect(ticket.getByRole('radio', { name: 'Put' })).toBeVisible();
  await savePanelScreenshot(ticket, 'order-ticket-option-bracket', testInfo);

  await page.getByTestId('help-button').click(); // (? while the cursor is in a field types a ?)
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Alt+Shift+N');
  await expect(help).toContainText('Focus Order ticket');
  await expect(help).toContainText('Enter (order ticket)');
});

test('Enter on an incomplete ticket shows what is missing beside the field and sends nothing', async ({ page, market }) => {
  await market.open(page);
  await page.keyboard.press('Alt+Shift+N');
  const ticket = ticketPanel(page);
  await ticket.getByRole('combobox', { name: 'Order type' }).selectOption('LMT');
  const limit = ticket.getByRole('textbox', { name: 'Limit price' });
  await limit.fill('');
  await ticket.getByRole('textbox', { name: 'Quantity' }).fill('2.5');
  await ticket.getByRole('textbox', { name: 'Quantity' }).press('Enter');

  await expect(ticket.getByTestId('ticket-error-quantity')).toHaveText('a whole number of shares or contracts, 1 or more');
  await expect(ticket.getByTestId('ticket-error-limitPrice')).toHaveText('a LMT order needs a limit price');
  await expect(limit).toHaveAttribute('aria-invalid', 'true');
  await expect(ticket.getByTestId('ticket-preview')).toHaveCount(0);
  await expect(ticket).toHaveAttribute('data-step', 'editing');

  // Corrected, a field loses its mark at once; the other keeps its own until it is corrected too.
  await ticket.getByRole('textbox', { name: 'Quantity' }).fill('10');
  await expect(ticket.getByTestId('ticket-error-quantity')).toHaveCount(0);
  await expect(ticket.getByTestId('ticket-error-limitPrice')).toBeVisible();
});

test('a click on a ladder price fills the ticket with that symbol and limit price, a chain cell with that contract', async ({ page, market }) => {
  await market.open(page);
  const ladder = page.getByTestId('ladder-panel');
  await expect.poll(() => ladder.getByTestId('ladder-bid-row').count(), { timeout: DATA_TIMEOUT }).toBeGreaterThanOrEqual(5);

  // Read the price and click it in one step: the book moves between two separate reads.
  const clicked = await ladder.getByTestId('ladder-table').evaluate((table) => {
    const row = table.querySelectorAll('[data-testid="ladder-bid-row"]')[2]!;
    (row.querySelector('button') as unknown as { click(): void }).click();
    return Number(row.getAttribute('data-price'));
  });
  const ticket = ticketPanel(page);
  await expect(ticket).toBeVisible();
  await expect(ticket.getByRole('combobox', { name: 'Symbol', exact: true })).toHaveValue('SPY');
  await expect(ticket.getByRole('combobox', { name: 'Order type' })).toHaveValue('LMT');
  const limit = ticket.getByRole('textbox', { name: 'Limit price' });
  await expect(limit).toHaveValue(String(clicked));
  await expect(limit).toBeFocused();
  await expect(ladder).toBeVisible(); // the ticket opened beside the ladder, not over it

  // The ladder's price buttons are named for assistive technology.
  await expect(ladder.getByRole('button', { name: /^Ticket limit price \d/ }).first()).toBeVisible();

  // A strike whose put has a bid (row ids are "<expiry>|<strike>").
  const chain = page.getByTestId('option-chain-panel');
  const rowWithBid = () =>
    chain.locator('[role="row"][row-id]').evaluateAll((rows) => rows.find((row) => Number(row.querySelector('[col-id="put-bid"]')?.textContent) > 0)?.getAttribute('row-id') ?? null);
  await expect.poll(rowWithBid, { timeout: DATA_TIMEOUT }).not.toBeNull();
  const rowId = (await rowWithBid())!;
  const [expiry, strike] = rowId.split('|');
  await chain.locator(`[role="row"][row-id="${rowId}"] [col-id="put-bid"]`).click();
  await expect(ticket.getByRole('radio', { name: 'Option' })).toBeChecked();
  await expect(ticket.getByRole('combobox', { name: 'Expiry' })).toHaveValue(expiry!);
  await expect(ticket.getByRole('combobox', { name: 'Strike' })).toHaveValue(strike!);
  await expect(ticket.getByRole('radio', { name: 'Put' })).toBeChecked();
  await expect(ticket.getByRole('textbox', { name: 'Limit price' })).toHaveValue(/^\d+(\.\d{1,2})?$/);
  await expect(ticket.getByTestId('ticket-summary')).toContainText(`BUY 100 SPY ${expiry} ${strike} P LMT`);
});
