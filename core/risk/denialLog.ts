import { randomUUID } from 'node:crypto';
import type { EngineBus, OrderDenied } from '../bus/catalogue';
import type { RiskDenialRecord } from '../contract/contract';
import { instrumentKey, type OrderRequest } from '../market/order';
import { Topic } from '../runtime/topic';

/** The denials the Risk panel lists. */
export const DENIALS_SHOWN = 50;

/**
 * The newest orders the risk engine refused, each with its code, the sentence the trader saw and the inputs its
 * checks saw: loaded from Redis at start, kept current from `orderDenied`, each new one handed to `save`, and served
 * as the `riskDenials` stream (newest first).
 */
export class DenialLog {
  readonly topic = new Topic<RiskDenialRecord[]>(100);
  private records: RiskDenialRecord[] = [];
  private off: (() => void) | null = null;

  constructor(
    private readonly bus: EngineBus,
    private readonly save: (record: RiskDenialRecord) => void,
  ) {}

  load(records: readonly RiskDenialRecord[]): void {
    this.records = records.slice(0, DENIALS_SHOWN);
  }

  start(): void {
    this.topic.publish(this.records);
    this.off = this.bus.subscribe('orderDenied', (denied) => this.add(denied));
  }

  stop(): void {
    this.off?.();
    this.off = null;
  }

  private add({ request, denial, at, inputs }: OrderDenied): void {
    const record: RiskDenialRecord = {
      id: randomUUID(),
      at,
      code: denial.code,
      message: denial.message,
      requestedBy: request.requestedBy,
      source: request.source,
      order: describeOrder(request),
      inputs,
    };
    this.records = [record, ...this.records].slice(0, DENIALS_SHOWN);
    this.save(record);
    this.topic.publish(this.records);
  }
}

/** "BUY 100 AAPL LMT 190.00". */
export function describeOrder(request: OrderRequest): string {
  const price = [request.limitPrice, request.stopPrice].filter((p): p is number => p !== undefined).map((p) => p.toFixed(2));
  return [request.side.toUpperCase(), String(request.quantity), instrumentKey(request.instrument), request.type, ...price].join(' ');
}
