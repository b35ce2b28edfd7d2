import type { VenueFill, VenueOrderReadiness, VenueOrderReport, VenuePosition } from '../bus/catalogue';
import type { OrderPreview, OrderRecord } from '../market/order';

/** One order as the venue is asked to place it: ids chosen by the order manager, never reused. */
export interface VenueOrder {
  orderId: number;
  record: OrderRecord;
  /** False for all but the last order of a bracket, so nothing is live before the whole bracket is sent. */
  transmit: boolean;
}

/** What the venue knows right now, asked for on every connect and reconnect (and after an engine restart). */
export interface VenueSnapshot {
  /** Open orders of every client (this engine's and TWS's own), with their status. */
  openOrders: VenueOrderReport[];
  /** Executions since `since` (epoch ms), commissions joined where reported. */
  fills: VenueFill[];
  positions: VenuePosition[];
}

/**
 * The order side of a venue, as the order manager uses it (the app gives it the IBKR venue's execution). The
 * venue's unsolicited reports (status, fills, commissions, positions, readiness) arrive as bus events
 * (venueOrderReported, venueFillReported, venueCommissionReported, venuePositionReported,
 * venueOrderReadinessChanged).
 */
export interface ExecutionVenue {
  /**
   * Whether the venue takes orders now, and its next valid id: what the last venueOrderReadinessChanged said (the
   * order manager asks at start, since it may start after the venue announced itself).
   */
  readiness(): VenueOrderReadiness;
  /** Sends the orders in the given sequence (a bracket: parent, then children, the last one transmitting). */
  place(orders: readonly VenueOrder[]): void;
  /** Re-places a working order under its own id with the changed fields. */
  modify(order: VenueOrder): void;
  cancel(orderId: number): void;
  /** The gateway's global cancel: every open order of the account, TWS's own and other clients' included. */
  globalCancel(): void;
  /** The gateway's what-if answer for the order (nothing placed); rejects with the gateway's reason. */
  preview(order: VenueOrder): Promise<OrderPreview>;
  /** Open orders, executions since `since`, positions: the state to reconcile against. */
  snapshot(since: number): Promise<VenueSnapshot>;
}
