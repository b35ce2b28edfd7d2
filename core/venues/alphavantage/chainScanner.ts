import type { OptionChainSnapshot } from '../../market/optionChain';
import { isCalendarDate } from './avNumbers';
import type { EncodedOptions } from './chainColumns';
import { ChainColumnWriter, N, type ColumnPart } from './chainColumnWriter';
import { AnswerLexer, bail, isSpace, ScanBail, STRING } from './answerLexer';
import { expiryCode, valuesProblem, type ContractValues } from './optionContract';
import { giveBackScanBuffer, takeScanBuffer } from './scanBuffers';

/**
 * The fast path from a REALTIME_OPTIONS body to the Redis documents, in one pass over the text: no JSON.parse, no
 * object per contract, no number→text conversion. Each row is validated by exactly the rules of readOptionContract
 * (same reasons, same order, same numbers) and an accepted contract's fields are written straight into one byte
 * column per field. A number already written as a JSON number literal ("450.00", "0.18213") is copied as it is
 * (it reads back as the number readOptionContract gives); anything else (a count to round, "5.", " 12") is written
 * from its number. The contract objects the cockpit needs are built afterwards, from the kept numbers.
 *
 * It handles the shape AV sends: an object of plain values with a `data` array of flat objects. Anything else
 * (escapes in strings, nested values, a non-ASCII contract id, `Note` / `Information` / `Error Message`, text that
 * is not JSON) makes it answer null, and the caller takes the general path (readAnswer + parseOptionChain), which
 * gives the same result or the same error.
 */
export interface ScannedChain {
  encoded: EncodedOptions;
  /** Contracts kept. */
  count: number;
  /** Rows in `data`. */
  rows: number;
  skipped: number;
  refused: Record<string, number>;
  quoteDate: string | null;
  /** The in-memory snapshot (contract objects), built on demand from the scanned numbers. */
  snapshot(): OptionChainSnapshot;
}

// Row fields, by their AV key.
const KEYS = [
  'contractID', 'symbol', 'expiration', 'strike', 'type', 'last', 'mark', 'bid', 'bid_size', 'ask', 'ask_size',
  'volume', 'open_interest', 'date', 'implied_volatility', 'delta', 'gamma', 'theta', 'vega', 'rho',
] as const;
const K = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<(typeof KEYS)[number], number>;
const KEY_INDEX = new Map<string, number>(KEYS.map((k, i) => [k, i]));
const CALL = Buffer.from('call'), PUT = Buffer.from('put');

/** A worker's share of a chain's rows, read from the same bytes (see scanChainSplit). */
export interface RowsPart {
  columns: ColumnPart;
  rows: number;
  refused: Record<string, number>;
  quoteDate: string | null;
  /** Where the rows ended: after the `data` array's `]`. */
  end: number;
}

/** What a worker answers for a share of the rows: its part, 'bail' (not the plain shape), or null (no worker). */
export type RowsOutcome = RowsPart | 'bail' | null;

/** Reads rows from `start` (a row's `{`) of the bytes in `shared` to the end of the `data` array, elsewhere. */
export type RowsReader = (shared: Buffer, size: number, start: number, symbol: string) => Promise<RowsOutcome>;

/** The chain in `body` for `symbol`, or null when the body is not in the plain shape this scanner reads. */
export function scanChain(body: string | Buffer, symbol: string, asOf: number): ScannedChain | null {
  const { bytes, size } = takeScanBuffer(body);
  try {
    return new Scanner(bytes, size, symbol).scan(asOf);
  } catch (error) {
    if (error instanceof ScanBail) return null;
    throw error;
  } finally {
    giveBackScanBuffer(bytes);
  }
}

/**
 * As scanChain, with a large chain's second half of rows read at the same time by `readRows` (a worker thread, on
 * the other core). The halves meet at a row boundary this thread verifies as it reads its own half: when its last
 * row does not end exactly where the other half begins (the split fell inside a value), it reads the rest itself.
 * Without a worker (null) it reads the rest itself too. The result is the same as scanChain's in every case.
 */
export async function scanChainSplit(body: string | Buffer, symbol: string, asOf: number, readRows: RowsReader): Promise<ScannedChain | null> {
  const { bytes, size } = takeScanBuffer(body);
  let workerDone: Promise<unknown> = Promise.resolve();
  try {
    return await new Scanner(bytes, size, symbol).scanSplit(asOf, (start) => {
      const rest = readRows(bytes, size, start, symbol);
      workerDone = rest.catch(() => undefined);
      return rest;
    });
  } catch (error) {
    if (error instanceof ScanBail) return null;
    throw error;
  } finally {
    // This thread may be done first (it bailed): the buffer is reused only once the worker no longer reads it.
    void workerDone.then(() => giveBackScanBuffer(bytes));
  }
}

