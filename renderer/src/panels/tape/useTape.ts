import { useEffect, useState } from 'react';
import type { Trade } from '../../../../core/contract/contract';
import { FeedHub } from '../../feeds/feedHub';
import { atNextBoundary } from '../../feeds/alignedTimer';
import { useFeedHub } from '../../feeds/useFeed';
import { mergePrints } from './tapeBuffer';

interface Tape {
  trades: Trade[];
  receivedAt: number | null;
  asOf: number | null;
  /** When the prints stream was resubscribed after a sequence gap (FeedEvent.resyncedAt). */
  resyncedAt: number | null;
}

/** The symbol's prints since the panel opened (newest first, at most `keep`, redrawn at most every `redrawMs`). */
export function useTape(symbol: string, keep: number, redrawMs: number): Tape {
  const hub = useFeedHub();
  const [tape, setTape] = useState<Tape & { symbol: string }>({ symbol, trades: [], receivedAt: null, asOf: null, resyncedAt: null });
  useEffect(() => {
    const key = FeedHub.key('prints', { symbol });
    const take = () => {
      const event = hub.latest<'prints'>(key);
      if (!event) return;
      setTape((current) => {
        const base = current.symbol === symbol ? current.trades : [];
        return { symbol, trades: mergePrints(base, event.value, keep), receivedAt: event.receivedAt, asOf: event.asOf, resyncedAt: event.resyncedAt };
      });
    };
    // At most every redrawMs, on the wall clock's boundaries with the other throttled panel updates.
    let cancelTimer: (() => void) | null = null;
    const stop = hub.watch('prints', { symbol }, () => {
      cancelTimer ??= atNextBoundary(redrawMs, () => {
        cancelTimer = null;
        take();
      });
    });
    take();
    return () => {
      cancelTimer?.();
      stop();
    };
  }, [hub, symbol, keep, redrawMs]);
  return tape.symbol === symbol ? tape : { trades: [], receivedAt: null, asOf: null, resyncedAt: null };
}
