import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { StreamName, StreamParams, StreamValue } from '../../../core/contract/contract';
import { atNextBoundary } from './alignedTimer';
import { FeedHub, type FeedEvent } from './feedHub';

export const FeedHubContext = createContext<FeedHub | null>(null);

export function useFeedHub(): FeedHub {
  const hub = useContext(FeedHubContext);
  if (!hub) throw new Error('useFeed outside <FeedHubContext.Provider>');
  return hub;
}

export interface FeedState<V> {
  event: FeedEvent<V> | null;
  error: string | null;
}

/**
 * Calls `onChange` at most once per `ms` (the last call always lands), or at once when ms is 0. Delayed calls land
 * on the wall clock's `ms` boundaries, together with every other panel's throttled update (see alignedTimer).
 */
function throttled(onChange: () => void, ms: number): { call: () => void; cancel: () => void } {
  if (ms <= 0) return { call: onChange, cancel: () => undefined };
  let cancelTimer: (() => void) | null = null;
  return {
    call: () => {
      cancelTimer ??= atNextBoundary(ms, () => {
        cancelTimer = null;
        onChange();
      });
    },
    cancel: () => cancelTimer?.(),
  };
}

/**
 * The latest value of a stream (null params = not subscribed), re-rendering only this component on change, at
 * most once per `throttleMs` when given (a watchlist row need not redraw at the ladder's rate).
 */
export function useFeed<S extends StreamName>(stream: S, params: StreamParams<S> | null, throttleMs = 0): FeedState<StreamValue<S>> {
  const hub = useFeedHub();
  const key = params ? FeedHub.key(stream, params) : null;
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!params || !key) return () => undefined;
      const notify = throttled(onChange, throttleMs);
      const stop = hub.watch(stream, params, notify.call);
      return () => {
        notify.cancel();
        stop();
      };
    },
    // params is described completely by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [hub, stream, key, throttleMs],
  );
  const event = useSyncExternalStore(subscribe, () => (key ? hub.latest<S>(key) : null));
  const error = useSyncExternalStore(subscribe, () => (key ? hub.error(key) : null));
  return { event, error };
}
