import { expect, test } from '@playwright/test';
import { startWorkstationOnSeparateGateway } from './support/separateGateway';

test.describe.configure({ timeout: 120_000 });

const LEVELS = 5;

test('the ladder flags a sweep as it happens: direction, price range, levels and venues, from the gateway through detection', async ({ page }) => {
  const { engine, gateway, dispose } = await startWorkstationOnSeparateGateway(10);
  try {
    await page.goto(engine.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    const ladder = page.getByTestId('ladder-panel');
    await expect(ladder).toHaveAttribute('data-symbol', 'SPY');
    await expect.poll(() => ladder.getByTestId('ladder-ask-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);

    // The sim console's test trigger: an aggressive buy through five ask levels on every exchange, now.
    const answer = await gateway.command(`sweep SPY buy ${LEVELS}`);
    expect(answer).toMatch(/^sweep \{/);
    const injected = JSON.parse(answer.slice('sweep '.length)) as { fromPrice: number; toPrice: number; exchanges: number };
    expect(injected.exchanges).toBeGreaterThanOrEqual(2);

    // Wait on the condition: the banner for this sweep (a random one from the model would name other prices).
    const flag = ladder.getByTestId('ladder-sweep');
    await expect(flag).toContainText(`⚡ SWEEP ▲ BUY`, { timeout: 15_000 });
    await expect(flag).toContainText(`${injected.fromPrice.toFixed(2)} → `);
    const text = (await flag.textContent())!;
    const levels = Number(/(\d+) levels/.exec(text)?.[1]);
    expect(levels).toBeGreaterThanOrEqual(3); // buys that follow within 50 ms join the burst, so it may show more
    const venues = text.split(' levels · ')[1]!.split(' ').filter((v) => /^[A-Z]{3,4}$/.test(v));
    expect(venues.length).toBeGreaterThanOrEqual(2);
  } finally {
    await dispose();
  }
});
