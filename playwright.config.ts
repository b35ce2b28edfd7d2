import { defineConfig } from '@playwright/test';

// Debian's Chromium only: never `playwright install`, never a browser download.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // The built cockpit must be there; the engine is bundled from the source for the run (tests/support/engineBundle.ts).
  globalSetup: ['./tests/e2e/support/requireBuiltRenderer.ts', './tests/support/engineBundleSetup.ts'],
  timeout: 45_000,
  expect: { timeout: 8_000 },
  fullyParallel: true,
  workers: 2, // each test runs its own engine and redis-server; more workers only contend for CPU
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 860 },
    colorScheme: 'dark',
    timezoneId: 'Europe/Berlin', // deliberately not New York: the cockpit must show market time regardless
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
