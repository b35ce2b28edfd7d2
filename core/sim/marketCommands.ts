import type { SimAggressor, MarketEpisode } from './market/marketFeed';

/** A feed that takes a sweep on request: the seeded model (a replay plays only what was recorded). */
interface SweepInjector {
  injectSweep(symbol: string, aggressor: SimAggressor, levels: number): MarketEpisode | null;
}

const canInject = (feed: object): feed is SweepInjector => typeof (feed as Partial<SweepInjector>).injectSweep === 'function';

/**
 * One line typed at the `npm run sim` console that acts on the market itself, e.g. `sweep SPY buy 4`; null when the
 * line is not a market command. The answer names what happened as JSON, so a harness can check for it.
 */
export function runMarketCommand(feed: object, line: string): string | null {
  const [cmd, symbol = '', side = '', levelsText = '4'] = line.trim().split(/\s+/);
  if (cmd !== 'sweep') return null;
  if (!canInject(feed)) return 'sweep: only the seeded model takes sweeps on request, not a replay';
  const levels = Number(levelsText);
  if (side !== 'buy' && side !== 'sell') return `sweep: side must be buy or sell, got "${side}"`;
  if (!Number.isInteger(levels) || levels < 1 || levels > 20) return `sweep: levels must be 1..20, got "${levelsText}"`;
  const episode = feed.injectSweep(symbol.toUpperCase(), side, levels);
  if (!episode) return `sweep: ${symbol} has nothing to sweep (unknown symbol, halted, or an empty ${side === 'buy' ? 'ask' : 'bid'} side)`;
  return `sweep ${JSON.stringify({ symbol: episode.symbol, ...episode.detail })}`;
}
