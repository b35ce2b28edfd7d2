import { wireContract } from '../contracts/catalog';
import type { CommissionView, ExecutionView } from '../protocol/wireTypes';
import { twsDateTime } from '../wire/twsTime';
import type { FillPiece } from './fills';
import type { WorkingOrder } from './workingOrder';

export interface StoredExecution {
  exec: ExecutionView;
  commission: CommissionView;
  symbol: string;
  secType: string;
  /** Market-clock time of the fill, epoch ms (reqExecutions filters on it). */
  ts: number;
}

export interface RecordedFill {
  piece: FillPiece;
  size: number;
  commission: number;
  realized: number | undefined;
  ts: number;
  account: string;
}

/** Every execution of the session with its commission report, in the order they happened. */
export class ExecutionLog {
  private readonly executions: StoredExecution[] = [];
  private seq = 1;

  all(): readonly StoredExecution[] {
    return this.executions;
  }

  record(o: WorkingOrder, fill: RecordedFill): StoredExecution {
    const { piece: p, size, commission, realized, ts, account } = fill;
    const execId = `0000e0d5.${(this.seq++).toString(16).padStart(8, '0')}.01.01`;
    const exec: ExecutionView = {
      reqId: -1,
      orderId: o.ticket.orderId,
      contract: wireContract(o.instrument, p.exchange),
      execId,
      time: twsDateTime(ts),
      account,
      exchange: p.exchange,
      side: o.ticket.action === 'BUY' ? 'BOT' : 'SLD',
      shares: size,
      price: p.price,
      permId: o.permId,
      clientId: o.clientId,
      cumQty: o.filled,
      avgPrice: o.avgFillPrice,
      orderRef: o.ticket.orderRef,
      lastLiquidity: 2,
    };
    const stored: StoredExecution = {
      exec,
      commission: { execId, commission, currency: 'USD', realizedPnl: realized === undefined ? undefined : Math.round(realized * 1e6) / 1e6 },
      symbol: exec.contract.symbol,
      secType: exec.contract.secType,
      ts,
    };
    this.executions.push(stored);
    return stored;
  }
}
