import type { TechnicalsBySymbol } from '../../../../core/contract/contract';
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
