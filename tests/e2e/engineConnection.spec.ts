import type { WebSocketRoute } from '@playwright/test';
import WebSocket from 'ws';
import { MAX_CONNECTIONS } from '../../core/app/contractLimits';
import { expect, test } from './support/workstation';

// Each test starts its own engine and the page now streams every cockpit panel: on a machine shared with other
// runs that takes longer than playwright.config's default, so these tests get more time (their checks are unchanged).
test.describe.configure({ timeout: 120_000 });

test('losing the engine shows "reconnecting" and a stale Health panel at once', async ({ page, workstation }) => {
  await workstation.open(page);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('health-stale')).toHaveCount(0);

  await workstation.stop();

  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting', { timeout: 1_000 });
  await expect(page.getByTestId('health-stale')).toHaveText(/engine connection lost/, { timeout: 1_000 });
  await expect(page.getByTestId('ladder-panel').getByTestId('stale-badge')).toHaveText(/engine connection lost/, { timeout: 1_000 });
  await expect(page.getByTestId('tape-panel').getByTestId('stale-badge')).toHaveText(/engine connection lost/, { timeout: 1_000 });
  await page.getByRole('button', { name: /^HALT/ }).click();
  await expect(page.getByTestId('kill-switch-error')).toHaveText('not connected to the engine');
});

test('a dropped connection recovers by itself: live Health and working commands without a reload', async ({ page, workstation }) => {
  // A network partition between page and engine: open sockets are cut, new ones wait until the gate opens.
  let openGate: () => void = () => undefined;
  let gate = Promise.resolve();
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/ws\?token=/, async (socket) => {
    await gate;
    socket.connectToServer();
    sockets.push(socket);
  });
  await workstation.open(page);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('module-state-redis')).toHaveText(/running/);

  gate = new Promise((resolve) => (openGate = resolve));
  await Promise.all(sockets.splice(0).map((socket) => socket.close({ code: 1006 })));
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting', { timeout: 1_000 });
  await expect(page.getByTestId('health-stale')).toBeVisible({ timeout: 1_000 });

  openGate();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 10_000 });
  await expect(page.getByTestId('health-stale')).toHaveCount(0);
  await page.getByRole('button', { name: /^HALT/ }).click();
  await expect(page.getByTestId('trading-state')).toHaveText(/HALTED/);
  expect(await workstation.redis().hget('system:halt', 'state')).toBe('HALTED');
});

test('a frozen engine marks Health stale after a few seconds even while the socket stays open', async ({ page, workstation }) => {
  await workstation.open(page);
  await expect(page.getByTestId('module-state-redis')).toHaveText(/running/);
  const pid = workstation.engine.child.pid!;

  process.kill(pid, 'SIGSTOP');
  try {
    await expect(page.getByTestId('health-stale')).toHaveText(/no update/, { timeout: 6_000 });
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  await expect(page.getByTestId('health-stale')).toHaveCount(0);
});

test('after an engine restart (new session token) the page says to open the new URL instead of retrying forever', async ({ page, workstation }) => {
  await workstation.open(page);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');

  await workstation.restart();

  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting');
  await expect(page.getByTestId('session-expired')).toHaveText(/Open the new address printed by npm start/, { timeout: 15_000 });
  await workstation.open(page);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('session-expired')).toHaveCount(0);
});

test('a panel whose code fails to load (engine gone mid-download) says so and retries; the rest of the cockpit stays', async ({ page, workstation }) => {
  let failures = 2;
  await page.route(/\/assets\/ChartPanel-[^/]+\.js$/, (route) => (failures-- > 0 ? route.abort('connectionreset') : route.continue()));
  await workstation.open(page);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('panel-load-retrying')).toHaveText(/Could not load the chart .*retrying/);
  await expect(page.getByRole('button', { name: /^HALT/ })).toBeVisible();
  await expect(page.getByTestId('chart-panel')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('panel-load-retrying')).toHaveCount(0);
});

test("a page beyond the engine's connection limit says why it is not connected, and connects once a place is free", async ({ page, workstation }) => {
  const { port, token } = workstation.engine;
  const others = await Promise.all(
    Array.from(
      { length: MAX_CONNECTIONS },
      () =>
        new Promise<WebSocket>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}` });
          ws.once('open', () => resolve(ws));
        }),
    ),
  );
  await page.goto(workstation.engine.url);
  const reason = `too many connections: the engine serves at most ${MAX_CONNECTIONS}; close another cockpit tab`;
  await expect(page.getByTestId('connection-refused')).toContainText(reason, { timeout: 15_000 });
  others.forEach((ws) => ws.close());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  await expect(page.getByTestId('connection-refused')).toHaveCount(0);
});
