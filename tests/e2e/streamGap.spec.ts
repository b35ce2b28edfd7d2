import type { ClientMessage, ServerMessage } from '../../core/contract/protocol';
import { expect, SLOW_TEST_TIMEOUT, test } from './support/sharedWorkstation';

test.describe.configure({ timeout: SLOW_TEST_TIMEOUT });

type Subscribe = Extract<ClientMessage, { t: 'subscribe' }>;
const isSpyBook = (message: ClientMessage): message is Subscribe =>
  message.t === 'subscribe' && message.stream === 'book' && (message.params as { symbol?: string } | null)?.symbol === 'SPY';

test('a book update lost on the way makes the ladder resubscribe, say "resynced after a gap" and count it', async ({ page, market }) => {
  // The page's socket runs through the test, which passes every message on except the one SPY book update it drops.
  const bookSubscribes: Subscribe[] = [];
  let dropOne = false;
  await page.routeWebSocket(/\/ws\?token=/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as ClientMessage;
      if (isSpyBook(message)) bookSubscribes.push(message);
      server.send(raw);
    });
    server.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as ServerMessage;
      const bookId = bookSubscribes.at(-1)?.id;
      if (dropOne && message.t === 'events' && message.events.some((event) => event.id === bookId)) {
        dropOne = false;
        socket.send(JSON.stringify({ ...message, events: message.events.filter((event) => event.id !== bookId) }));
        return;
      }
      socket.send(raw);
    });
  });
  await market.open(page);
  const ladder = page.getByTestId('ladder-panel');
  await expect(ladder).toHaveAttribute('data-symbol', 'SPY');
  await expect.poll(() => ladder.getByTestId('ladder-bid-row').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-stream-gaps', '0');
  expect(bookSubscribes).toHaveLength(1);

  dropOne = true;

  // The next book update shows the gap: the page subscribes to the SPY book again (a new subscription) and says so.
  await expect(ladder.getByTestId('resynced-badge')).toHaveText('⟳ resynced after a gap');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-stream-gaps', '1');
  await expect(page.getByTestId('stream-gaps')).toHaveText(/1 gap resynced/);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('title', /1 stream gap .*Last: book SPY at \d\d:\d\d:\d\d/);
  expect(bookSubscribes).toHaveLength(2);
  expect(bookSubscribes[1]!.id).not.toBe(bookSubscribes[0]!.id);

  // The ladder goes on with the fresh book, not stale, and the notice goes after a few seconds.
  await expect.poll(() => ladder.getByTestId('ladder-bid-row').count()).toBeGreaterThanOrEqual(10);
  await expect(ladder.getByTestId('stale-badge')).toHaveCount(0);
  await expect(ladder.getByTestId('resynced-badge')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-stream-gaps', '1');
});
