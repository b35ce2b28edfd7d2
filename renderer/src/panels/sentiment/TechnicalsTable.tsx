import type { TechnicalsBySymbol } from '../../../../core/contract/contract';
import { formatAsOf } from '../../feeds/useAlphaVantageFreshness';
import { formatMarketTime } from '../../format/marketTime';
import { formatNumber } from '../../format/numbers';

const order = [
  ['rsi', 'RSI'],
  ['macd', 'MACD'],
  ['bbands', 'Bollinger'],
  ['atr', 'ATR'],
] as const;

const signalClass = (signal: string) => (/bull/.test(signal) ? 'up' : /bear/.test(signal) ? 'down' : /overbought|oversold|elevated|squeeze|expansion/.test(signal) ? 'warn' : 'muted');
const signalMark = (signal: string) => (/bull/.test(signal) ? '▲ ' : /bear/.test(signal) ? '▼ ' : /normal|neutral/.test(signal) ? '· ' : '! ');
const valueLabel = (label: string) => label.replace(/^Real /, '').replace(/^MACD_/, '').replace(/ Band$/, '');

type Snapshot = NonNullable<TechnicalsBySymbol['rsi']>;

/** A series not current by its own newest point says so: delayed 15 minutes, or stopped at an earlier session. */
function TimelinessTag({ snapshot, name }: { snapshot: Snapshot; name: string }) {
  if (snapshot.timeliness === 'delayed') {
    return (
      <span className="pill technical-timeliness" data-testid={`technical-${name}-timeliness`} title="Alpha Vantage's 15-minute delayed data">
        DELAYED 15 min
      </span>
    );
  }
  if (snapshot.timeliness !== 'behind') return null;
  return (
    <span
      className="pill stale technical-timeliness"
      data-testid={`technical-${name}-timeliness`}
      title="The newest point is from an earlier session: end-of-day data (the plan, or alphaVantage.entitlement, gives no current intraday data)"
    >
      END OF DAY — as of {formatAsOf(snapshot.dataAsOf ?? snapshot.latest.ts)}
    </span>
  );
}

/** Latest value of each indicator, and under it the engine's reading of it. */
export function TechnicalsTable({ technicals }: { technicals: TechnicalsBySymbol | undefined }) {
  return (
    <div className="technicals" data-testid="technicals-table">
      {order.map(([key, name]) => {
        const snapshot = technicals?.[key];
        return (
          <div key={key} className="technical" data-testid={`technical-${key}`}>
            <div className="technical-line">
              <span className="strong technical-name">{name}</span>
              <span className="num technical-values">
                {snapshot
                  ? Object.entries(snapshot.latest.values)
                      .map(([label, value]) => `${valueLabel(label)} ${formatNumber(value, Math.abs(value) < 1 ? 4 : 2)}`)
                      .join(' · ')
                  : '—'}
              </span>
              <span className="num muted">{snapshot ? `${snapshot.interval} ${formatMarketTime(snapshot.latest.ts)}` : ''}</span>
              {snapshot && <TimelinessTag snapshot={snapshot} name={key} />}
            </div>
            <div className={`technical-reading ${signalClass(snapshot?.interpretation.signal ?? '')}`} data-testid={`technical-${key}-reading`}>
              {snapshot ? `${signalMark(snapshot.interpretation.signal)}${snapshot.interpretation.text}` : 'waiting…'}
            </div>
          </div>
        );
      })}
    </div>
  );
}
