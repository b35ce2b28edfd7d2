import type { AlphaVantageStatus } from '../../contract/alphaVantageStatus';
import type { SentimentSnapshot } from '../../market/sentiment';
import type { Indicator, TechnicalSnapshot } from '../../market/technicals';
import type { EncodedOptions } from './chainColumns';

/**
 * Where the venue keeps what it fetched, given by the app (core/store/alphaVantageStore, Redis). A refresh counts as
 * done only once its data is stored: the success time is what decides the next fetch, and after a restart the
 * stored success times and data are read back, so data is never fetched again while it is fresh, nor claimed that
 * is not there. So storing is a call the venue awaits, not a bus event; what was stored is then published on the bus.
 */
export interface AlphaVantageStorage {
  writeEncodedOptions(symbol: string, encoded: EncodedOptions): Promise<void>;
  writeSentiment(snapshot: SentimentSnapshot): Promise<void>;
  writeTechnical(snapshot: TechnicalSnapshot): Promise<void>;
  /** The stored chain document (chainColumns), or null. */
  readChainDocument(symbol: string): Promise<string | null>;
  /** The first `bytes` of the stored chain document (its head: chainColumns.decodeChainHead), or null. */
  readChainHead(symbol: string, bytes: number): Promise<string | null>;
  readSentiment(symbol: string): Promise<SentimentSnapshot | null>;
  readTechnical(symbol: string, indicator: Indicator): Promise<TechnicalSnapshot | null>;
  /** "symbol:dataType" → epoch ms of its last stored refresh. */
  readLastSuccess(): Promise<Record<string, string>>;
  /** What the plan was seen to lack (monitoring:api:av:plan), to restore after a restart. */
  readPlan(): Promise<Record<string, string>>;
  /** Budget, errors and freshness for monitoring. */
  writeStatus(status: AlphaVantageStatus): Promise<void>;
}
