import { describeKeys, type AvAnswer } from './avAnswer';
import type { Indicator, TechnicalPoint, TechnicalSnapshot } from '../../market/technicals';
import { AvError } from './avError';
import { avNumber } from './avNumbers';
import { parseNewYorkTime } from '../../market/newYorkTime';
import { INDICATOR_SPECS } from './technicalIndicators';
import { interpretIndicator } from './technicalsInterpretation';

export interface ParsedTechnical {
  /** null when the series is empty (off hours, thin symbol): keep the previous one. */
  snapshot: TechnicalSnapshot | null;
  refused: number;
}

/** Meta Data keys are numbered differently per indicator ("3: Last Refreshed", "4: Interval"): read them by text. */
function metaValue(meta: unknown, name: string): string | null {
  if (typeof meta !== 'object' || meta === null) return null;
  for (const [key, value] of Object.entries(meta)) {
    if (key.replace(/^[\d.]+:\s*/, '') === name) return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }
  return null;
}

function readPoint(time: string, row: unknown, fields: Record<string, string>): TechnicalPoint | null {
  const ts = parseNewYorkTime(time);
  if (ts === undefined || typeof row !== 'object' || row === null) return null;
  const values: Record<string, number> = {};
  for (const [avName, name] of Object.entries(fields)) {
    const value = avNumber((row as Record<string, unknown>)[avName]);
    if (value === undefined) return null;
    values[name] = value;
  }
  return { time, ts, values };
}

/** An RSI/MACD/BBANDS/ATR answer: its series newest first (at most `limit` points) with the latest read. */
export function parseTechnical(answer: AvAnswer, symbol: string, indicator: Indicator, asOf: number, limit = 200): ParsedTechnical {
  const spec = INDICATOR_SPECS[indicator];
  const call = `${spec.fn} ${symbol}`;
  const raw = answer[`Technical Analysis: ${spec.fn}`];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AvError('malformed', `${call}: the answer has no "Technical Analysis: ${spec.fn}" series (${describeKeys(answer)})`, false);
  }
  const metaSymbol = metaValue(answer['Meta Data'], 'Symbol');
  if (metaSymbol !== null && metaSymbol.toUpperCase() !== symbol) {
    throw new AvError('malformed', `${call}: the answer is for ${metaSymbol}`, false);
  }
  const entries = Object.entries(raw);
  const series = entries.map(([time, row]) => readPoint(time, row, spec.fields)).filter((p): p is TechnicalPoint => p !== null);
  const refused = entries.length - series.length;
  if (entries.length > 0 && series.length === 0) throw new AvError('validation', `${call}: all ${entries.length} points refused`, false);
  if (series.length === 0) return { snapshot: null, refused };
  series.sort((a, b) => b.ts - a.ts);
  const kept = series.slice(0, limit);
  return {
    snapshot: {
      symbol, indicator, interval: metaValue(answer['Meta Data'], 'Interval') ?? '', asOf,
      lastRefreshed: metaValue(answer['Meta Data'], 'Last Refreshed'),
      series: kept, latest: kept[0]!, interpretation: interpretIndicator(indicator, kept),
    },
    refused,
  };
}
