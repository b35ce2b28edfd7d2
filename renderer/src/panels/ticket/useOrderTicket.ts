import { useCallback, useRef, useState } from 'react';
import type { OrderPreview } from '../../../../core/contract/contract';
import { useEngineClient } from '../../engine/engineContext';
import { badRequestFieldErrors, orderErrorText } from '../../trading/orderErrors';
import { newClientOrderKey, outcomeOfError, SubmitKeys } from '../../trading/submitKeys';
import { describeOrder, needsConfirmation, orderNotional, orderSignature, ticketOrder, type TicketDraft, type TicketErrors, type TicketOrder } from '../../trading/ticketDraft';
import type { OrderConfirmation } from './ConfirmOrderDialog';

/** Placeholder key for checking and comparing drafts; the real key is chosen at send time. */
const DRAFT_KEY = 'draft-order';
/** Kept outside the panel: a retry after the ticket's tab was hidden and shown again still reuses the key. */
const keys = new SubmitKeys();

/**
 * The ticket's steps for one order: edit → preview (the gateway's what-if) → send, with a confirmation in between
 * when the notional is above the threshold. Editing the ticket drops a preview that no longer matches it.
 */
type Stage =
  | { step: 'editing' }
  | { step: 'previewing'; signature: string }
  | { step: 'previewed'; signature: string; preview: OrderPreview | null; previewError: string | null }
  | { step: 'confirming'; signature: string; preview: OrderPreview | null; previewError: string | null }
  | { step: 'sending'; signature: string };

export type TicketResult = { kind: 'placed' | 'error'; text: string } | null;

export interface OrderTicket {
  step: Stage['step'];
  preview: OrderPreview | null;
  previewError: string | null;
  errors: TicketErrors;
  result: TicketResult;
  /** Set while the confirmation dialog is open. */
  confirmation: OrderConfirmation | null;
  /** One line for the order as it stands, null while the ticket is incomplete. */
  description: string | null;
  notional: number | null;
  /** Enter (or the main button): preview an edited ticket, send a previewed one. */
  advance(): void;
  confirm(): void;
  /** Esc: out of the confirmation, then out of the preview. */
  back(): void;
}

export function useOrderTicket(draft: TicketDraft, marketPrice: number | null, confirmAbove: number | null): OrderTicket {
  const client = useEngineClient();
  const [stage, setStage] = useState<Stage>({ step: 'editing' });
  // The problems shown, with the draft they were found in (an Enter, or the engine's answer).
  const [flagged, setFlagged] = useState<{ errors: TicketErrors; draft: string }>({ errors: {}, draft: '' });
  const [result, setResult] = useState<TicketResult>(null);
  const inFlight = useRef(false);
  const draftText = JSON.stringify(draft);
  const setErrors = useCallback((errors: TicketErrors) => setFlagged({ errors, draft: draftText }), [draftText]);

  const check = ticketOrder(draft, DRAFT_KEY);
  const signature = check.ok ? orderSignature(check.order) : null;
  // A preview or confirmation belongs to the order it was made for: an edit since then means editing again.
  const current: Stage = stage.step !== 'editing' && stage.signature !== signature ? { step: 'editing' } : stage;
  const shown = current.step === 'previewed' || current.step === 'confirming' ? current : null;
  const notional = check.ok ? (orderNotional(check.order, marketPrice) ?? shown?.preview?.notional ?? null) : null;

  const preview = useCallback(
    (order: TicketOrder, sig: string) => {
      setStage({ step: 'previewing', signature: sig });
      const settle = (next: Stage) => setStage((s) => (s.step === 'previewing' && s.signature === sig ? next : s));
      client.call('previewOrder', { ...order, clientOrderKey: newClientOrderKey() }).then(
        (answer) => settle({ step: 'previewed', signature: sig, preview: answer, previewError: null }),
        (error: unknown) => {
          const fieldErrors = badRequestFieldErrors(error);
          if (Object.keys(fieldErrors).length > 0) {
            setErrors(fieldErrors);
            settle({ step: 'editing' });
          } else settle({ step: 'previewed', signature: sig, preview: null, previewError: orderErrorText(error) });
        },
      );
    },
    [client, setErrors],
  );

  const send = useCallback(
    async (order: TicketOrder, sig: string) => {
      if (inFlight.current) return;
      inFlight.current = true;
      const key = keys.keyFor(sig);
      setStage({ step: 'sending', signature: sig });
      try {
        const receipt = await client.call('submitOrder', { ...order, clientOrderKey: key });
        keys.settle(key, 'placed');
        const ids = receipt.orderIds.map((id) => `#${id}`).join(', ');
        setResult({ kind: 'placed', text: receipt.duplicate ? `Already placed as order ${ids}: nothing new was sent.` : `Order ${ids} placed: ${describeOrder(order)}` });
      } catch (error) {
        keys.settle(key, outcomeOfError(error));
        setErrors(badRequestFieldErrors(error));
        setResult({ kind: 'error', text: orderErrorText(error) });
      } finally {
        inFlight.current = false;
        setStage({ step: 'editing' });
      }
    },
    [client, setErrors],
  );

  const advance = () => {
    if (!check.ok || !signature) {
      if (!check.ok) setErrors(check.errors);
      return;
    }
    if (current.step === 'editing') {
      setErrors({});
      setResult(null);
      preview(check.order, signature);
    } else if (current.step === 'previewed') {
      if (needsConfirmation(notional, confirmAbove)) setStage({ ...current, step: 'confirming' });
      else void send(check.order, signature);
    }
  };

  const confirm = () => {
    if (current.step === 'confirming' && check.ok && signature) void send(check.order, signature);
  };

  const back = () => {
    if (current.step === 'confirming') setStage({ ...current, step: 'previewed' });
    else if (current.step === 'previewed' || current.step === 'previewing') setStage({ step: 'editing' });
    else setResult(null);
  };

  return {
    step: current.step,
    preview: shown?.preview ?? null,
    previewError: shown?.previewError ?? null,
    errors: flagged.draft === draftText ? flagged.errors : stillWrong(flagged.errors, check.ok ? {} : check.errors),
    result,
    confirmation: current.step === 'confirming' && check.ok ? { description: describeOrder(check.order), notional, confirmAbove } : null,
    description: check.ok ? describeOrder(check.order) : null,
    notional,
    advance,
    confirm,
    back,
  };
}

/** As the trader corrects the ticket, a flagged field keeps its mark only while it is still wrong. */
function stillWrong(flagged: TicketErrors, now: TicketErrors): TicketErrors {
  const visible: TicketErrors = {};
  for (const field of Object.keys(flagged) as Array<keyof TicketErrors>) if (now[field]) visible[field] = now[field];
  return visible;
}
