import type { SimAggressor, MarketEpisode } from './market/marketFeed';

/** A feed that takes episodes on request: the seeded model (a replay plays only what was recorded). */
interface EpisodeInjector {
  injectSweep(symbol: string, aggressor: SimAggressor, levels: number): MarketEpisode | null;
  injectInformedFlow(symbol: string, side: SimAggressor, durationMs: number, moveBps?: number): MarketEpisode | null;
  injectUnusualOptions(occId: string, contracts: number, durationMs: number): MarketEpisode | null;
}

const canInject = (feed: object): feed is EpisodeInjector => typeof (feed as Partial<EpisodeInjector>).injectSweep === 'function';

/**
 * One line typed at the `npm run sim` console that acts on the market itself, e.g. `sweep SPY buy 4` or
 * `informed SPY sell 300`; null when the line is not a market command. The answer names what happened as JSON, so a
 * harness can check for it.
 */
export function runMarketCommand(feed: object, line: string): string | null {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'uoa') return unusualOptions(feed, words);
  const [cmd, symbol = '', side = '', amount] = words;
  if (cmd !== 'sweep' && cmd !== 'informed') return null;
  if (!canInject(feed)) return `${cmd}: only the seeded model takes ${cmd === 'sweep' ? 'sweeps' : 'informed flow'} on request, not a replay`;
  if (side !== 'buy' && side !== 'sell') return `${cmd}: side must be buy or sell, got "${side}"`;
  return cmd === 'sweep' ? sweep(feed, symbol.toUpperCase(), side, amount ?? '4') : informed(feed, symbol.toUpperCase(), side, amount ?? '300');
}

function sweep(feed: EpisodeInjector, symbol: string, side: SimAggressor, levelsText: string): string {
  const levels = Number(levelsText);
  if (!Number.isInteger(levels) || levels < 1 || levels > 20) return `sweep: levels must be 1..20, got "${levelsText}"`;
  const episode = feed.injectSweep(symbol, side, levels);
  if (!episode) return `sweep: ${symbol} has nothing to sweep (unknown symbol, halted, or an empty ${side === 'buy' ? 'ask' : 'bid'} side)`;
  return `sweep ${JSON.stringify({ symbol: episode.symbol, ...episode.detail })}`;
}

/** `informed SPY buy 300`: a burst of mostly buys for 300 seconds of market time, then the news moves the price. */
function informed(feed: EpisodeInjector, symbol: string, side: SimAggressor, secondsText: string): string {
  const seconds = Number(secondsText);
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 3600) return `informed: seconds must be 10..3600, got "${secondsText}"`;
  const episode = feed.injectInformedFlow(symbol, side, seconds * 1000);
  if (!episode) return `informed: ${symbol} takes no informed flow now (unknown symbol, halted, or informed flow already running)`;
  return `informed ${JSON.stringify({ symbol: episode.symbol, startTs: episode.startTs, endTs: episode.endTs, ...episode.detail })}`;
}

/**
 * `uoa SPY250117C00600000 5000 2`: that many contracts traded in one listed option over the next minutes (default 2),
 * at any hour (before the open they add to the last session's volume).
 */
function unusualOptions(feed: object, [, occId = '', contractsText = '', minutesText = '2']: string[]): string {
  if (!canInject(feed)) return 'uoa: only the seeded model takes unusual activity on request, not a replay';
  const contracts = Number(contractsText);
  const minutes = Number(minutesText);
  if (!Number.isInteger(contracts) || contracts < 1) return `uoa: contracts must be a whole number above 0, got "${contractsText}"`;
  if (!(minutes > 0 && minutes <= 390)) return `uoa: minutes must be above 0 and at most 390, got "${minutesText}"`;
  const episode = feed.injectUnusualOptions(occId.toUpperCase(), contracts, minutes * 60_000);
  if (!episode) return `uoa: ${occId} is not a contract listed today`;
  return `uoa ${JSON.stringify({ symbol: episode.symbol, ...episode.detail, endTs: episode.endTs })}`;
}
