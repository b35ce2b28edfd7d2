import { test as base, type Page } from '@playwright/test';
import { contractOf } from '../support/engineContract';
import { createWorkstation, expect, type Workstation } from './support/workstation';

/**
 * One engine per worker for this file: every test starts ACTIVE, with a Redis that takes writes (beforeEach), so a
 * test sees only its own changes; the audit checks read the newest entry or count from the test's own start.
 */
const test = base.extend<object, { workstation: Workstation }>({
  workstation: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
    async ({}, use) => {
      const workstation = await createWorkstation();
      try {
        await use(workstation);
      } finally {
        await workstation.dispose();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

// The page streams every cockpit panel: on a machine shared with other runs that takes longer than
// playwright.config's default, so these tests get more time (their checks are unchanged).
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ workstation }) => {
  const redis = workstation.redis();
  await redis.config('SET', 'min-replicas-to-write', '0');
  redis.disconnect(); // a client kept open across the restart test would only log its refused reconnects
  const contract = await contractOf(workstation.engine);
  try {
    await contract.client.call('setTradingState', { state: 'ACTIVE', reason: 'the next kill switch test starts ACTIVE', confirmed: true });
  } finally {
    contract.close();
  }
});

const haltButton = (page: Page) => page.getByRole('button', { name: /^HALT/ });
const resumeButton = (page: Page) => page.getByRole('button', { name: /^Resume/ });
const releaseDialog = (page: Page) => page.getByRole('dialog', { name: /Leave HALTED/ });

test('HALT in one click writes system:halt to Redis, audits it and shows the red banner', async ({ page, workstation }) => {
  await workstation.open(page);
  await expect(page.getByTestId('trading-state')).toHaveText(/ACTIVE/);
  await expect(page.getByTestId('trading-banner')).toHaveCount(0);

  await haltButton(page).click();

  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  const banner = page.getByTestId('trading-banner');
  await expect(banner).toHaveText(/TRADING HALTED/);
  await expect(banner).toHaveText(/trader via websocket/);
  await expect(banner).toHaveText(/HALT button pressed/);
  const redis = workstation.redis();
  expect(await redis.hgetall('system:halt')).toMatchObject({ state: 'HALTED', changedBy: 'trader via websocket' });
  const [[, audit]] = (await redis.xrevrange('system:halt:audit', '+', '-', 'COUNT', 1)) as [[string, string[]]];
  expect(audit).toEqual(expect.arrayContaining(['from', 'ACTIVE', 'to', 'HALTED']));
});

test('HALTED survives an engine restart and still shows its banner', async ({ page, workstation }) => {
  await workstation.open(page);
  await haltButton(page).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);

  await workstation.restart();
  await workstation.open(page);

  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  await expect(page.getByTestId('trading-banner')).toHaveText(/TRADING HALTED.*HALT button pressed/);
  expect(await workstation.redis().hget('system:halt', 'state')).toBe('HALTED');
});

test('leaving HALTED happens only after the dialog is confirmed with a reason; cancelling keeps HALTED', async ({ page, workstation }) => {
  await workstation.open(page);
  await haltButton(page).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  const redis = workstation.redis();
  const auditLength = await redis.xlen('system:halt:audit');

  await resumeButton(page).click();
  const dialog = releaseDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Confirm ACTIVE/ })).toBeDisabled();
  await dialog.getByRole('button', { name: /Cancel/ }).click();
  await expect(dialog).toBeHidden();

  await resumeButton(page).click();
  await page.keyboard.press('Escape');
  await expect(releaseDialog(page)).toBeHidden();
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  expect(await redis.hget('system:halt', 'state')).toBe('HALTED');
  expect(await redis.xlen('system:halt:audit')).toBe(auditLength);

  await resumeButton(page).click();
  await releaseDialog(page).getByLabel(/Reason/).fill('spread back to normal, checked with desk');
  await releaseDialog(page).getByRole('button', { name: /Confirm ACTIVE/ }).click();

  await expect(releaseDialog(page)).toBeHidden();
  await expect(page.getByTestId('trading-state')).toHaveText(/ACTIVE/);
  await expect(page.getByTestId('trading-banner')).toHaveCount(0);
  expect(await redis.hgetall('system:halt')).toMatchObject({ state: 'ACTIVE', reason: 'spread back to normal, checked with desk' });
  expect(await redis.xlen('system:halt:audit')).toBe(auditLength + 1);
});

test('a release the engine cannot record is refused, its message shown verbatim, and trading stays HALTED', async ({ page, workstation }) => {
  await workstation.open(page);
  await haltButton(page).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  const redis = workstation.redis();
  await redis.config('SET', 'min-replicas-to-write', '1'); // every write is now refused by Redis itself

  await resumeButton(page).click();
  await releaseDialog(page).getByLabel(/Reason/).fill('try while Redis refuses writes');
  await releaseDialog(page).getByRole('button', { name: /Confirm ACTIVE/ }).click();

  await expect(page.getByTestId('release-error')).toHaveText(/^Cannot leave HALTED: the change could not be recorded in Redis .*Trading stays HALTED\.$/);
  await expect(releaseDialog(page)).toBeVisible();
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  await redis.config('SET', 'min-replicas-to-write', '0');
  expect(await redis.hget('system:halt', 'state')).toBe('HALTED');
});

test('REDUCE ONLY is one click from ACTIVE with an amber banner, and leaving it asks for confirmation', async ({ page, workstation }) => {
  await workstation.open(page);
  await page.getByRole('button', { name: /^Reduce only/ }).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/REDUCING/);
  await expect(page.getByTestId('trading-banner')).toHaveText(/REDUCING ONLY/);
  expect(await workstation.redis().hget('system:halt', 'state')).toBe('REDUCING');

  await resumeButton(page).click();
  await expect(page.getByRole('dialog', { name: /Leave REDUCING for ACTIVE/ })).toBeVisible();
});

test('the hotkeys Ctrl+Shift+H and F12 halt trading without any confirmation', async ({ page, workstation }) => {
  await workstation.open(page);
  await expect(page.getByTestId('trading-state')).toHaveText(/ACTIVE/);
  await page.keyboard.press('Control+Shift+H');
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  const redis = workstation.redis();
  expect(await redis.hgetall('system:halt')).toMatchObject({ state: 'HALTED', reason: 'HALT hotkey pressed in the cockpit' });

  await resumeButton(page).click();
  await releaseDialog(page).getByLabel(/Reason/).fill('hotkey drill over');
  await releaseDialog(page).getByRole('button', { name: /Confirm ACTIVE/ }).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/ACTIVE/);

  await page.keyboard.press('F12');
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  expect(await redis.hget('system:halt', 'state')).toBe('HALTED');
});
