import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

/** The page's localStorage, typed without the DOM library (these specs compile as Node code). */
interface PageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}


test('a pinned panel, a closed panel and the selected symbol survive a reload', async ({ page, market }) => {
  await market.open(page);
  const ladder = page.getByTestId('ladder-panel');
  await expect(ladder).toHaveAttribute('data-symbol', 'SPY');
  await ladder.getByTestId('panel-symbol').selectOption('QQQ');
  await expect(ladder).toHaveAttribute('data-symbol', 'QQQ');
  await page.locator('.dv-tab', { hasText: 'Time & sales' }).locator('.dv-default-tab-action').click();
  await expect(page.getByTestId('tape-panel')).toHaveCount(0);
  await page.getByTestId('watch-row-NVDA').click();
  await expect(page.getByTestId('chart-panel')).toHaveAttribute('data-symbol', 'NVDA');
  await expect(ladder).toHaveAttribute('data-symbol', 'QQQ'); // pinned: does not follow

  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(page.getByTestId('selected-symbol')).toHaveText('NVDA');
  await expect(page.getByTestId('ladder-panel')).toHaveAttribute('data-symbol', 'QQQ');
  await expect(page.getByTestId('ladder-panel').getByTestId('panel-symbol')).toHaveValue('QQQ');
  await expect(page.getByTestId('chart-panel')).toHaveAttribute('data-symbol', 'NVDA');
  await expect(page.getByTestId('tape-panel')).toHaveCount(0);

  await page.getByTestId('ladder-panel').getByTestId('panel-symbol').selectOption({ label: '↔ linked' });
  await expect(page.getByTestId('ladder-panel')).toHaveAttribute('data-symbol', 'NVDA');
});

test('a layout saved by the shell (version 1) is migrated: its panels stay and the new cockpit panels are added once', async ({ page, market }) => {
  await market.open(page);
  await expect(page.getByTestId('ladder-panel')).toBeVisible();
  // What the shell stored: its own dockview layout with the Health panel alone.
  await page.evaluate(() => {
    const localStorage = (globalThis as unknown as { localStorage: PageStorage }).localStorage;
    const current = JSON.parse(localStorage.getItem('alphatrader.layout')!) as { dockview: { panels: Record<string, unknown> } };
    const single = {
      grid: { root: { type: 'branch', data: [{ type: 'leaf', data: { views: ['health'], activeView: 'health', id: '1' }, size: 1440 }], size: 800 }, width: 1440, height: 800, orientation: 'HORIZONTAL' },
      panels: { health: current.dockview.panels.health },
      activeGroup: '1',
    };
    localStorage.setItem('alphatrader.layout', JSON.stringify({ version: 1, dockview: single }));
  });
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  // The new panels join the trader's group as tabs; the shell's Health panel is still there and working.
  await page.locator('.dv-tab', { hasText: 'Health' }).click();
  await expect(page.getByTestId('module-state-redis')).toHaveText(/running/);
  for (const title of ['Health', 'Watchlist', 'Chart', 'Ladder', 'Time & sales', 'Option chain', 'Sentiment & technicals']) {
    await expect(page.locator('.dv-tab', { hasText: title })).toHaveCount(1);
  }
  const stored = await page.evaluate(() => {
    const saved = (globalThis as unknown as { localStorage: PageStorage }).localStorage.getItem('alphatrader.layout')!;
    return JSON.parse(saved) as { version: number; knownPanels: string[] };
  });
  expect(stored.version).toBe(2);
  expect(stored.knownPanels).toEqual(expect.arrayContaining(['health', 'ladder', 'optionChain']));

  // Closed after the upgrade, a panel stays closed: it is no longer "new". (A tab shows its close button once
  // it is the group's active tab, as the trader sees it.)
  const chartTab = page.locator('.dv-tab', { hasText: 'Chart' });
  await chartTab.click();
  await chartTab.locator('.dv-default-tab-action').click();
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(page.locator('.dv-tab', { hasText: 'Health' })).toHaveCount(1);
  await expect(page.locator('.dv-tab', { hasText: 'Chart' })).toHaveCount(0);
});

test('keyboard shortcuts switch symbols and focus panels, and ? lists them without any order shortcut', async ({ page, market }) => {
  await market.open(page);
  await expect(page.getByTestId('watch-row-IWM')).toBeVisible();

  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('selected-symbol')).toHaveText('IWM');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('selected-symbol')).toHaveText('AAPL');
  await page.keyboard.press('/');
  await page.keyboard.type('tsla');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('selected-symbol')).toHaveText('TSLA');

  // Every panel's focus shortcut (listed in the help overlay) makes that panel's group the active one.
  const focusKeys: Array<[string, string]> = [
    ['O', 'option-chain-panel'],
    ['L', 'ladder-panel'],
    ['W', 'watchlist-panel'],
    ['C', 'chart-panel'],
    ['T', 'tape-panel'],
    ['S', 'sentiment-panel'],
    ['H', 'health-panel'],
    ['N', 'ticket-panel'],
    ['R', 'orders-panel'],
    ['P', 'positions-panel'],
    ['K', 'risk-panel'],
    ['V', 'vpin-panel'],
    ['F', 'options-flow-panel'],
    ['G', 'gex-panel'],
    ['D', 'discovery-panel'],
    ['A', 'approval-panel'],
    ['Y', 'strategies-panel'],
    ['M', 'morning-panel'],
    ['B', 'distribution-panel'],
  ];
  for (const [key, panel] of focusKeys) {
    await page.keyboard.press(`Alt+Shift+${key}`);
    await expect(page.locator('.dv-groupview.dv-active-group').getByTestId(panel)).toBeVisible();
  }

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Ctrl+Shift+H');
  await expect(help).toContainText('Alt+1 … Alt+9');
  await expect(help).toContainText('Focus Ladder');
  await expect(help).not.toContainText(/\b(buy|sell|send order|submit order)\b/i);
  await page.screenshot({ path: 'test-results/panels/help-overlay.png' });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
