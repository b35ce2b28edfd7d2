/**
 * Plays a replay source through the decision loop on one market clock. Between two moments of market time the loop
 * lets everything the last moment started finish (proposal ids, the risk pre-check, automatic approval and the
 * order's placement are promises) before the clock moves, then fills what the paper venue can fill; once a second of
 * market time it runs what the live engine runs on timers (VPIN's quiet-bar clock, sweep bursts gone quiet, proposal
 * expiry). The same source and settings therefore give the same proposals, at any speed.
 */
import type { AppConfig } from '../../config/configSchema';
import { nyseSession } from '../../market/marketCalendar';
import { addDays, etDate, etToUtc } from '../../market/newYorkTime';
import { paceWaitMs, ReplayClock } from './replayClock';
import { wireReplay, type ReplayEngine } from './replayEngine';
import { ReplayReport, type ProposalLine, type StrategyResult } from './replayReport';
import type { ReplaySource } from './replaySource';

export interface ReplayResult {
  source: string;
  startTs: number;
  endTs: number;
  events: number;
  /** Wall-clock time the replay took, ms. */
  wallMs: number;
  /** Every strategy the replay ran, with its automation limits (proposals are approved as automation 'auto' would). */
  strategies: Array<StrategyResult & { symbols: readonly string[]; maxQuantity: number; maxOrdersPerHour: number }>;
  proposals: ProposalLine[];
  problems: string[];
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runReplay(source: ReplaySource, config: AppConfig, speed: number): Promise<ReplayResult> {
  const clock = new ReplayClock(source.startTs);
  const engine = wireReplay(config, clock, source.symbols.map((s) => ({ symbol: s.symbol, level2: s.level2 })));
  const report = new ReplayReport(engine.bus, engine.market, engine.history);
  await engine.start();
  const wallStart = performance.now();
  let events = 0;
  let second = Math.floor(source.startTs / 1000);
  let close = nextClose(source.startTs);
  for (const event of source.events()) {
    if (event.t > clock.now()) {
      await settle(engine);
      if (event.t >= close) {
        closingCross(engine);
        await settle(engine);
        close = nextClose(event.t);
      }
      const wait = paceWaitMs(event.t - source.startTs, performance.now() - wallStart, speed);
      if (wait >= 1) await sleep(wait);
      clock.advanceTo(event.t);
      if (Math.floor(event.t / 1000) !== second) {
        second = Math.floor(event.t / 1000);
        onSecond(engine, event.t);
      }
    }
    engine.market.play(event);
    events++;
  }
  await settle(engine);
  // A session played to its close (its last event within a second of it) has its closing auction too.
  if (close - clock.now() <= 1_000) {
    clock.advanceTo(close);
    closingCross(engine);
    await settle(engine);
  }
  engine.queue.expireAll('the replay ended');
  await settle(engine);
  const wallMs = performance.now() - wallStart;
  const strategies = report.strategies(engine.strategies.map((s) => s.name)).map((result, i) => {
    const { symbols, limits } = engine.strategies[i]!;
    return { ...result, symbols, maxQuantity: limits.maxQuantity, maxOrdersPerHour: limits.maxOrdersPerHour };
  });
  const result: ReplayResult = { source: source.name, startTs: source.startTs, endTs: clock.now(), events, wallMs, strategies, proposals: report.lines(), problems: engine.problems };
  report.stop();
  await engine.stop();
  return result;
}

/** The closing auction fills MOC and LOC orders at the close's price (the last trade before it). */
function closingCross(engine: ReplayEngine): void {
  engine.venue.closingCross((instrument) => engine.market.closePrice(instrument));
}

/** The first session close after ts (a week ahead at most: past weekends and holidays). */
export function nextClose(ts: number): number {
  for (let day = 0, date = etDate(ts); day < 8; day++, date = addDays(date, 1)) {
    const session = nyseSession(etToUtc(date, 12));
    if (session && session.close > ts) return session.close;
  }
  return Infinity;
}

/** What the last moment started finishes, then the paper venue fills what the market reached. */
async function settle(engine: ReplayEngine): Promise<void> {
  await nextTurn();
  engine.venue.match();
  await nextTurn();
}

function onSecond(engine: ReplayEngine, now: number): void {
  engine.vpin?.clockTick(now);
  engine.sweeps.closeQuietBursts(now);
  engine.queue.tick();
}
