import { expect as baseExpect, test as base } from '@playwright/test';
import { shippedConfig } from '../../support/engineProcess';
import { createWorkstation, type Workstation } from './workstation';

/**
 * Chains refresh every 20 s instead of 60, so the in-place refresh test waits a third as long for a new chain.
 * Distribution: Discord in dry-run (renders, sends nothing) and Telegram on without its .env secrets (only test
 * sends), so the Distribution panel has a dry-run channel and one that cannot send.
 */
function marketConfig(): Record<string, unknown> {
  return {
    schedules: { ...shippedConfig().schedules, optionsRefreshSeconds: 20 },
    distribution: { discord: { enabled: true, dryRun: true }, telegram: { enabled: true, dryRun: false, events: [] } },
  };
}

/**
 * One engine per worker for tests that only watch the market (no kill-switch changes, no restarts): each test still
 * gets a fresh page and browser storage, and the suite saves an engine start per test.
 */
export const test = base.extend<object, { market: Workstation }>({
  market: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
    async ({}, use) => {
      const workstation = await createWorkstation(marketConfig());
      try {
        await use(workstation);
      } finally {
        await workstation.dispose();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

/** Market data on a machine shared with other test runs: give each expectation time, not a tight deadline. */
export const SLOW_TEST_TIMEOUT = 120_000;
export const expect = baseExpect.configure({ timeout: 15_000 });
