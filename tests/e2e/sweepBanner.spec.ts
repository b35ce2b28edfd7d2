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

    // Wait on the condition: a banner whose range covers this sweep's. A random sweep from the model names other
    // prices; a natural buy just before or after may join the burst and widen the range.
    const flag = ladder.getByTestId('ladder-sweep');
    const covers = async () => {
      const range = /(\d+\.\d{2}) → (\d+\.\d{2})/.exec((await flag.textContent()) ?? '');
      return range !== null && Number(range[1]) <= injected.fromPrice && Number(range[2]) >= injected.toPrice;
    };
    await expect.poll(covers, { timeout: 15_000 }).toBe(true);
    await expect(flag).toContainText(`⚡ SWEEP ▲ BUY`);
    const text = (await flag.textContent())!;
    const levels = Number(/(\d+) levels/.exec(text)?.[1]);
    expect(levels).toBeGreaterThanOrEqual(3); // buys that follow within 50 ms join the burst, so it may show more
    const venues = text.split(' levels · ')[1]!.split(' ').filter((v) => /^[A-Z]{3,4}$/.test(v));
    expect(venues.length).toBeGreaterThanOrEqual(2);
  } finally {
    await dispose();
  }
});
