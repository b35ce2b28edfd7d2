import { ContractError } from '../../../core/contract/contract';
import type { TicketErrors, TicketField } from './ticketDraft';

const commandPrefix = /^(submitOrder|previewOrder|modifyOrder|cancelOrder|cancelAllOrders|closePosition): /;
const ticketFields: readonly TicketField[] = ['quantity', 'limitPrice', 'stopPrice', 'bracket'];

/**
 * An order command's failure as the trader reads it. A refusal leads with its reason code ("HALTED: trading is
 * halted…"); an answer that never came says the order may have gone, so the trader checks before sending again.
 */
export function orderErrorText(error: unknown): string {
  if (!(error instanceof ContractError)) return error instanceof Error ? error.message : String(error);
  const message = error.message.replace(commandPrefix, '');
  if (error.code === 'REFUSED') return `${error.reason ?? 'REFUSED'}: ${message}`;
  if (error.code === 'BAD_REQUEST') return `Not accepted: ${message}`;
  // No answer (timeout, lost link) and "execution not running" share this code: the order may have gone or not.
  if (error.code === 'UNAVAILABLE') return `UNAVAILABLE: ${message}. Check the Orders panel before sending again; the same order sent again reuses its key, so it places once.`;
  return `${error.code}: ${message}`;
}

/**
 * The engine's BAD_REQUEST names each problem by its input path ("submitOrder: limitPrice: got 0, expected …;
 * quantity: …"): each goes beside its field, anything else beside the form.
 */
export function badRequestFieldErrors(error: unknown): TicketErrors {
  if (!(error instanceof ContractError) || error.code !== 'BAD_REQUEST') return {};
  const errors: TicketErrors = {};
  for (const problem of error.message.replace(commandPrefix, '').split('; ')) {
    const match = /^([A-Za-z]+)(?:\.[\w.]+)?: (.*)$/.exec(problem);
    const field = ticketFields.find((f) => f === match?.[1]) ?? (match?.[1] === 'instrument' ? 'symbol' : 'form');
    const text = field === 'form' ? problem : match![2]!;
    errors[field] = errors[field] ? `${errors[field]}; ${text}` : text;
  }
  return errors;
}
