import { create } from 'zustand';

interface RefusalState {
  /** The engine's newest refusal of this page's requests for one of its limits (subscriptions, message rate). */
  message: string | null;
  /** Refusals since the trader last dismissed the notice. */
  count: number;
}

export const useRefusalStore = create<RefusalState>(() => ({ message: null, count: 0 }));

export function noteRefusal(message: string): void {
  useRefusalStore.setState((s) => ({ message, count: s.count + 1 }));
}

export function dismissRefusal(): void {
  useRefusalStore.setState({ message: null, count: 0 });
}
