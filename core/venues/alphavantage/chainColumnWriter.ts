import type { OptionContractQuote } from '../../market/optionChain';
import { CHAIN_FIELDS, GREEKS_FIELDS, type EncodedOptions } from './chainColumns';

/** The stored numeric fields, in OptionContractQuote order; N.field is a field's column. */
const NUMERIC = ['strike', 'bid', 'bidSize', 'ask', 'askSize', 'last', 'mark', 'volume', 'openInterest', 'iv', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const;
type Numeric = (typeof NUMERIC)[number];
export const N = Object.fromEntries(NUMERIC.map((k, i) => [k, i])) as Record<Numeric, number>;

/** A column being written: JSON array items, comma-separated, without the brackets. */
class ByteColumn {
  buf: Buffer;
  len = 0;
  items = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafeSlow(capacity); // never from Node's shared pool: a worker hands its columns over whole
  }

  /** Starts an item of at most `size` bytes (writes its comma); returns where its text begins. */
  private next(size: number): number {
    if (this.len + size + 1 > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.len + size + 1));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    if (this.items++ > 0) this.buf[this.len++] = 44;
    return this.len;
  }

  /** from[start, end) as one item. */
  copy(from: Uint8Array, start: number, end: number): void {
    let p = this.next(end - start);
    const buf = this.buf;
    for (let i = start; i < end; i++) buf[p++] = from[i]!;
    this.len = p;
  }

  /** An ASCII text as one item. */
  text(value: string): void {
    let p = this.next(value.length);
    const buf = this.buf;
    for (let i = 0; i < value.length; i++) buf[p++] = value.charCodeAt(i);
    this.len = p;
  }

  /** `count` items already joined by commas (another column's bytes()). */
  append(items: Uint8Array, count: number): void {
    if (count === 0) return;
    const p = this.next(items.length);
    this.buf.set(items, p);
    this.len = p + items.length;
    this.items += count - 1;
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

/** A writer's columns and kept numbers as plain data: what a worker thread posts back for its share of the rows. */
export interface ColumnPart {
  count: number;
  ids: Uint8Array;
  expiries: Uint8Array;
  types: Uint8Array;
  columns: Uint8Array[];
  numbers: Float64Array[];
  idEnds: Int32Array;
  expiryOf: string[];
  callOf: Uint8Array;
}

/**
 * The column form of a chain (chainColumns), written as bytes while chainScanner reads the answer: each accepted
 * contract's fields are appended to their columns, copied from the answer's bytes where they can be, and its numbers
 * kept for the cockpit's snapshot. `documents()` gives the two Redis documents; `contracts()` the contract objects.
 */
export class ChainColumnWriter {
  count = 0;
  private readonly ids: ByteColumn;
  private expiries: ByteColumn;
  private types: ByteColumn;
  private columns: ByteColumn[];
  // Kept for the snapshot: the numbers, where each id ends in the id column, the expiries and the types.
  private numbers: Float64Array[];
  private idEnds: Int32Array;
  private readonly expiryOf: string[] = [];
  private callOf: Uint8Array;

  /** `from`: the answer's bytes; `rows`: the expected number of contracts (grown past it). */
  constructor(
    private from: Uint8Array,
    rows: number,
  ) {
    rows = Math.max(256, rows);
    this.ids = new ByteColumn(rows * 24);
    this.expiries = new ByteColumn(rows * 13);
    this.types = new ByteColumn(rows * 7);
    this.columns = NUMERIC.map(() => new ByteColumn(rows * 10));
    this.numbers = NUMERIC.map(() => new Float64Array(rows));
    this.idEnds = new Int32Array(rows);
    this.callOf = new Uint8Array(rows);
  }

  /**
   * A new contract: its id and expiry as JSON strings at from[idStart, idEnd) and from[expiryStart, expiryEnd)
   * (quotes included, printable ASCII), and its type. Returns its row.
   */
  contract(idStart: number, idEnd: number, expiryStart: number, expiryEnd: number, expiry: string, call: boolean): number {
    const row = this.count++;
    this.grow(row);
    this.ids.copy(this.from, idStart, idEnd);
    this.idEnds[row] = this.ids.len;
    this.expiries.copy(this.from, expiryStart, expiryEnd);
    this.expiryOf.push(expiry);
    this.types.text(call ? '"call"' : '"put"');
    this.callOf[row] = call ? 1 : 0;
    return row;
  }

  /**
   * A number of the row: written as from[start, end) when `literal` (that text is a JSON number literal of
   * `stored`), else as the number's text.
   */
  number(column: number, row: number, stored: number, start: number, end: number, literal: boolean): void {
    this.numbers[column]![row] = stored;
    if (literal) this.columns[column]!.copy(this.from, start, end);
    else this.columns[column]!.text(String(stored));
  }

  /**
   * `options:{symbol}:chain` and `options:{symbol}:greeks`, as encodeOptions writes them. Once: the byte columns
   * and the answer's bytes (a pooled scan buffer, reused by the next chain) are let go afterwards, so a chain kept for
   * a later snapshot holds only what contracts() needs.
   */
  documents(symbol: string, asOf: number, quoteDate: string | null, skipped: number): EncodedOptions {
    const column: Record<string, Buffer> = { contractId: this.ids.bytes(), expiry: this.expiries.bytes(), type: this.types.bytes() };
    NUMERIC.forEach((field, i) => (column[field] = this.columns[i]!.bytes()));
    const head = `"symbol":${JSON.stringify(symbol)},"asOf":${asOf},"count":${this.count}`;
    const document = (start: string, fields: readonly string[]) => {
      const parts: Buffer[] = [Buffer.from(`{${start},"columns":{`)];
      fields.forEach((field, i) => parts.push(Buffer.from(`${i > 0 ? ',' : ''}"${field}":[`), column[field]!, Buffer.from(']')));
      parts.push(Buffer.from('}}'));
      return Buffer.concat(parts);
    };
    const encoded = {
      chain: document(`${head},"quoteDate":${JSON.stringify(quoteDate)},"skipped":${skipped}`, CHAIN_FIELDS),
      greeks: document(head, GREEKS_FIELDS),
    };
    this.columns = [];
    this.expiries = this.types = new ByteColumn(0);
    this.from = new Uint8Array(0);
    return encoded;
  }

  /** This writer's contracts as plain data (before documents()). */
  part(): ColumnPart {
    const n = this.count;
    return {
      count: n, ids: this.ids.bytes(), expiries: this.expiries.bytes(), types: this.types.bytes(),
      columns: this.columns.map((column) => column.bytes()), numbers: this.numbers.map((values) => values.subarray(0, n)),
      idEnds: this.idEnds.subarray(0, n), expiryOf: this.expiryOf, callOf: this.callOf.subarray(0, n),
    };
  }

  /** Appends the contracts of another writer's part after this writer's, as if they had been written here. */
  append(part: ColumnPart): void {
    if (part.count === 0) return;
    const start = this.count;
    const idBase = this.ids.len + (start > 0 ? 1 : 0); // past the comma joining the two
    this.count += part.count;
    this.grow(this.count - 1);
    this.ids.append(part.ids, part.count);
    this.expiries.append(part.expiries, part.count);
    this.types.append(part.types, part.count);
    this.columns.forEach((column, i) => column.append(part.columns[i]!, part.count));
    this.numbers.forEach((values, i) => values.set(part.numbers[i]!, start));
    for (let r = 0; r < part.count; r++) this.idEnds[start + r] = part.idEnds[r]! + idBase;
    for (const expiry of part.expiryOf) this.expiryOf.push(expiry);
    this.callOf.set(part.callOf, start);
  }

  /** The contracts as objects (what readOptionContract gives for each). */
  contracts(): OptionContractQuote[] {
    const { count, idEnds, expiryOf, callOf } = this;
    const ids = this.ids.buf;
    const value = this.numbers;
    const contracts: OptionContractQuote[] = new Array(count);
    let idStart = 0;
    for (let r = 0; r < count; r++) {
      const idEnd = idEnds[r]!;
      contracts[r] = {
        contractId: ids.toString('latin1', idStart + (r > 0 ? 2 : 1), idEnd - 1), // past the comma and the quotes
        expiry: expiryOf[r]!, strike: value[N.strike]![r]!, type: callOf[r] ? 'call' : 'put',
        bid: value[N.bid]![r]!, bidSize: value[N.bidSize]![r]!, ask: value[N.ask]![r]!, askSize: value[N.askSize]![r]!,
        last: value[N.last]![r]!, mark: value[N.mark]![r]!, volume: value[N.volume]![r]!, openInterest: value[N.openInterest]![r]!,
        iv: value[N.iv]![r]!, delta: value[N.delta]![r]!, gamma: value[N.gamma]![r]!, theta: value[N.theta]![r]!,
        vega: value[N.vega]![r]!, rho: value[N.rho]![r]!,
      };
      idStart = idEnd;
    }
    return contracts;
  }

  private grow(row: number): void {
    if (row < this.idEnds.length) return;
    let size = this.idEnds.length * 2;
    while (size <= row) size *= 2;
    this.numbers = this.numbers.map((old) => {
      const bigger = new Float64Array(size);
      bigger.set(old);
      return bigger;
    });
    const idEnds = new Int32Array(size);
    idEnds.set(this.idEnds);
    this.idEnds = idEnds;
    const callOf = new Uint8Array(size);
    callOf.set(this.callOf);
    this.callOf = callOf;
  }
}
