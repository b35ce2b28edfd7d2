import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

// Health only reads: the worker's shared market engine (sharedWorkstation) serves it, fresh page per test.
test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

test('the Health panel shows every engine module running with a ticking heartbeat', async ({ page, market, request }) => {
  await market.open(page);
  const panel = page.getByTestId('health-panel');
  await expect(panel.getByTestId('health-status')).toHaveText(/OK/);
  await expect(panel.getByTestId('health-redis')).toHaveText(/connected/);

  const health = (await (await request.get(`http://127.0.0.1:${market.engine.port}/api/health`)).json()) as { modules: Record<string, unknown> };
  const modules = Object.keys(health.modules);
  expect(modules).toEqual(expect.arrayContaining(['redis', 'tradingState', 'webBridge']));
  await expect(panel.getByTestId('module-table').locator('tbody tr')).toHaveCount(modules.length);
  for (const module of modules) {
    await expect(panel.getByTestId(`module-state-${module}`)).toHaveText(/running/);
  }
  await expect(panel.getByTestId('health-stale')).toHaveCount(0);
  // The IB account the gateway reports, with its summary values.
  await expect(panel.getByTestId('health-ib-account')).toContainText('DU1234567');
  await expect(panel.getByTestId('health-ib-account')).toContainText('NetLiquidation');

  const heartbeat = panel.getByTestId('module-heartbeat-redis');
  await expect(heartbeat).toHaveText(/s ago/);
  const first = await heartbeat.textContent();
  await expect(heartbeat).not.toHaveText(first ?? '');
});
