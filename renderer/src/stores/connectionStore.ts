import { create } from 'zustand';
import type { SessionInfo } from '../../../core/host/contract';
import type { TransportName } from '../engine/engineClient';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

interface ConnectionState {
  transport: TransportName | null;
  status: ConnectionStatus;
  /** When the status last changed (epoch ms). */
  since: number;
  session: SessionInfo | null;
  /** Why the engine closed the connection, when it said so (it serves a limited number of connections). */
  closeReason: string | null;
}

export const useConnectionStore = create<ConnectionState>(() => ({
  transport: null,
  status: 'connecting',
  since: Date.now(),
  session: null,
  closeReason: null,
}));

export function setConnected(connected: boolean, reason?: string): void {
  useConnectionStore.setState((s) => {
    const status: ConnectionStatus = connected ? 'connected' : s.status === 'connecting' ? 'connecting' : 'reconnecting';
    const closeReason = connected ? null : (reason ?? null);
    if (status === s.status && closeReason === s.closeReason) return s;
    return status === s.status ? { closeReason } : { status, since: Date.now(), closeReason };
  });
}
