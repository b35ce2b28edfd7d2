import { test as base, type Page } from '@playwright/test';
import type { ContractClient } from '../../core/contract/contractClient';
import { contractOf } from '../support/engineContract';
import { shippedConfig } from '../support/engineProcess';
import { savePanelScreenshot } from './support/panelScreenshot';
import { createWorkstation, expect, type Workstation } from './support/workstation';

/** Low enough that a 60-share order is refused MAX_QUANTITY while its notional stays inside every other limit. */
const MAX_ORDER_SHARES = 50;

interface Desk {
  workstation: Workstation;
  /** The contract over the engine's WebSocket, as a second cockpit: places orders the tests then watch. */
  client: ContractClient;
}

/** One engine for the whole file: each test starts ACTIVE (beforeEach) and uses prices no other test uses. */
const test = base.extend<object, { desk: Desk }>({
  desk: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
    async ({}, use) => {
      const workstation = await createWorkstation({ risk: { ...shippedConfig().risk, maxOrderShares: MAX_ORDER_SHARES } });
      const contract = await contractOf(workstation.engine);
      try {
        await use({ workstation, client: contract.client });
      } finally {
        contract.close();
        await workstation.dispose();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

// In order, in one worker, so the file starts one engine; each test is short but streams the whole cockpit.
test.describe.configure({ mode: 'default', timeout: 120_000 });

test.beforeEach(async ({ desk }) => {
  await desk.client.call('setTradingState', { state: 'ACTIVE', reason: 'the next risk panel test starts ACTIVE', confirmed: true });
});

let keySeq = 0;
/** A buy of SPY (near 590 in the simulated market) placed through the contract; a limit far below it rests. */
async function buySpy(client: ContractClient, quantity: number, limitPrice?: number): Promise<number> {
  const order = limitPrice === undefined ? ({ type: 'MKT' } as const) : ({ type: 'LMT', limitPrice } as const);
  const receipt = await client.call('submitOrder', { clientOrderKey: `risk-e2e-${Date.now()}-${++keySeq}`, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity, ...order });
  return receipt.orderIds[0]!;
}

/** Opens the cockpit once SPY is quoted: the risk checks refuse orders for a symbol without a (fresh) quote. */
async function openQuoted(page: Page, desk: Desk): Promise<void> {
  await desk.workstation.open(page);
  await expect(page.getByTestId('watch-row-SPY').getByTestId('watch-last')).toHaveText(/\d+\.\d\d/);
}

async function releaseHalt(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Resume/ }).click();
  const dialog = page.getByRole('dialog', { name: /Leave HALTED/ });
  await dialog.getByLabel(/Reason/).fill('drill over');
  await dialog.getByRole('button', { name: /Confirm ACTIVE/ }).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/ACTIVE/);
}

test('the HALT button, and then its hotkey, cancel the working orders shown in the Orders panel', async ({ page, desk }) => {
  await openQuoted(page, desk);
  await page.keyboard.press('Alt+Shift+R');
  const orders = page.getByTestId('orders-panel');
  const halts: Array<[string, () => Promise<void>]> = [
    ['button', () => page.getByRole('button', { name: /^HALT/ }).click()],
    ['hotkey', () => page.keyboard.press('Control+Shift+H')],
  ];
  let price = 500;
  for (const [via, halt] of halts) {
    const ids = [await buySpy(desk.client, 1, price++), await buySpy(desk.client, 1, price++)];
    for (const id of ids) await expect(orders.getByTestId(`order-row-${id}`)).toHaveClass(/group-working/);
    await expect(orders.getByTestId('orders-filter-working')).toHaveText('Working 2');

    await halt();

    await expect(page.getByTestId('trading-state'), `HALT by ${via}`).toHaveText(/HALTED/);
    for (const id of ids) await expect(orders.getByTestId(`order-row-${id}`), `order ${id} after HALT by ${via}`).toHaveAttribute('data-status', /Cancelled/);
    await expect(orders.getByTestId('orders-filter-working')).toHaveText('Working 0');
    await releaseHalt(page);
  }
});

test('an order the risk engine refuses shows in the Risk panel with its reason code, sentence and inputs', async ({ page, desk }, testInfo) => {
  await openQuoted(page, desk);
  const refused = buySpy(desk.client, MAX_ORDER_SHARES + 10, 502);
  await expect(refused).rejects.toMatchObject({ code: 'REFUSED', reason: 'MAX_QUANTITY' });

  await page.keyboard.press('Alt+Shift+K');
  const risk = page.getByTestId('risk-panel');
  const denial = risk.getByTestId('denial-row').filter({ hasText: 'MAX_QUANTITY' }).first();
  await expect(denial.getByTestId('denial-code')).toHaveText('MAX_QUANTITY');
  await expect(denial.getByTestId('denial-message')).toHaveText(`60 shares of SPY is more than the ${MAX_ORDER_SHARES} shares allowed per order (risk.maxOrderShares).`);
  await expect(denial).toContainText('BUY 60 SPY');
  await denial.getByRole('button', { name: /^Inputs of denial MAX_QUANTITY/ }).click();
  await expect(risk.getByTestId('denial-inputs').first()).toBeVisible();
  await savePanelScreenshot(risk, 'risk-denial', testInfo);
});

test('a limit tightened from the Risk panel shows its new value; loosening it while HALTED shows the engine’s refusal', async ({ page, desk }) => {
  await openQuoted(page, desk);
  await page.keyboard.press('Alt+Shift+K');
  const row = page.getByTestId('risk-panel').getByTestId('limit-row-maxOpenOrders');
  await expect(row.getByTestId('limit-value')).toHaveText('20 orders');
  const dialog = page.getByRole('dialog', { name: /maxOpenOrders/ });

  await row.getByRole('button', { name: 'Edit maxOpenOrders' }).click();
  await dialog.getByLabel(/New value/).fill('15');
  await dialog.getByLabel(/Reason/).fill('thin market today');
  await dialog.getByRole('button', { name: /Review change/ }).click();
  await expect(dialog.getByTestId('limit-question')).toHaveText('Tighten maxOpenOrders from 20 orders to 15 orders?');
  await dialog.getByTestId('limit-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('limit-value')).toHaveText('15 orders');
  await expect(row).toContainText('runtime');

  await page.getByRole('button', { name: /^HALT/ }).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  await row.getByRole('button', { name: 'Edit maxOpenOrders' }).click();
  await dialog.getByLabel(/New value/).fill('30');
  await dialog.getByLabel(/Reason/).fill('try to loosen while halted');
  await dialog.getByRole('button', { name: /Review change/ }).click();
  await expect(dialog.getByTestId('limit-question')).toHaveText('Loosen maxOpenOrders from 15 orders to 30 orders?');
  await dialog.getByTestId('limit-confirm').click();
  await expect(dialog.getByTestId('limit-error')).toHaveText(/Trading is HALTED .*no limit is loosened.*maxOpenOrders stays at 15 orders/);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('limit-value')).toHaveText('15 orders');
});

test('Flatten all through its dialog closes every position: its progress reaches flat and Positions is empty', async ({ page, desk }, testInfo) => {
  await openQuoted(page, desk);
  await buySpy(desk.client, 10);
  await page.keyboard.press('Alt+Shift+P');
  const positions = page.getByTestId('positions-panel');
  await expect(positions.getByTestId('position-row-SPY')).toHaveAttribute('data-quantity', '10');

  await positions.getByTestId('flatten-button').click();
  const dialog = page.getByRole('dialog', { name: 'Flatten all positions?' });
  await expect(dialog.getByTestId('flatten-dialog-count')).toHaveText('1 position will be closed.');
  await dialog.getByLabel(/Reason/).fill('end of the drill');
  await dialog.getByRole('button', { name: 'Flatten 1 position' }).click();

  const progress = page.getByTestId('flatten-progress');
  await expect(progress).toHaveAttribute('data-state', 'flat', { timeout: 30_000 });
  await expect(progress.getByTestId('flatten-leg-SPY')).toHaveAttribute('data-status', 'flat');
  await expect(progress.getByTestId('flatten-leg-SPY').getByTestId('flatten-leg-remaining')).toHaveText('0');
  await savePanelScreenshot(progress, 'flatten-progress-flat', testInfo);
  await expect(positions.getByTestId('positions-count')).toHaveText('Flat');
  await expect(positions.locator('[data-testid^="position-row-"]:not([data-quantity="0"])')).toHaveCount(0);
  await progress.getByRole('button', { name: 'Close' }).click();
  await expect(progress).toBeHidden();
});
