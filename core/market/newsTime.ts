/**
 * News `time_published` ("20250103T143000") is UTC, unlike every other Alpha Vantage time (US/Eastern): checked
 * against recorded articles whose own text gives the local time. Epoch ms, or undefined when unreadable.
 */
export function parseNewsTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/.exec(text.trim());
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return undefined;
  const ts = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  return new Date(ts).getUTCDate() === d ? ts : undefined; // no 31 February
}