/** The worker's side of scanChainSplit: the rows from `start` to the end of the `data` array. */
export function scanRows(bytes: Uint8Array, size: number, start: number, symbol: string): RowsPart | 'bail' {
  try {
    return new Scanner(bytes, size, symbol).rowsPart(start);
  } catch (error) {
    if (error instanceof ScanBail) return 'bail';
    throw error;
  }
}

/** A chain smaller than this is read by one thread: sharing it would cost more than it saves. */
const SPLIT_MIN_BYTES = 512 * 1024;
/** The engine thread's share of a split chain's bytes. */
const OWN_SHARE = 0.52;

class Scanner extends AnswerLexer {
  private readonly symbolBytes: Uint8Array;

  private readonly out: ChainColumnWriter;
  private readonly expiryTexts = new Map<number, string>();
  private rows = 0;
  private readonly refused: Record<string, number> = {};
  /** One contract's numbers, reused row after row. */
  private readonly values: ContractValues = {
    bid: NaN, ask: NaN, last: NaN, mark: NaN, bidSize: NaN, askSize: NaN, volume: NaN, openInterest: NaN,
    iv: NaN, delta: NaN, gamma: NaN, theta: NaN, vega: NaN, rho: NaN,
  };
  private quoteDate: string | null = null;

  constructor(
    b: Uint8Array,
    size: number,
    private readonly symbol: string,
  ) {
    super(b, size, KEY_INDEX);
    this.symbolBytes = Buffer.from(symbol);
    this.out = new ChainColumnWriter(b, Math.ceil(size / 256)); // AV rows are ~380 bytes
  }

  scan(asOf: number): ScannedChain {
    this.toData();
    this.data();
    this.toEnd();
    return this.result(asOf);
  }

  async scanSplit(asOf: number, readRest: (start: number) => Promise<RowsOutcome>): Promise<ScannedChain> {
    this.toData();
    const split = this.splitPoint();
    if (split === null) {
      this.data();
    } else {
      const rest = readRest(split.start);
      let met: boolean;
      try {
        met = this.data(split.comma);
      } catch (error) {
        rest.catch(() => undefined); // this half decided (a bail, for one): the other's answer no longer matters
        throw error;
      }
      if (met) this.joinRest(await rest);
      else rest.catch(() => undefined);
    }
    this.toEnd();
    return this.result(asOf);
  }

  rowsPart(start: number): RowsPart {
    this.pos = start;
    this.rowsFrom(-1);
    const { rows, refused, quoteDate, pos: end } = this;
    return { columns: this.out.part(), rows, refused, quoteDate, end };
  }

  private joinRest(rest: RowsOutcome): void {
    if (rest === 'bail') return bail();
    if (rest === null) {
      this.pos++; // no worker: past the comma, and on with the rows here
      this.rowsFrom(-1);
      return;
    }
    this.rows += rest.rows;
    for (const [reason, count] of Object.entries(rest.refused)) this.refused[reason] = (this.refused[reason] ?? 0) + count;
    this.quoteDate ??= rest.quoteDate;
    this.out.append(rest.columns);
    this.pos = rest.end;
  }

  /**
   * Where a large `data` array can be shared: a `}`, `,`, `{` between two rows a little past its middle (the worker's
   * answer takes a moment to come back, so it gets the smaller share), or null.
   */
  private splitPoint(): { comma: number; start: number } | null {
    const b = this.b;
    if (this.size - this.pos < SPLIT_MIN_BYTES) return null;
    const from = this.pos + Math.floor((this.size - this.pos) * OWN_SHARE);
    const limit = Math.min(this.size, from + 65_536);
    for (let i = from; i < limit; i++) {
      if (b[i] !== 125) continue;
      let j = i + 1;
      while (isSpace(b[j]!)) j++;
      if (b[j] !== 44) continue;
      const comma = j++;
      while (isSpace(b[j]!)) j++;
      if (b[j] === 123) return { comma, start: j };
    }
    return null;
  }

  /** The answer up to its `data` array: pos after the `[`. */
  private toData(): void {
    this.ws();
    this.expect(123); // {
    this.ws();
    if (this.b[this.pos]! === 125) bail(); // {}: the general path names it
    while (!this.member()) if (this.memberEnd()) bail(); // no data: the general path names it
  }

