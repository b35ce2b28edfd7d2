import type { IbErrorRecord } from '../../../contract/ingestionState';
import { Ring } from '../../../market/ring';
import { classifyIbCode } from './ibErrorTable';

export type { IbErrorRecord };

/** The recent IB errors and notices, held for the Health panel (and handed to the Redis writer by the caller). */
export class IbErrorLog {
  private readonly recent = new Ring<IbErrorRecord>(50);
  readonly byCode = new Map<number, number>();

  record(code: number, reqId: number, message: string, subscription: string | null, now: number): IbErrorRecord {
    const cls = classifyIbCode(code);
    const entry: IbErrorRecord = { ts: now, code, reqId, message, meaning: cls.meaning, action: cls.action, severity: cls.severity, subscription };
    this.recent.push(entry);
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    return entry;
  }

  latest(n = 10): IbErrorRecord[] {
    return this.recent.newest(n).reverse();
  }

  count(code: number): number {
    return this.byCode.get(code) ?? 0;
  }
}
