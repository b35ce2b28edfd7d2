import { afterEach, describe, expect, test } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import { ContractError, type TradingState } from '../../../core/contract/contract';
import { resetBreakerInput } from '../../../core/contract/riskView';
import type { RiskLimits } from '../../../core/config/riskSchema';
import { etToUtc } from '../../../core/market/newYorkTime';
import { BreakerLatches, type LatchStore, type VenueUse } from '../../../core/risk/breakerLatches';
import { OrderGate, type GateRequest } from '../../../core/risk/orderGate';
import { SPY } from '../../support/executionDoubles';
import { gateFacts, gateOrder, quoteOf, relaxedRiskLimits, riskLimits } from '../../support/riskFixtures';

const MONDAY_10AM = etToUtc('2025-03-03', 10, 0);
const ACTIVE: TradingState = { state: 'ACTIVE', changedAt: 0, changedBy: 'trader', reason: '', persisted: true };
const READY: VenueUse = { venueReady: true, reconciled: true };
const lost = (session = 1) => ({ venue: 'ibkr' as const, ready: false, nextValidId: null, session });
const back = (session = 2) => ({ venue: 'ibkr' as const, ready: true, nextValidId: 100, session });

type Checked = Exclude<GateRequest, { action: 'cancel' }>;

interface SetUp {
  calendar?: RiskLimits['marketCalendar'];
  venue?: VenueUse | null;
  store?: LatchStore;
  now?: number;
}

