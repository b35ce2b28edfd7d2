import { useEffect, useState } from 'react';
import type { Trade } from '../../../../core/host/contract';
import { FeedHub } from '../../feeds/feedHub';
import { useFeedHub } from '../../feeds/useFeed';
import { mergePrints } from './tapeBuffer';

/** The symbol's prints since the panel opened (newest first, at most `keep`, redrawn at most every `redrawMs`). */
export function useTape(symbol: string, keep: number, redrawMs: number): { trades: Trade[]; receivedAt: number | null; asOf: number | null } {
  const hub = useFeedHub();
  const [tape, setTape] = useState<{ symbol: string; trades: Trade[]; receivedAt: number | null; asOf: number | null }>({
    symbol,
    trades: [],
    receivedAt: null,
    asOf: null,
  });
  useEffect(() => {
    const key = FeedHub.key('prints', { symbol });
    const take = () => {
      const event = hub.latest<'prints'>(key);
      if (!event) return;
      setTape((current) => {
        const base = current.symbol === symbol ? current.trades : [];
        return { symbol, trades: mergePrints(base, event.value, keep), receivedAt: event.receivedAt, asOf: event.asOf };
      });
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = hub.watch('prints', { symbol }, () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        take();
      }, redrawMs);
    });
    take();
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [hub, symbol, keep, redrawMs]);
  return tape.symbol === symbol ? tape : { trades: [], receivedAt: null, asOf: null };
}
