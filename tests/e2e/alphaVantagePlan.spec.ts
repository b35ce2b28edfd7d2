import { LIGHT_SYMBOLS, shippedConfig } from '../support/engineProcess';
import { savePanelScreenshot } from './support/panelScreenshot';
import { createWorkstation, expect, test } from './support/workstation';

test.describe.configure({ timeout: 120_000 });

test('on a plan without realtime options the chain says it is the previous session and Health says which plan is needed', async ({ page }, testInfo) => {
  const workstation = await createWorkstation({ sim: { ...shippedConfig().sim, alphaVantagePlan: 'premium75' }, symbols: LIGHT_SYMBOLS });
  try {
    await workstation.open(page);
    const chain = page.getByTestId('option-chain-panel');
    await expect(chain.getByTestId('chain-previous-session')).toHaveText(
      /PREVIOUS SESSION\s*quotes of \d{4}-\d\d-\d\d \(HISTORICAL_OPTIONS\), not live: your Alpha Vantage plan does not include realtime options \(they need the 600 or 1200 requests\/min plan\)/,
      { timeout: 30_000 },
    );
    await expect.poll(() => chain.locator('[role="row"][row-id]').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    await expect(chain.getByTestId('stale-badge')).toHaveCount(0);
    const health = page.getByTestId('health-panel');
    await expect(health.getByTestId('health-av-plan')).toContainText('Your Alpha Vantage plan does not include realtime options: they need the 600 or 1200 requests/min premium plan.');
    await savePanelScreenshot(chain, 'option-chain-previous-session', testInfo);
  } finally {
    await workstation.dispose();
  }
});

test('on a free key Health says MACD is not in the plan and the chain is the previous session’s', async ({ page }) => {
  const workstation = await createWorkstation({ sim: { ...shippedConfig().sim, alphaVantagePlan: 'free' }, symbols: LIGHT_SYMBOLS });
  try {
    await workstation.open(page);
    const health = page.getByTestId('health-panel');
    await expect(health.getByTestId('health-av-plan')).toContainText('does not include MACD (premium functions)', { timeout: 30_000 });
    await expect(page.getByTestId('option-chain-panel').getByTestId('chain-previous-session')).toBeVisible();
  } finally {
    await workstation.dispose();
  }
});