/** The stale-data and connection latches against a real bus, a clock the test moves and a venue it sets. */
describe('the latched breakers: connection and stale data', () => {
  const stops: Array<() => void> = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  function setUp({ calendar = 'nyse', venue = READY, store, now = MONDAY_10AM }: SetUp = {}) {
    const bus = createEngineBus();
    const clock = { now };
    const venueNow = { current: venue };
    const latches = new BreakerLatches({
      bus, limits: riskLimits({ marketCalendar: calendar, maxStaleDataSeconds: 5 }), symbols: ['SPY', 'QQQ'], venue: () => venueNow.current, store, clock: () => clock.now,
    });
    latches.start();
    stops.push(() => latches.stop());
    const quote = (symbol: string, ts = clock.now) => bus.publish('quoteChanged', quoteOf(symbol, { bid: 500, ask: 500.02, ts }));
    const gate = new OrderGate({ current: ACTIVE }, relaxedRiskLimits(), undefined, latches);
    const factsNow = (positions: Record<string, number> = {}) => gateFacts({ positions, quotes: [quoteOf('SPY', { bid: 500, ask: 500.02, ts: clock.now })] });
    const check = (request: GateRequest, positions: Record<string, number> = {}) => gate.check(request, factsNow(positions), clock.now);
    const seen = (request: Checked) => gate.inputs(request, factsNow(), clock.now, check(request)!);
    return { bus, clock, venueNow, latches, quote, check, seen };
  }

  const buySpy: Checked = { action: 'place', orders: [gateOrder('buy', 10, SPY, 499)], source: 'ticket' };
  const sellSpy: GateRequest = { action: 'place', orders: [gateOrder('sell', 10, SPY, 501)], source: 'ticket' };
  const reset = (latches: BreakerLatches, input: Parameters<BreakerLatches['reset']>[0]) => latches.reset(input, 'trader via test').then(() => null, (error: unknown) => error);

  test('losing a connection that was ready trips the connection breaker with a time and a reason; an engine that starts disconnected does not', () => {
    const cold = setUp({ venue: { venueReady: false, reconciled: false } });
    cold.bus.publish('venueOrderReadinessChanged', lost(0));
    expect(cold.latches.connection, 'not connected yet at start-up: nothing was lost').toBeNull();
    expect(cold.latches.view('connection')).toMatchObject({ tripped: false, condition: expect.stringMatching(/still not ready/) });

    const { bus, clock, latches } = setUp();
    clock.now += 1_000;
    bus.publish('venueOrderReadinessChanged', lost(7));
    expect(latches.connection).toEqual({ at: clock.now, reason: expect.stringMatching(/^the IB connection was lost \(session 7 ended\)/) });
    bus.publish('venueOrderReadinessChanged', back(8));
    expect(latches.connection, 'reconnecting does not clear it').not.toBeNull();
  });

  test('while the connection breaker is tripped new orders and changes are refused BREAKER_TRIPPED; an order that only shrinks a position and cancels pass', () => {
    const { bus, check, seen } = setUp();
    expect(check(buySpy)).toBeNull();
    bus.publish('venueOrderReadinessChanged', lost());
    bus.publish('venueOrderReadinessChanged', back());
    const denial = check(buySpy);
    expect(denial).toMatchObject({ code: 'BREAKER_TRIPPED', message: expect.stringMatching(/^The connection breaker tripped at 2025-03-03 10:00:00 New York time \(the IB connection was lost.*\): no new order is sent until a trader resets it \(.*resetBreaker connection, confirmed\)/) });
    expect(check({ action: 'modify', orderId: 4, order: gateOrder('buy', 5, SPY, 499) })).toMatchObject({ code: 'BREAKER_TRIPPED', message: expect.stringMatching(/no order is changed/) });
    expect(check(sellSpy, { SPY: 100 }), 'selling part of a long position').toBeNull();
    expect(check({ action: 'cancel', orderId: 4 })).toBeNull();
    expect(seen(buySpy), 'the denial’s audit shows the trip').toMatchObject({ breakers: { connection: { reason: expect.stringMatching(/IB connection was lost/) }, staleData: { symbol: 'SPY', trip: null } } });
  });

  test('a configured symbol whose quote goes stale in the regular session trips its own stale-data breaker; the others still trade', () => {
    const { clock, latches, quote, check } = setUp();
    quote('SPY');
    quote('QQQ');
    clock.now += 3_000;
    quote('QQQ');
    clock.now += 3_000;
    quote('QQQ');
    latches.checkQuotes();
    latches.checkQuotes();
    expect(latches.stale('SPY')).toEqual({ at: clock.now, reason: 'no quote for SPY for 6 s, more than the 5 s allowed (risk.maxStaleDataSeconds)' });
    expect(latches.stale('QQQ')).toBeNull();
    expect(check(buySpy)).toMatchObject({ code: 'BREAKER_TRIPPED', message: expect.stringMatching(/^The stale-data breaker for SPY tripped at .*: no new order is sent for SPY until a trader resets it/) });
    expect(check(sellSpy, { SPY: 100 }), 'closing out does not depend on data').toBeNull();
  });

  test('a symbol trips when two checks in a row find it stale with no quote between; the engine’s own stall does not trip it', () => {
    const { clock, latches, quote } = setUp({ calendar: 'always-open' });
    quote('SPY');
    clock.now += 7_000; // the engine held its thread for 7 s: the timer runs before the quotes waiting in the socket
    latches.checkQuotes();
    expect(latches.stale('SPY'), 'one look after a stall').toBeNull();
    quote('SPY'); // …which are read right after
    clock.now += 1_000;
    latches.checkQuotes();
    expect(latches.stale('SPY'), 'the quotes were there').toBeNull();

    clock.now += 6_000;
    latches.checkQuotes();
    clock.now += 1_000;
    latches.checkQuotes();
    expect(latches.stale('SPY')?.reason).toMatch(/no quote for SPY for 8 s/);
  });

  test('with the NYSE calendar quiet quotes outside the regular session, and in the first seconds after the open, do not trip; with always-open they do', () => {
    const evening = setUp({ now: etToUtc('2025-03-03', 17, 0) });
    evening.quote('SPY', etToUtc('2025-03-03', 16, 0));
    evening.latches.checkQuotes();
    evening.latches.checkQuotes();
    expect(evening.latches.stale('SPY'), 'an hour after the close').toBeNull();

    const opening = setUp({ now: etToUtc('2025-03-04', 9, 30) + 3_000 });
    opening.quote('SPY', etToUtc('2025-03-03', 16, 0));
    opening.latches.checkQuotes();
    opening.latches.checkQuotes();
    expect(opening.latches.stale('SPY'), 'yesterday’s last quote, 3 s after the open').toBeNull();
    opening.clock.now += 3_000;
    opening.latches.checkQuotes();
    opening.latches.checkQuotes();
    expect(opening.latches.stale('SPY'), 'still no quote 6 s after the open').not.toBeNull();

    const always = setUp({ calendar: 'always-open', now: etToUtc('2025-03-01', 12, 0) }); // a Saturday
    always.quote('SPY', always.clock.now - 10_000);
    always.latches.checkQuotes();
    always.latches.checkQuotes();
    expect(always.latches.stale('SPY')).not.toBeNull();
  });

  test('a symbol never quoted, one not configured, and quotes stalled while the connection is down do not trip the stale-data breaker', () => {
    const { bus, clock, latches, quote } = setUp();
    quote('IWM');
    clock.now += 60_000;
    latches.checkQuotes();
    latches.checkQuotes();
    expect(latches.view('staleData')).toMatchObject({ tripped: false, symbols: [] });

    quote('SPY');
    bus.publish('venueOrderReadinessChanged', lost());
    clock.now += 60_000;
    latches.checkQuotes();
    latches.checkQuotes();
    bus.publish('venueOrderReadinessChanged', back());
    quote('SPY');
    expect(latches.stale('SPY'), 'the connection breaker covers that gap').toBeNull();
    expect(latches.connection).not.toBeNull();
  });

  test('a reset is refused unless confirmed and while the connection is still down or not reconciled; then it clears the latch and orders pass', async () => {
    const { bus, venueNow, latches, check } = setUp();
    bus.publish('venueOrderReadinessChanged', lost());
    venueNow.current = { venueReady: false, reconciled: false };
    expect(await reset(latches, { name: 'connection', confirmed: false, reason: 'back' })).toMatchObject({ code: 'REFUSED', reason: 'NOT_CONFIRMED', message: expect.stringMatching(/confirmed: true/) });
    const down = await reset(latches, { name: 'connection', confirmed: true, reason: 'back' });
    expect(down).toBeInstanceOf(ContractError);
    expect(down).toMatchObject({ code: 'REFUSED', reason: 'VENUE_NOT_READY', message: 'The connection breaker cannot be reset yet: the broker connection is still not ready (disconnected, or its next order id not known yet).' });
    venueNow.current = { venueReady: true, reconciled: false };
    expect(await reset(latches, { name: 'connection', confirmed: true, reason: 'back' })).toMatchObject({ reason: 'NOT_RECONCILED' });
    expect(latches.view('connection')).toMatchObject({ tripped: true, resettable: false });

    venueNow.current = READY;
    expect(latches.view('connection')).toMatchObject({ tripped: true, resettable: true, condition: null });
    expect(await reset(latches, { name: 'connection', confirmed: true, reason: 'gateway restarted, positions checked' })).toBeNull();
    expect(latches.view('connection')).toMatchObject({ tripped: false, trippedAt: null, reason: null, resettable: false });
    expect(check(buySpy)).toBeNull();
    expect(await reset(latches, { name: 'connection', confirmed: true, reason: 'again' })).toMatchObject({ code: 'REFUSED', message: 'The connection breaker is not tripped: there is nothing to reset.' });
  });

  test('a stale-data reset is refused while the quote is still stale and clears the symbol once it is fresh; without a symbol it clears every blocked symbol', async () => {
    const { clock, latches, quote, check } = setUp();
    quote('SPY');
    quote('QQQ');
    clock.now += 6_000;
    latches.checkQuotes();
    latches.checkQuotes();
    expect(latches.view('staleData')).toMatchObject({ tripped: true, resettable: false, symbols: [{ symbol: 'SPY', resettable: false }, { symbol: 'QQQ', resettable: false }] });
    expect(await reset(latches, { name: 'staleData', symbol: 'SPY', confirmed: true, reason: 'feed back' })).toMatchObject({
      code: 'REFUSED', reason: 'STALE_DATA', message: 'The stale-data breaker for SPY cannot be reset yet: the last quote for SPY is 6 s old, more than the 5 s allowed (risk.maxStaleDataSeconds).',
    });
    quote('SPY');
    expect(await reset(latches, { name: 'staleData', symbol: 'SPY', confirmed: true, reason: 'feed back' })).toBeNull();
    expect(check(buySpy)).toBeNull();
    expect(latches.view('staleData')).toMatchObject({ tripped: true, symbols: [{ symbol: 'QQQ' }] });

    quote('QQQ');
    expect(await reset(latches, { name: 'staleData', confirmed: true, reason: 'all fresh' })).toBeNull();
    expect(latches.view('staleData')).toMatchObject({ tripped: false, symbols: [] });
    expect(await reset(latches, { name: 'connection', symbol: 'SPY', confirmed: true, reason: 'x' })).toMatchObject({ code: 'BAD_REQUEST' });
  });

  test('resetBreaker takes only the latched breakers: asked for a loss breaker it says to leave the trading state instead', () => {
    const parsed = resetBreakerInput.safeParse({ name: 'dailyLoss', confirmed: true, reason: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('name must be connection or staleData (the loss and rejection breakers are left with setTradingState)');
    expect(resetBreakerInput.parse({ name: 'staleData', symbol: 'SPY', reason: 'feed back' })).toEqual({ name: 'staleData', symbol: 'SPY', confirmed: false, reason: 'feed back' });
  });
});
