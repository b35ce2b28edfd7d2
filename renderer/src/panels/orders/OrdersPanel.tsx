import { useState } from 'react';
import type { OrderRecord } from '../../../../core/contract/contract';
import { useFeed } from '../../feeds/useFeed';
import { countByGroup, groupOf, orderGroups, type OrderGroup } from '../../trading/orderGroups';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { OrderRow } from './OrderRow';

type Filter = OrderGroup | 'all';
const filterNames: Record<Filter, string> = { all: 'All', working: 'Working', filled: 'Filled', cancelled: 'Cancelled', rejected: 'Rejected' };
const filters: readonly Filter[] = ['all', ...orderGroups];
const none: readonly OrderRecord[] = [];

/**
 * Today's orders and every working one, newest first: status, fills, prices, the gateway's message. This engine's
 * working orders can be cancelled and changed in place; TWS's own are shown read-only.
 */
export function OrdersPanel() {
  const feed = useFeed('orders', {}).event;
  const orders = feed?.value ?? none;
  const [filter, setFilter] = useState<Filter>('all');
  const [notice, setNotice] = useState<string | null>(null);
  // Order lists change only when an order does: judged by connection, not by quiet.
  const freshness = useFreshness({ asOf: feed?.asOf ?? null, receivedAt: null, resyncedAt: lastResync(feed) });
  const counts = countByGroup(orders);
  const shown = filter === 'all' ? orders : orders.filter((order) => groupOf(order.status) === filter);

  return (
    <div className={`panel orders-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="orders-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <span className="segmented" role="group" aria-label="Show orders">
          {filters.map((f) => (
            <button key={f} type="button" className={filter === f ? 'on' : ''} aria-pressed={filter === f} onClick={() => setFilter(f)} data-testid={`orders-filter-${f}`}>
              {filterNames[f]} {f === 'all' ? orders.length : counts[f]}
            </button>
          ))}
        </span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      {notice && (
        <p className="ticket-error panel-notice" role="alert" data-testid="orders-notice">
          {notice}{' '}
          <button type="button" className="btn" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      <div className="panel-body">
        {shown.length === 0 ? (
          <p className="empty">{feed ? `No ${filter === 'all' ? '' : `${filterNames[filter].toLowerCase()} `}orders today.` : 'Waiting for the orders…'}</p>
        ) : (
          <table className="grid-table compact orders-table" aria-label="Orders">
            <thead>
              <tr>
                <th className="right">Id</th>
                <th>Instrument</th>
                <th>Side</th>
                <th className="right">Filled / qty</th>
                <th>Status</th>
                <th>Actions</th>
                <th>Type</th>
                <th className="right">Limit</th>
                <th className="right">Stop</th>
                <th className="right">Avg price</th>
                <th>TIF</th>
                <th>Source</th>
                <th>Time</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((order) => (
                <OrderRow key={order.orderId} order={order} onError={setNotice} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
