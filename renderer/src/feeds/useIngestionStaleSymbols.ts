import { useFeed } from './useFeed';

const none: readonly string[] = [];

/** The symbols the IBKR ingestion itself reports stale (no data within the configured staleness). */
export function useIngestionStaleSymbols(): readonly string[] {
  return useFeed('ingestion', {}).event?.value.staleSymbols ?? none;
}
