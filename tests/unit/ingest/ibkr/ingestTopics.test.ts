import { describe, expect, it } from 'vitest';
import { IngestTopics } from '../../../../core/ingest/ibkr/ingestTopics';
import type { SweepEvent } from '../../../../core/ingest/ibkr/sweepTracker';

describe('ingestion topics', () => {
  it('delivers every sweep, even two in the same millisecond (sweeps are events, not latest values)', () => {
    const topics = new IngestTopics(() => undefined, []);
    const seen: SweepEvent[] = [];
    topics.sweeps.subscribe((sweep) => seen.push(sweep));
    const now = Date.now();
    const first = { symbol: 'SPY', detectedAt: now } as SweepEvent;
    const second = { symbol: 'QQQ', detectedAt: now } as SweepEvent;
    topics.publishSweep(first);
    topics.publishSweep(second);
    expect(seen).toEqual([first, second]);
    topics.stop();
  });
});
