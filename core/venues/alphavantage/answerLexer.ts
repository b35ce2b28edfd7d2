import { contractNumber } from './optionContract';

/** The kinds of a field's value. */
export const ABSENT = 0, STRING = 1, NUMBER = 2, OTHER = 3;
// How num() reads a field: from its text, or the number read during the scan (a JSON literal of it, or not).
const SLOW = 0, FAST = 1, FAST_LITERAL = 2;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** JSON white space: space, line feed, carriage return, tab. */
export const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** Thrown when the text is not of the plain shape the lexer reads; the caller takes the general path. */
export class ScanBail extends Error {}
export const bail = (): never => {
  throw new ScanBail();
};

const NULL = Buffer.from('null'), TRUE = Buffer.from('true'), FALSE = Buffer.from('false');

/**
 * The JSON reading under chainScanner: UTF-8 bytes ending in a 0 (every loop stops at it), plain values only
 * (strings without escapes or control characters, numbers, true, false, null; anything else bails), and flat
 * objects whose fields of interest land in vs / ve / vk, with a plain decimal string read as its number on the way.
 */
export class AnswerLexer {
  protected pos = 0;
  // The current row: where each field's value starts and ends (strings without their quotes), and its kind.
  protected readonly vs: Int32Array;
  protected readonly ve: Int32Array;
  protected readonly vk: Uint8Array;
  // A string field holding a plain decimal: its number, read during the scan (fast = FAST or FAST_LITERAL).
  protected readonly value: Float64Array;
  protected readonly fast: Uint8Array;
  /** Whether the last number read by num() may be copied as it is (a JSON number literal). */
  protected literal = false;
  // The keys of the previous row (`"key":` bytes, and their field or -1), to check the next key at once.
  protected readonly orderKeys: Uint8Array[] = [];
  protected readonly orderFields: number[] = [];

  constructor(
    protected readonly b: Uint8Array,
    protected readonly size: number,
    /** The fields of interest of a row, by key. */
    private readonly fieldIndex: ReadonlyMap<string, number>,
  ) {
    const fields = fieldIndex.size;
    this.vs = new Int32Array(fields);
    this.ve = new Int32Array(fields);
    this.vk = new Uint8Array(fields);
    this.value = new Float64Array(fields);
    this.fast = new Uint8Array(fields);
  }

  protected ws(): void {
    const b = this.b;
    let c = b[this.pos]!;
    while (isSpace(c)) c = b[++this.pos]!;
  }

  protected expect(code: number): void {
    if (this.b[this.pos]! !== code) bail();
    this.pos++;
  }

  /** A string at pos (its opening quote); returns its end (the closing quote). No escapes, no control characters. */
  protected stringEnd(): number {
    const b = this.b;
    let i = this.pos + 1;
    for (;;) {
      const c = b[i]!;
      if (c === 34) return i;
      if (c === 92 || c < 32) bail(); // escape, control character or the 0 after the text
      i++;
    }
  }

  protected key(): string {
    if (this.b[this.pos]! !== 34) bail();
    const end = this.stringEnd();
    const key = Buffer.prototype.toString.call(this.b, 'utf8', this.pos + 1, end);
    this.pos = end + 1;
    return key;
  }

  /** A JSON number token at pos; returns its end. */
  protected numberEnd(): number {
    const b = this.b;
    let i = this.pos;
    let c = b[i]!;
    if (c === 45) c = b[++i]!;
    if (c === 48) c = b[++i]!;
    else if (c >= 49 && c <= 57) while (c >= 48 && c <= 57) c = b[++i]!;
    else bail();
    if (c === 46) {
      c = b[++i]!;
      if (!(c >= 48 && c <= 57)) bail();
      while (c >= 48 && c <= 57) c = b[++i]!;
    }
    if (c === 101 || c === 69) {
      c = b[++i]!;
      if (c === 43 || c === 45) c = b[++i]!;
      if (!(c >= 48 && c <= 57)) bail();
      while (c >= 48 && c <= 57) c = b[++i]!;
    }
    return i;
  }

  /** Skips a string, number, true, false or null (a nested value: general path). Returns its kind. */
  protected plainValue(): number {
    const b = this.b;
    const c = b[this.pos]!;
    if (c === 34) {
      this.pos = this.stringEnd() + 1;
      return STRING;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      this.pos = this.numberEnd();
      return NUMBER;
    }
    for (const word of [NULL, TRUE, FALSE]) {
      if (this.at(word, this.pos)) {
        this.pos += word.length;
        return OTHER;
      }
    }
    return bail();
  }

