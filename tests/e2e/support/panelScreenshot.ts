import type { Locator, TestInfo } from '@playwright/test';

/** Saves a panel's picture as a test artefact (test-results/panels/<name>.png) for a person to look at. */
export async function savePanelScreenshot(panel: Locator, name: string, testInfo: TestInfo): Promise<void> {
  const file = `test-results/panels/${name}.png`;
  await panel.screenshot({ path: file, animations: 'disabled' });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}
