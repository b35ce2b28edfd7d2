import { buildEngineBundle, ENGINE_BUNDLE_ENV } from './engineBundle';

/**
 * Global set-up of the integration and browser suites: one engine bundle for the run (tests/support/engineBundle.ts),
 * named in the environment the test workers inherit; removed when the run ends.
 */
export default async function engineBundleSetup(): Promise<() => void> {
  const bundle = await buildEngineBundle();
  process.env[ENGINE_BUNDLE_ENV] = bundle.entry;
  return () => bundle.remove();
}
