import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // The market-model tests simulate hours of market in a few seconds; on a loaded machine that takes longer.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // Engine processes run from a bundle built once for the run (tests/support/engineBundle.ts).
          globalSetup: ['tests/support/engineBundleSetup.ts'],
        },
      },
    ],
  },
});
