/**
 * 14+ DTE swing: a longer-dated option in the direction of the daily trend, when momentum, price and news agree.
 *
 * Rule: the trend is the sign of the daily MACD histogram (required, from a series no older than `maxTechnicalsAgeMs`);
 * then each of three confirmations counts — RSI on the trend's side of 50 but not stretched (50–`rsiStretched` for
 * up, 100 − `rsiStretched`–50 for down), the last price beyond the Bollinger middle band on the trend's side, and the
 * news sentiment leaning the same way by at least `sentimentScore` over at least `minArticles` articles. With at least
 * `minConfirmations`, buy the option `minDays`–`maxDays` out nearest `targetDelta`.
 * Why: a trend confirmed by momentum that is not exhausted and by the news has room over weeks, which longer-dated
 * options hold through day-to-day noise.
 */
import type { ProposalReason } from '../market/proposal';
import { proposeOption, round, type OptionTrade } from './optionProposal';
import { alreadyInvolved, quiet, type Strategy, type StrategyVerdict } from './strategy';
import type { StrategySnapshot } from './strategySnapshot';

export interface SwingSettings extends OptionTrade {
  fromMinute: number;
  toMinute: number;
  rsiStretched: number;
  sentimentScore: number;
  minArticles: number;
  minConfirmations: number;
  maxTechnicalsAgeMs: number;
}

export const swing: Strategy<SwingSettings> = {
  name: 'swing',
  evaluate(snapshot, settings): StrategyVerdict {
    if (snapshot.marketMinute < settings.fromMinute || snapshot.marketMinute >= settings.toMinute) return quiet('outside the time window');
    const involved = alreadyInvolved(snapshot);
    if (involved) return involved;
    const macd = snapshot.technicals?.macd;
    if (!macd || snapshot.now - macd.asOf > settings.maxTechnicalsAgeMs) return quiet('no recent MACD');
    const histogram = macd.latest.values['histogram'];
    if (histogram === undefined || histogram === 0) return quiet('the MACD histogram gives no direction');
    const up = histogram > 0;
    const reasons: ProposalReason[] = [
      { fact: 'MACD histogram', value: round(histogram, 4), asOf: macd.latest.ts, detail: `${up ? '> 0: up' : '< 0: down'}trend (${macd.interval})` },
      ...confirmations(snapshot, settings, up),
    ];
    const confirmed = reasons.length - 1;
    if (confirmed < settings.minConfirmations) return quiet(`${confirmed} of 3 confirmations (needs ${settings.minConfirmations})`);
    return proposeOption(snapshot, settings, up, reasons, (1 + confirmed) / 4);
  },
};

function confirmations(snapshot: StrategySnapshot, settings: SwingSettings, up: boolean): ProposalReason[] {
  const reasons: ProposalReason[] = [];
  const recent = (asOf: number | undefined) => asOf !== undefined && snapshot.now - asOf <= settings.maxTechnicalsAgeMs;
  const rsi = snapshot.technicals?.rsi;
  const rsiValue = rsi?.latest.values['rsi'];
  if (rsi && recent(rsi.asOf) && rsiValue !== undefined && (up ? rsiValue > 50 && rsiValue < settings.rsiStretched : rsiValue < 50 && rsiValue > 100 - settings.rsiStretched)) {
    reasons.push({ fact: 'RSI', value: round(rsiValue, 1), asOf: rsi.latest.ts, detail: up ? `50–${settings.rsiStretched}: strong, not stretched` : `${100 - settings.rsiStretched}–50: weak, not washed out` });
  }
  const bands = snapshot.technicals?.bbands;
  const middle = bands?.latest.values['middle'];
  const last = snapshot.quote?.last ?? null;
  if (bands && recent(bands.asOf) && middle !== undefined && last !== null && (up ? last > middle : last < middle)) {
    reasons.push({ fact: 'price vs Bollinger middle', value: last, asOf: snapshot.quote!.ts, detail: `${up ? 'above' : 'below'} ${middle}` });
  }
  const news = snapshot.sentiment;
  if (news && recent(news.asOf) && news.articles >= settings.minArticles && (up ? news.score >= settings.sentimentScore : news.score <= -settings.sentimentScore)) {
    reasons.push({ fact: 'news sentiment', value: round(news.score, 3), asOf: news.asOf, detail: `${news.label} over ${news.articles} articles` });
  }
  return reasons;
}
