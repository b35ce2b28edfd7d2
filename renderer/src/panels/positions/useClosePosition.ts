import { useRef, useState } from 'react';
import { instrumentKey, type Position } from '../../../../core/contract/contract';
import { useEngineClient } from '../../engine/engineContext';
import { useConnectionStore } from '../../stores/connectionStore';
import { orderErrorText } from '../../trading/orderErrors';
import { closingDescription, closingNotional } from '../../trading/positionFigures';
import { outcomeOfError, SubmitKeys } from '../../trading/submitKeys';
import { needsConfirmation } from '../../trading/ticketDraft';
import type { OrderConfirmation } from '../ticket/ConfirmOrderDialog';

export type CloseResult = { kind: 'placed' | 'error'; text: string } | null;

/** One key keeper per position: a retried Close (no answer the first time) reuses its key and closes once. */
const keysByPosition = new Map<string, SubmitKeys>();
const keysFor = (key: string) => keysByPosition.get(key) ?? keysByPosition.set(key, new SubmitKeys()).get(key)!;

/**
 * The Positions panel's Close: a closing order through closePosition (the same risk-checked path as any order),
 * confirmed first when its notional is above the threshold, as on the ticket.
 */
export function useClosePosition() {
  const client = useEngineClient();
  const confirmAbove = useConnectionStore((s) => s.session?.confirmNotionalAbove ?? null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = useState<{ position: Position; confirmation: OrderConfirmation } | null>(null);
  const [result, setResult] = useState<CloseResult>(null);
  const inFlight = useRef(new Set<string>());

  const send = async (position: Position) => {
    const key = instrumentKey(position.instrument);
    if (inFlight.current.has(key)) return;
    inFlight.current.add(key);
    setPending(new Set(inFlight.current));
    setAsking(null);
    const keys = keysFor(key);
    const clientOrderKey = keys.keyFor(`${key}|${position.quantity}`);
    try {
      const receipt = await client.call('closePosition', { instrumentKey: key, clientOrderKey });
      keys.settle(clientOrderKey, 'placed');
      const ids = receipt.orderIds.map((id) => `#${id}`).join(', ');
      setResult({ kind: 'placed', text: receipt.duplicate ? `${key}: already closing as order ${ids}.` : `Closing order ${ids} sent for ${key}.` });
    } catch (error) {
      keys.settle(clientOrderKey, outcomeOfError(error));
      setResult({ kind: 'error', text: `Close ${key}: ${orderErrorText(error)}` });
    } finally {
      inFlight.current.delete(key);
      setPending(new Set(inFlight.current));
    }
  };

  const close = (position: Position) => {
    const notional = closingNotional(position);
    if (needsConfirmation(notional, confirmAbove)) setAsking({ position, confirmation: { description: closingDescription(position), notional, confirmAbove } });
    else void send(position);
  };

  return {
    close,
    pending,
    result,
    dismissResult: () => setResult(null),
    confirmation: asking?.confirmation ?? null,
    confirm: () => asking && void send(asking.position),
    back: () => setAsking(null),
  };
}
