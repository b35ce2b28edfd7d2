export { AlphaVantageIngestModule, type AlphaVantageIngestOptions } from './alphaVantageIngestModule';
export type { AlphaVantageTuning } from './ingestTuning';
export type { IngestSymbol } from './refreshPlan';
export type { CallClass, DataType } from './callClasses';
