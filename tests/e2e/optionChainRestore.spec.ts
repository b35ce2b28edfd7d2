import { test } from '@playwright/test';
import { shippedConfig } from '../support/engineProcess';
import { createWorkstation, expect } from './support/workstation';

// Its own engine, restarted once: on a machine shared with other runs that takes longer than playwright.config's default.
test.describe.configure({ timeout: 120_000 });

test('after an engine restart the option chain panel shows the chain stored before it, read back from Redis', async ({ page }) => {
  // Chains refresh every 10 minutes here, so the chain shown after the restart can only be the stored one.
  const workstation = await createWorkstation({ schedules: { ...shippedConfig().schedules, optionsRefreshSeconds: 600 } });
  try {
    await workstation.open(page);
    const chain = page.getByTestId('option-chain-panel');
    const rows = chain.locator('[role="row"][row-id]');
    const asOf = chain.getByTestId('as-of');
    const shown = async () => (await asOf.textContent())?.split(' · ')[0];
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const before = await shown();
    const strikes = await rows.locator('[col-id="strike"]').allTextContents();

    await workstation.restart();
    await workstation.open(page);

    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await shown()).toBe(before);
    // The grid renders the rows in view (a row more or less as it lays out): the strikes both show are the same.
    const after = await rows.locator('[col-id="strike"]').allTextContents();
    const both = Math.min(strikes.length, after.length);
    expect(both).toBeGreaterThan(5);
    expect(after.slice(0, both)).toEqual(strikes.slice(0, both));
  } finally {
    await workstation.dispose();
  }
});
