import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { StreamName, StreamParams, StreamValue } from '../../../core/host/contract';
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

/** The latest value of a stream (null params = not subscribed), re-rendering only this component on change. */
export function useFeed<S extends StreamName>(stream: S, params: StreamParams<S> | null): FeedState<StreamValue<S>> {
  const hub = useFeedHub();
  const key = params ? FeedHub.key(stream, params) : null;
  const subscribe = useCallback(
    (onChange: () => void) => (params && key ? hub.watch(stream, params, onChange) : () => undefined),
    // params is described completely by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [hub, stream, key],
  );
  const event = useSyncExternalStore(subscribe, () => (key ? hub.latest<S>(key) : null));
  const error = useSyncExternalStore(subscribe, () => (key ? hub.error(key) : null));
  return { event, error };
}
