import { expect, test } from './support/workstation';

test('the Health panel shows every engine module running with a ticking heartbeat', async ({ page, workstation }) => {
  await workstation.open(page);
  const panel = page.getByTestId('health-panel');
  await expect(panel.getByTestId('health-status')).toHaveText(/OK/);
  await expect(panel.getByTestId('health-redis')).toHaveText(/connected/);
  for (const module of ['redis', 'tradingState', 'webBridge']) {
    await expect(panel.getByTestId(`module-state-${module}`)).toHaveText(/running/);
  }
  await expect(panel.getByTestId('health-stale')).toHaveCount(0);
  const heartbeat = panel.getByTestId('module-heartbeat-redis');
  const first = await heartbeat.textContent();
  await expect(heartbeat).not.toHaveText(first ?? '');
  await expect(page.getByTestId('source')).toHaveText('SIM');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
});
