import { recordStreamGap, setConnected, useConnectionStore } from '../stores/connectionStore';
import { useHealthStore } from '../stores/healthStore';
import { addSweep } from '../stores/sweepStore';
import { useTradingStateStore } from '../stores/tradingStateStore';
import type { EngineClient } from './engineClient';

/** Asks for the session until it arrives; a busy engine may time a call out, and the panels need the symbol list. */
function loadSession(client: EngineClient): void {
  client.call('getSession', {}).then(
    (session) => useConnectionStore.setState({ session }),
    () => setTimeout(() => client.isConnected() && loadSession(client), 1_000),
  );
}

/** Feeds the stores from the engine for the life of the page; the client resubscribes after reconnects. */
export function connectEngineFeeds(client: EngineClient): void {
  useConnectionStore.setState({ transport: client.transport });
  client.onStreamGap(recordStreamGap);
  client.onConnectionChange((connected, reason) => {
    setConnected(connected, reason);
    if (connected) loadSession(client);
  });
  if (client.isConnected()) {
    setConnected(true);
    loadSession(client);
  }
  client.subscribe('health', {}, (event) => useHealthStore.setState({ health: event.value, asOf: event.asOf }));
  client.subscribe('tradingState', {}, (event) => useTradingStateStore.setState({ current: event.value }));
  client.subscribe('sweeps', {}, (event) => addSweep(event.value));
}
