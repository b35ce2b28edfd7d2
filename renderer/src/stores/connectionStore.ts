import { create } from 'zustand';
import type { SessionInfo } from '../../../core/contract/contract';
import type { StreamGap } from '../../../core/contract/contractClient';
import type { TransportName } from '../engine/engineClient';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

interface ConnectionState {
  transport: TransportName | null;
  status: ConnectionStatus;
  /** When the status last changed (epoch ms). */
  since: number;
  session: SessionInfo | null;
  /** Sequence gaps healed by subscribing again, since the page opened; the last one's stream and time. */
  streamGaps: { total: number; last: { stream: string; params: unknown; at: number } | null };
  /** Why the engine closed the connection, when it said so (it serves a limited number of connections). */
  closeReason: string | null;
}

export const useConnectionStore = create<ConnectionState>(() => ({
  transport: null,
  status: 'connecting',
  since: Date.now(),
  session: null,
  streamGaps: { total: 0, last: null },
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

export function recordStreamGap(gap: StreamGap): void {
  useConnectionStore.setState({ streamGaps: { total: gap.total, last: { stream: gap.stream, params: gap.params, at: Date.now() } } });
}
