import type { OrderDenial } from '../market/order';

/** An order command refused before anything reached a venue; `denial.code` says why in one word. */
export class OrderDeniedError extends Error {
  constructor(readonly denial: OrderDenial) {
    super(denial.message);
    this.name = 'OrderDeniedError';
  }
}
