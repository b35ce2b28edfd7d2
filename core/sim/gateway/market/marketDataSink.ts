import type { FrameWriter } from '../wire/frameWriter';

/** A session as market-data streams see it: a writer for one frame at a time, or nothing when data must be dropped. */
export interface MarketDataSink {
  /** The writer for the next market-data frame, or undefined while data is paused or the client is backed up. */
  mdWriter(): FrameWriter | undefined;
  /** Marks the frame begun on mdWriter() as complete. */
  mdDone(): void;
}
