import {
  encodeTickGeneric, encodeTickOptionComputation, encodeTickPrice, encodeTickSize, encodeTickString, type OptionComputationView,
} from '../encoders/tickEncoders';
import { tickFor } from '../../../market/tickTypes';
import type { MarketDataSink } from './marketDataSink';

/** tickAttrib bit 0: the price can be auto-executed. */
const CAN_AUTO_EXECUTE = 1;

/** The frames of one reqMktData line: each tick sent with the line's id, as delayed or live data. */
export class TickLine {
  constructor(
    protected readonly sink: MarketDataSink,
    readonly tickerId: number,
    protected readonly delayed: boolean,
  ) {}

  protected price(tick: number, price: number, size: number): void {
    const w = this.sink.mdWriter();
    if (!w) return;
    encodeTickPrice(w, this.tickerId, tickFor(tick, this.delayed), price, size, CAN_AUTO_EXECUTE);
    this.sink.mdDone();
  }

  protected size(tick: number, size: number): void {
    const w = this.sink.mdWriter();
    if (!w) return;
    encodeTickSize(w, this.tickerId, tickFor(tick, this.delayed), size);
    this.sink.mdDone();
  }

  protected string(tick: number, value: string): void {
    const w = this.sink.mdWriter();
    if (!w) return;
    encodeTickString(w, this.tickerId, tickFor(tick, this.delayed), value);
    this.sink.mdDone();
  }

  protected generic(tick: number, value: number): void {
    const w = this.sink.mdWriter();
    if (!w) return;
    encodeTickGeneric(w, this.tickerId, tickFor(tick, this.delayed), value);
    this.sink.mdDone();
  }

  protected computation(tick: number, c: OptionComputationView): void {
    const w = this.sink.mdWriter();
    if (!w) return;
    encodeTickOptionComputation(w, this.tickerId, tickFor(tick, this.delayed), c);
    this.sink.mdDone();
  }
}