  /**
   * One row's fields (pos after its `{`) into vs / ve / vk. The hot loop of the scanner: a string value is read
   * once, and a plain decimal in it ("12.35", "-0.12140") becomes its number on the way (see num()).
   */
  protected row(): void {
    const b = this.b, vs = this.vs, ve = this.ve, vk = this.vk, fast = this.fast, value = this.value;
    const orderKeys = this.orderKeys, orderFields = this.orderFields;
    vk.fill(ABSENT);
    let p = this.pos;
    let c = b[p]!;
    while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p]!;
    if (c === 125) {
      this.pos = p + 1;
    } else {
      for (let n = 0; ; n++) {
        while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p]!;
        // The key: most rows repeat the previous row's keys in the same order.
        let field = -1;
        let matched = false;
        if (n < orderKeys.length) {
          const key = orderKeys[n]!;
          const length = key.length;
          let i = 0;
          while (i < length && b[p + i] === key[i]) i++;
          if (i === length) {
            field = orderFields[n]!;
            p += length;
            matched = true;
          }
        }
        if (!matched) {
          this.pos = p;
          const key = this.key();
          field = this.fieldIndex.get(key) ?? -1;
          this.ws();
          this.expect(58);
          p = this.pos;
          orderKeys.length = orderFields.length = n; // the order changed: learn it again from here
          orderKeys.push(Buffer.from(`${JSON.stringify(key)}:`));
          orderFields.push(field);
        }
        c = b[p]!;
        while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p]!;
        if (c === 34) {
          const start = ++p;
          c = b[p]!;
          const negative = c === 45;
          if (negative) c = b[++p]!;
          const intStart = p;
          let m = 0;
          while (c >= 48 && c <= 57) {
            m = m * 10 + (c - 48);
            c = b[++p]!;
          }
          const intDigits = p - intStart;
          let decimals = -1;
          if (c === 46 && intDigits > 0) {
            c = b[++p]!;
            const fracStart = p;
            while (c >= 48 && c <= 57) {
              m = m * 10 + (c - 48);
              c = b[++p]!;
            }
            decimals = p - fracStart;
          }
          let plain = false;
          if (c === 34) {
            // -?digits(.digits)? with at most 15 digits: mantissa / 10^decimals is exactly what Number() gives.
            plain = intDigits > 0 && decimals !== 0 && intDigits + (decimals > 0 ? decimals : 0) <= 15;
            if (plain && field >= 0) {
              const v = decimals > 0 ? m / POW10[decimals]! : m;
              value[field] = negative ? -v : v;
              fast[field] = intDigits === 1 || b[intStart] !== 48 ? FAST_LITERAL : FAST;
            }
          } else {
            while (c !== 34) {
              if (c === 92 || c < 32) bail(); // escape, control character or the 0 after the text
              c = b[++p]!;
            }
          }
          if (field >= 0) {
            vk[field] = STRING;
            vs[field] = start;
            ve[field] = p;
            if (!plain) fast[field] = SLOW;
          }
          c = b[++p]!;
        } else {
          this.pos = p;
          const kind = this.plainValue();
          if (field >= 0) {
            vk[field] = kind;
            vs[field] = p;
            ve[field] = this.pos;
            fast[field] = SLOW;
          }
          p = this.pos;
          c = b[p]!;
        }
        while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p]!;
        p++;
        if (c === 125) break;
        if (c !== 44) bail();
        c = b[p]!;
      }
      this.pos = p;
    }
  }

  /** Whether `bytes` are at `pos`. */
  protected at(bytes: Uint8Array, pos: number): boolean {
    const b = this.b;
    for (let i = 0; i < bytes.length; i++) if (b[pos + i] !== bytes[i]) return false;
    return true;
  }

  protected isString(field: number, bytes: Uint8Array): boolean {
    return this.vk[field] === STRING && this.ve[field]! - this.vs[field]! === bytes.length && this.at(bytes, this.vs[field]!);
  }

  /** Whether the ASCII `text` is at `pos`. */
  protected atText(text: string, pos: number): boolean {
    const b = this.b;
    for (let i = 0; i < text.length; i++) if (b[pos + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  protected text(start: number, end: number): string {
    return Buffer.prototype.toString.call(this.b, 'utf8', start, end);
  }

  /**
   * A field as readOptionContract's num() reads it (NaN where num() gives undefined); sets `literal` when its text
   * is a JSON number literal of that same value.
   */
  protected num(field: number): number {
    const kind = this.vk[field];
    this.literal = false;
    if (kind !== STRING && kind !== NUMBER) return NaN;
    const state = this.fast[field];
    if (state !== SLOW) {
      this.literal = state === FAST_LITERAL;
      return this.value[field]!;
    }
    const s = this.vs[field]!, e = this.ve[field]!;
    const text = this.text(s, e);
    const value = kind === STRING ? contractNumber(text) : Number(text);
    if (value === undefined || !Number.isFinite(value)) return NaN;
    this.literal = JSON_NUMBER.test(text);
    return value;
  }
}