  /** The rest of the answer after the `data` array: plain members only, then nothing but white space. */
  private toEnd(): void {
    while (!this.memberEnd()) if (this.member()) bail(); // a second data: general path
    this.ws();
    if (this.pos !== this.size) bail();
  }

  /** One `key: value` member; for `data`, stops after its `[` and answers true. */
  private member(): boolean {
    this.ws();
    const key = this.key();
    this.ws();
    this.expect(58); // :
    this.ws();
    if (key === 'data') {
      if (this.b[this.pos]! !== 91) bail(); // not an array: general path
      this.pos++;
      return true;
    }
    if (key === 'Error Message' || key === 'Note' || key === 'Information') bail(); // readAnswer's errors
    this.plainValue();
    return false;
  }

  /** After a member: true at the object's `}`, false at a `,`. */
  private memberEnd(): boolean {
    this.ws();
    const c = this.b[this.pos++]!;
    if (c === 125) return true;
    if (c !== 44) bail();
    return false;
  }

  /** The rows of `data` (pos after its `[`); see rowsFrom. */
  private data(stopAt = -1): boolean {
    this.ws();
    if (this.b[this.pos]! === 93) {
      this.pos++;
      return false;
    }
    return this.rowsFrom(stopAt);
  }

  /**
   * Rows from pos (a row's start) to the end of the array (false, pos after its `]`), or until a row ends exactly at
   * `stopAt` (true, pos at that comma).
   */
  private rowsFrom(stopAt: number): boolean {
    const b = this.b;
    for (;;) {
      this.ws();
      this.rows++;
      if (b[this.pos]! === 123) {
        this.pos++;
        this.row();
        const reason = this.accept();
        if (reason !== null) this.refuse(reason);
      } else {
        if (b[this.pos]! === 91) bail(); // an array row: general path
        this.plainValue();
        this.refuse('not an object');
      }
      this.ws();
      if (this.pos === stopAt) return true;
      const c = b[this.pos++]!;
      if (c === 93) return false;
      if (c !== 44) bail();
    }
  }

  private refuse(reason: string): void {
    this.refused[reason] = (this.refused[reason] ?? 0) + 1;
  }

