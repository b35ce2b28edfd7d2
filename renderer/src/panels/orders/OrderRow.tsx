import { useState, type KeyboardEvent } from 'react';
import { instrumentKey, type OrderRecord } from '../../../../core/contract/contract';
import { useEngineClient } from '../../engine/engineContext';
import { formatMarketTime } from '../../format/marketTime';
import { formatPrice, formatSize } from '../../format/numbers';
import { editOf, orderModification, type OrderEdit } from '../../trading/orderEdit';
import { orderErrorText } from '../../trading/orderErrors';
import { canCancel, canModify, groupOf } from '../../trading/orderGroups';

const roleNames = { single: '', parent: 'bracket', takeProfit: 'take profit', exitAtClose: 'exit at close', stopLoss: 'stop loss' } as const;

/** One order. Its own working orders have Cancel and Modify (price and size in place: Enter saves, Esc discards). */
export function OrderRow({ order, onError }: { order: OrderRecord; onError: (message: string) => void }) {
  const client = useEngineClient();
  const [edit, setEdit] = useState<OrderEdit | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = order.orderId;
  const editing = edit !== null && canModify(order);

  const cancel = async () => {
    setBusy(true);
    try {
      await client.call('cancelOrder', { orderId: id, reason: 'cancelled from the Orders panel' });
    } catch (error) {
      onError(`Cancel of order #${id}: ${orderErrorText(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!edit) return;
    const check = orderModification(order, edit);
    if (!check.ok) return setEditError(check.error);
    if (Object.keys(check.change).length === 1) return setEdit(null); // nothing changed
    setBusy(true);
    try {
      await client.call('modifyOrder', check.change);
      setEdit(null);
      setEditError(null);
    } catch (error) {
      setEditError(orderErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setEdit(null);
    setEditError(null);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      discard();
    }
  };

  // The cursor starts in the price (what a trader changes most), else in the size.
  const firstField: keyof OrderEdit = order.limitPrice !== null ? 'limitPrice' : order.stopPrice !== null ? 'stopPrice' : 'quantity';
  const field = (name: keyof OrderEdit, label: string) => (
    <input
      className="num inline-edit"
      aria-label={`${label} of order ${id}`}
      inputMode="decimal"
      autoFocus={name === firstField}
      value={edit![name]}
      onChange={(e) => setEdit({ ...edit!, [name]: e.target.value })}
      onKeyDown={onKeyDown}
    />
  );

  const source = order.external ? (
    <span className="pill" title="Placed in TWS: shown, never changed from here">
      TWS · read-only
    </span>
  ) : (
    order.source
  );
  // What a trader acts on comes first (a narrow panel shows it without scrolling): id, what, fills, status, actions.
  return (
    <tr className={`order-row group-${groupOf(order.status)}${order.external ? ' external' : ''}`} data-testid={`order-row-${id}`} data-status={order.status} data-order-id={id}>
      <td className="num right">{id}</td>
      <td className="strong">
        {instrumentKey(order.instrument)}
        {order.role !== 'single' && <span className="pill tag-mini">{roleNames[order.role]}</span>}
      </td>
      <td className={order.side === 'buy' ? 'up' : 'down'}>{order.side === 'buy' ? '▲ BUY' : '▼ SELL'}</td>
      <td className="num right" data-testid="order-filled">
        {formatSize(order.filled)} / {editing ? field('quantity', 'Quantity') : formatSize(order.quantity)}
      </td>
      <td className={`order-status status-${groupOf(order.status)}`} data-testid="order-status">
        {order.status}
      </td>
      <td className="order-actions">{editing ? <EditButtons id={id} busy={busy} onSave={() => void save()} onDiscard={discard} /> : <OrderButtons order={order} busy={busy} onModify={() => setEdit(editOf(order))} onCancel={() => void cancel()} />}</td>
      <td>{order.type}</td>
      <td className="num right">{editing && order.limitPrice !== null ? field('limitPrice', 'Limit price') : formatPrice(order.limitPrice)}</td>
      <td className="num right">{editing && order.stopPrice !== null ? field('stopPrice', 'Stop price') : formatPrice(order.stopPrice)}</td>
      <td className="num right" data-testid="order-avg-price">
        {formatPrice(order.avgFillPrice)}
      </td>
      <td>{order.tif}</td>
      <td>{source}</td>
      <td className="num muted">{formatMarketTime(order.createdAt)}</td>
      <td className="order-message" title={order.message ?? ''}>
        {editError ? (
          <span className="field-error" role="alert">
            {editError}
          </span>
        ) : (
          order.message
        )}
      </td>
    </tr>
  );
}

function EditButtons({ id, busy, onSave, onDiscard }: { id: number; busy: boolean; onSave: () => void; onDiscard: () => void }) {
  return (
    <>
      <button type="button" className="btn" disabled={busy} onClick={onSave} aria-label={`Save changes to order ${id}`}>
        Save
      </button>
      <button type="button" className="btn" onClick={onDiscard} aria-label={`Discard changes to order ${id}`}>
        Discard
      </button>
    </>
  );
}

function OrderButtons({ order, busy, onModify, onCancel }: { order: OrderRecord; busy: boolean; onModify: () => void; onCancel: () => void }) {
  return (
    <>
      {canModify(order) && (
        <button type="button" className="btn" onClick={onModify} aria-label={`Modify order ${order.orderId}`}>
          Modify
        </button>
      )}
      {canCancel(order) && (
        <button type="button" className="btn btn-cancel-order" disabled={busy} onClick={onCancel} aria-label={`Cancel order ${order.orderId}`}>
          Cancel
        </button>
      )}
    </>
  );
}
