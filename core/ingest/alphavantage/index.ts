export { AlphaVantageIngestModule, type AlphaVantageIngestOptions } from './alphaVantageIngestModule';
export type { AlphaVantageStatus, CallErrorReport, ValidationReport } from './avMonitor';
export type { AlphaVantageTuning } from './ingestTuning';
export type { TechnicalsBySymbol } from './latestData';
export type { IngestSymbol } from './refreshPlan';
export type * from './avData';
