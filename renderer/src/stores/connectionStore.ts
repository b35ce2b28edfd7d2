import { create } from 'zustand';
import type { SessionInfo } from '../../../core/contract/contract';
import type { TransportName } from '../engine/engineClient';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

interface ConnectionState {
  transport: TransportName | null;
  status: ConnectionStatus;
  /** When the status last changed (epoch ms). */
  since: number;
  session: SessionInfo | null;
}

export const useConnectionStore = create<ConnectionState>(() => ({
  transport: null,
  status: 'connecting',
  since: Date.now(),
  session: null,
}));

export function setConnected(connected: boolean): void {
  useConnectionStore.setState((s) => {
    const status: ConnectionStatus = connected ? 'connected' : s.status === 'connecting' ? 'connecting' : 'reconnecting';
    return status === s.status ? s : { status, since: Date.now() };
  });
}
