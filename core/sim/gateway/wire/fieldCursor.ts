/**
 * Reads request tokens the way TWS does: "" and the MAX sentinels mean "unset", and "" is accepted for any number.
 */
export class RequestParseError extends Error {
  override readonly name = 'RequestParseError';
}

const UNSET_DOUBLE = 1.7976931348623157e308;
const UNSET_INT = 2147483647;

export class FieldCursor {
  private at = 0;

  constructor(
    readonly fields: readonly string[],
    start = 0,
  ) {
    this.at = start;
  }

  get remaining(): number {
    return this.fields.length - this.at;
  }

  get position(): number {
    return this.at;
  }

  str(what: string): string {
    const v = this.fields[this.at];
    if (v === undefined) throw new RequestParseError(`missing field "${what}" at token ${this.at}`);
    this.at++;
    return v;
  }

  /** A string that may be absent at the end of the message (older clients send fewer trailing fields). */
  optionalStr(): string {
    const v = this.fields[this.at];
    if (v === undefined) return '';
    this.at++;
    return v;
  }

  int(what: string): number {
    return this.intOrUnset(what) ?? 0;
  }

  intOrUnset(what: string): number | undefined {
    const raw = this.str(what).trim();
    if (raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || !Number.isInteger(n)) throw new RequestParseError(`field "${what}" is not an integer: "${raw}"`);
    return n === UNSET_INT ? undefined : n;
  }

  num(what: string): number | undefined {
    const raw = this.str(what).trim();
    if (raw === '') return undefined;
    const n = Number(raw.replaceAll(',', ''));
    if (Number.isNaN(n)) throw new RequestParseError(`field "${what}" is not a number: "${raw}"`);
    return n >= UNSET_DOUBLE || n === Infinity ? undefined : n;
  }

  bool(what: string): boolean {
    const raw = this.str(what).trim().toLowerCase();
    if (raw === '' || raw === '0' || raw === 'false') return false;
    if (raw === '1' || raw === 'true') return true;
    const n = Number(raw);
    if (Number.isNaN(n)) throw new RequestParseError(`field "${what}" is not a boolean: "${raw}"`);
    return n !== 0;
  }

  skip(count: number, what: string): void {
    for (let i = 0; i < count; i++) this.str(what);
  }
}
