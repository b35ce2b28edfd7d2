import { callClassOf, type CallClass, type DataType } from './callClasses';
import { INDICATORS } from '../../market/technicals';

export interface IngestSymbol {
  symbol: string;
  /** ETFs get no news sentiment from AV, so none is asked for. */
  etf: boolean;
  /** Fetched first at start-up and ahead of others in its class. */
  priority: boolean;
}

export interface RefreshWindows {
  optionsMs: number;
  sentimentMs: number;
  technicalsMs: number;
}

export interface RefreshItem {
  symbol: string;
  dataType: DataType;
  callClass: CallClass;
  prioritySymbol: boolean;
  /** Data younger than this is not fetched again. */
  windowMs: number;
  /** Start-up stagger: first attempt this long after start. */
  startOffsetMs: number;
}

/**
 * Everything to keep fresh, in start-up order: chains, then sentiment (single names only), then technicals;
 * within each, priority symbols first. The n-th item first becomes due n × stagger after start.
 */
export function refreshPlan(symbols: readonly IngestSymbol[], windows: RefreshWindows, staggerMs: number): RefreshItem[] {
  const ordered = [...symbols.filter((s) => s.priority), ...symbols.filter((s) => !s.priority)];
  const wanted: Array<[IngestSymbol, DataType]> = [
    ...ordered.map((s): [IngestSymbol, DataType] => [s, 'options']),
    ...ordered.filter((s) => !s.etf).map((s): [IngestSymbol, DataType] => [s, 'sentiment']),
    ...ordered.flatMap((s) => INDICATORS.map((i): [IngestSymbol, DataType] => [s, i])),
  ];
  return wanted.map(([s, dataType], index) => {
    const callClass = callClassOf(dataType);
    const windowMs = callClass === 'options' ? windows.optionsMs : callClass === 'sentiment' ? windows.sentimentMs : windows.technicalsMs;
    return { symbol: s.symbol, dataType, callClass, prioritySymbol: s.priority, windowMs, startOffsetMs: index * staggerMs };
  });
}
