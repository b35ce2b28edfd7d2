import type { Indicator } from '../../market/technicals';

export interface IndicatorSpec {
  /** AV's function name, also the suffix of its series key ("Technical Analysis: RSI"). */
  fn: string;
  params: Record<string, string>;
  /** AV's value names → the names stored. */
  fields: Record<string, string>;
}

/** What is asked for each indicator (interval is per deployment, see TechnicalsOptions). */
export const INDICATOR_SPECS: Record<Indicator, IndicatorSpec> = {
  rsi: { fn: 'RSI', params: { time_period: '14', series_type: 'close' }, fields: { RSI: 'rsi' } },
  macd: {
    fn: 'MACD',
    params: { series_type: 'close', fastperiod: '12', slowperiod: '26', signalperiod: '9' },
    fields: { MACD: 'macd', MACD_Signal: 'signal', MACD_Hist: 'histogram' },
  },
  bbands: {
    fn: 'BBANDS',
    params: { time_period: '20', series_type: 'close', nbdevup: '2', nbdevdn: '2' },
    fields: { 'Real Upper Band': 'upper', 'Real Middle Band': 'middle', 'Real Lower Band': 'lower' },
  },
  atr: { fn: 'ATR', params: { time_period: '14' }, fields: { ATR: 'atr' } },
};