  /** readOptionContract's checks, in its order; on success the contract is written. Returns the refusal, or null. */
  private accept(): string | null {
    const b = this.b, vs = this.vs, ve = this.ve, vk = this.vk;
    const idStart = vs[K.contractID]!, idEnd = ve[K.contractID]!;
    if (vk[K.contractID] !== STRING || idEnd - idStart < 16) return 'missing contractID';
    if (vk[K.symbol] === STRING && !this.isString(K.symbol, this.symbolBytes)) return 'belongs to another symbol';
    if (vk[K.expiration] !== STRING) return 'bad expiration';
    const expiry = this.expiryText(vs[K.expiration]!, ve[K.expiration]!);
    const code = expiryCode(expiry);
    if (code === null) return 'bad expiration';
    const call = this.isString(K.type, CALL);
    if (!call && !this.isString(K.type, PUT)) return 'bad type';
    const strike = this.num(K.strike);
    const strikeLiteral = this.literal;
    if (strike !== strike || strike <= 0) return 'bad strike';
    // The OCC id ends in YYMMDD + C/P + strike × 1000 in 8 digits.
    if (b[idEnd - 9]! !== (call ? 67 : 80) || !this.atText(code, idEnd - 15)) return 'contractID disagrees with expiry/type/strike';
    let idStrike = 0;
    for (let i = idEnd - 8; i < idEnd; i++) {
      const c = b[i]!;
      if (c < 48 || c > 57) {
        idStrike = Number(this.text(idEnd - 8, idEnd));
        break;
      }
      idStrike = idStrike * 10 + (c - 48);
    }
    if (idStrike !== Math.round(strike * 1000)) return 'contractID disagrees with expiry/type/strike';

    const v = this.values;
    v.bid = this.num(K.bid); const bidLiteral = this.literal;
    v.ask = this.num(K.ask); const askLiteral = this.literal;
    v.last = this.num(K.last); const lastLiteral = this.literal;
    v.mark = this.num(K.mark); const markLiteral = this.literal;
    v.bidSize = this.num(K.bid_size); const bidSizeLiteral = this.literal;
    v.askSize = this.num(K.ask_size); const askSizeLiteral = this.literal;
    v.volume = this.num(K.volume); const volumeLiteral = this.literal;
    v.openInterest = this.num(K.open_interest); const openInterestLiteral = this.literal;
    v.iv = this.num(K.implied_volatility); const ivLiteral = this.literal;
    v.delta = this.num(K.delta); const deltaLiteral = this.literal;
    v.gamma = this.num(K.gamma); const gammaLiteral = this.literal;
    v.theta = this.num(K.theta); const thetaLiteral = this.literal;
    v.vega = this.num(K.vega); const vegaLiteral = this.literal;
    v.rho = this.num(K.rho); const rhoLiteral = this.literal;
    const problem = valuesProblem(v, call ? 'call' : 'put');
    if (problem) return problem;
    const { bid, ask, last, mark, bidSize, askSize, volume, openInterest, iv, delta, gamma, theta, vega, rho } = v;

    // Accepted: a contract id outside printable ASCII is JSON-escaped by the general path, so leave it to it.
    for (let i = idStart; i < idEnd; i++) if (b[i]! > 126) bail();
    const out = this.out;
    const row = out.contract(idStart - 1, idEnd + 1, vs[K.expiration]! - 1, ve[K.expiration]! + 1, expiry, call);
    out.number(N.strike, row, strike, vs[K.strike]!, ve[K.strike]!, strikeLiteral);
    out.number(N.bid, row, bid, vs[K.bid]!, ve[K.bid]!, bidLiteral);
    out.number(N.bidSize, row, Math.round(bidSize), vs[K.bid_size]!, ve[K.bid_size]!, bidSizeLiteral && Math.round(bidSize) === bidSize);
    out.number(N.ask, row, ask, vs[K.ask]!, ve[K.ask]!, askLiteral);
    out.number(N.askSize, row, Math.round(askSize), vs[K.ask_size]!, ve[K.ask_size]!, askSizeLiteral && Math.round(askSize) === askSize);
    out.number(N.last, row, last, vs[K.last]!, ve[K.last]!, lastLiteral);
    out.number(N.mark, row, mark, vs[K.mark]!, ve[K.mark]!, markLiteral);
    out.number(N.volume, row, Math.round(volume), vs[K.volume]!, ve[K.volume]!, volumeLiteral && Math.round(volume) === volume);
    out.number(N.openInterest, row, Math.round(openInterest), vs[K.open_interest]!, ve[K.open_interest]!, openInterestLiteral && Math.round(openInterest) === openInterest);
    out.number(N.iv, row, iv, vs[K.implied_volatility]!, ve[K.implied_volatility]!, ivLiteral);
    out.number(N.delta, row, delta, vs[K.delta]!, ve[K.delta]!, deltaLiteral);
    out.number(N.gamma, row, gamma, vs[K.gamma]!, ve[K.gamma]!, gammaLiteral);
    out.number(N.theta, row, theta, vs[K.theta]!, ve[K.theta]!, thetaLiteral);
    out.number(N.vega, row, vega, vs[K.vega]!, ve[K.vega]!, vegaLiteral);
    out.number(N.rho, row, rho, vs[K.rho]!, ve[K.rho]!, rhoLiteral);
    if (this.quoteDate === null && vk[K.date] === STRING) {
      const date = this.text(vs[K.date]!, ve[K.date]!);
      if (isCalendarDate(date)) this.quoteDate = date;
    }
    return null;
  }

  /** An expiry's text; the few distinct "YYYY-MM-DD" of a chain are decoded once. */
  private expiryText(start: number, end: number): string {
    const b = this.b;
    if (end - start === 10 && b[start + 4] === 45 && b[start + 7] === 45) {
      let key = 0;
      for (let i = start; i < end; i++) {
        const c = b[i]!;
        if (c === 45) continue;
        if (c < 48 || c > 57) return this.text(start, end);
        key = key * 10 + (c - 48);
      }
      let text = this.expiryTexts.get(key);
      if (text === undefined) this.expiryTexts.set(key, (text = this.text(start, end)));
      return text;
    }
    return this.text(start, end);
  }

  private result(asOf: number): ScannedChain {
    const { symbol, rows, refused, quoteDate, out } = this;
    const count = out.count;
    const skipped = rows - count;
    return {
      encoded: out.documents(symbol, asOf, quoteDate, skipped), count, rows, skipped, refused, quoteDate,
      snapshot: () => ({ symbol, asOf, quoteDate, contracts: out.contracts(), skipped }),
    };
  }
}
