import type { AlphaVantagePlanStatus, FreshnessEntry } from '../../contract/alphaVantageStatus';
import { describeResume, type DailyCapPause } from './dailyCapPause';
import type { OptionsEntitlement } from './optionsEntitlement';

/** Functions the plan refused as premium, and tickers the news feed does not cover, as answers have shown them. */
export class PlanFindings {
  private readonly premium = new Set<string>();
  private readonly notCovered = new Set<string>();

  premiumRefused(fn: string): void {
    this.premium.add(fn);
  }

  notCoveredTicker(ticker: string): void {
    this.notCovered.add(ticker);
  }

  /** A function or ticker answered with data again: the finding no longer holds. */
  served(fn: string, ticker?: string): void {
    this.premium.delete(fn);
    if (ticker !== undefined) this.notCovered.delete(ticker);
  }

  get premiumFunctions(): string[] {
    return [...this.premium].sort();
  }

  get notCoveredTickers(): string[] {
    return [...this.notCovered].sort();
  }
}

export interface PlanInputs {
  findings: PlanFindings;
  entitlement: OptionsEntitlement;
  pause: DailyCapPause;
  /** The `entitlement=` setting sent on intraday indicators. */
  intraday: 'realtime' | 'delayed';
  freshness: readonly FreshnessEntry[];
}

const list = (items: readonly string[]) => items.join(', ');

/** What the key's plan allows and, in a trader's words, what it lacks, what is shown instead and when calls resume. */
export function planStatus(inputs: PlanInputs, now: number): AlphaVantagePlanStatus {
  const options = inputs.entitlement.view();
  const paused = inputs.pause.view(now);
  const notices: string[] = [];
  if (paused) notices.push(dailyCapNotice(paused.answer, paused.pausedUntil));
  if (options.realtimeOptions === 'not_entitled') {
    const shown = options.fallback === 'historical'
      ? "Option chains show the previous session's close (HISTORICAL_OPTIONS), labelled as such."
      : 'No option chains are shown (alphaVantage.optionsFallback is none).';
    const recheck = options.nextCheckAt === null ? '' : ` Checked again at ${describeResume(options.nextCheckAt)}.`;
    notices.push(`Your Alpha Vantage plan does not include realtime options: they need the 600 or 1200 requests/min premium plan. ${shown}${recheck}`);
  }
  const premium = inputs.findings.premiumFunctions;
  if (premium.length > 0) notices.push(`Your Alpha Vantage plan does not include ${list(premium)} (premium functions): not shown. Checked again hourly.`);
  const notCovered = inputs.findings.notCoveredTickers;
  if (notCovered.length > 0) notices.push(`Alpha Vantage's news feed does not cover ${list(notCovered)}: no news sentiment for ${notCovered.length === 1 ? 'it' : 'them'}.`);
  const behind = inputs.freshness.filter((f) => f.timeliness === 'behind');
  if (behind.length > 0) notices.push(behindNotice(behind, inputs.intraday));
  return {
    realtimeOptions: options.realtimeOptions, optionsFallback: options.fallback,
    realtimeOptionsRefusedAt: options.refusedAt, realtimeOptionsRecheckAt: options.nextCheckAt,
    callsPausedUntil: paused?.pausedUntil ?? null, dailyCapAnswer: paused?.answer ?? null, premiumFunctions: premium, notCovered, entitlement: inputs.intraday, notices,
  };
}

function dailyCapNotice(answer: string, pausedUntil: number): string {
  const perDay = /(\d[\d,]*)\s+(?:requests|calls)\s+per\s+day/i.exec(answer)?.[1];
  const allowance = perDay ? ` (this key allows ${perDay} requests a day)` : '';
  return `Alpha Vantage's daily limit for this API key is used up${allowance}. All Alpha Vantage calls are paused until ${describeResume(pausedUntil)}; the data shown ages until then.`;
}

function behindNotice(behind: readonly FreshnessEntry[], intraday: 'realtime' | 'delayed'): string {
  const names = [...new Set(behind.map((f) => `${f.symbol} ${f.dataType.toUpperCase()}`))];
  const shown = names.length > 4 ? `${list(names.slice(0, 4))} and ${names.length - 4} more` : list(names);
  return `Intraday technicals stop at an earlier session (end-of-day data), not now: ${shown}. Your plan may not include ${intraday} intraday data (alphaVantage.entitlement is ${intraday}).`;
}
