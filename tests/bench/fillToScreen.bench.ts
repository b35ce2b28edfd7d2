// `npm run bench fillToScreen`: a fill at the gateway → the position on screen, in Debian Chromium against the
// workstation on the simulated market (engine process, embedded gateway, real sockets throughout).
// The bench sends a marketable order over its own WebSocket (the contract, as the ticket does) and times from the
// moment it sends to the first animation frame after the Positions panel shows the new quantity (a MutationObserver
// on the row's data-quantity; page and bench share the machine's clock, 1 ms resolution). That span holds the whole
// order path too (contract → order manager → IB socket → gateway fill), so it is an upper bound of fill → screen.
// Orders alternate buy and sell (1 share of AAPL), one at a time, 200 ms apart. Goal: p99 < 100 ms.
// BENCH_ORDERS (default 60) sets the count.
import { quantileSorted } from 'simple-statistics';
import { contractOf, eventually, healthOf } from '../support/engineContract';
import { LIGHT_SYMBOLS, startEngineProcess, writeTestConfig } from '../support/engineProcess';
import { launchChromium, openCockpit, recordShown, shownSoFar } from './cockpitPage';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 60);

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'fillToScreen', metric, value: Math.round(value * 10) / 10, unit }));
}

/** Page code: the AAPL row's quantity now (0 without a row); each change is recorded with its frame's time. */
const AAPL_QUANTITY = `() => [document.querySelector('[data-testid="position-row-AAPL"]')?.getAttribute('data-quantity') ?? '0']`;

// The same 1-share order alternates sides every 200 ms: the duplicate and rate checks would refuse some of them.
const configPath = await writeTestConfig({ symbols: LIGHT_SYMBOLS, risk: { duplicateWindowSeconds: 0, maxOrdersPerSecond: 50, maxOrdersPerMinute: 1_000 } });
const engine = await startEngineProcess({ configPath });
const browser = await launchChromium();
const { client, close } = await contractOf(engine);
try {
  const page = await openCockpit(browser, engine.url);
  await page.getByTestId('ladder-bid-row').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('watch-row-AAPL').waitFor({ timeout: 60_000 }); // the session (and the shortcuts) are there
  await page.keyboard.press('Alt+Shift+P');
  await page.getByTestId('positions-panel').waitFor({ timeout: 10_000 });
  await eventually('the engine to reconcile', async () => (await healthOf(engine)).modules.execution?.detail.reconciled === true, 60_000, 200);
  await page.waitForTimeout(2_000);
  await recordShown(page, AAPL_QUANTITY, ['data-quantity']);

  const latencies: number[] = [];
  let held = 0;
  for (let i = 0; i < ORDERS; i++) {
    const side = i % 2 === 0 ? 'buy' : 'sell';
    held += side === 'buy' ? 1 : -1;
    const sent = Date.now();
    await client.call('submitOrder', { clientOrderKey: `bench-fill-${sent}-${i}`, instrument: { kind: 'stock', symbol: 'AAPL' }, side, quantity: 1, type: 'MKT', outsideRth: true });
    const shown = await eventually(`the position at ${held}`, async () => (await shownSoFar(page)).find((f) => f.key === String(held) && f.t >= sent), 10_000, 10);
    latencies.push(shown.t - sent);
    await page.waitForTimeout(200);
  }
  latencies.sort((a, b) => a - b);
  report('submit_fill_to_screen_p50_ms', quantileSorted(latencies, 0.5), 'ms');
  report('submit_fill_to_screen_p99_ms', quantileSorted(latencies, 0.99), 'ms');
  report('submit_fill_to_screen_max_ms', latencies.at(-1)!, 'ms');
  report('orders', latencies.length, 'count');
} finally {
  close();
  await browser.close();
  await engine.stop('SIGTERM');
}
