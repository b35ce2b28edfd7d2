/**
 * Patches between two JSON-like values, so a stream sends what changed instead of the whole value again (a book
 * level, the newest prints, the few option quotes that moved). Browser-safe.
 *
 * - `{ v }`: the new value whole.
 * - `{ o, d? }`: an object: patches of the changed keys, names of the removed ones.
 * - `{ a, s }`: an array of new length `a`; `s` holds the patches of changed indexes.
 * - `{ k: [drop, keep], n }`: an array that moved on (a rolling window such as "the newest 50 prints"):
 *   the previous array without its first `drop` items, of which the first `keep` stay, then the items `n`.
 * - `{ r: [head, tail], n }`: an array changed in one stretch (a book level inserted or removed): the previous
 *   array's first `head` and last `tail` items with the items `n` between them.
 *
 * Applying a patch shares every unchanged part with the previous value (same object identity), so a consumer can
 * tell unchanged rows by `===`.
 */
export type ValuePatch =
  | { v: unknown }
  | { o: Record<string, ValuePatch>; d?: string[] }
  | { a: number; s: Record<number, ValuePatch> }
  | { k: [number, number]; n: unknown[] }
  | { r: [number, number]; n: unknown[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  for (const key of ak) if (!(key in bo) || !deepEqual((a as Record<string, unknown>)[key], bo[key])) return false;
  return true;
}

/** The patch from `previous` to `next`, or null when they are equal. Both must be JSON-like (no cycles). */
export function diffValue(previous: unknown, next: unknown): ValuePatch | null {
  if (deepEqual(previous, next)) return null;
  if (Array.isArray(previous) && Array.isArray(next)) return diffArray(previous, next);
  if (isObject(previous) && isObject(next)) {
    const o: Record<string, ValuePatch> = {};
    for (const key of Object.keys(next)) {
      const patch = key in previous ? diffValue(previous[key], next[key]) : { v: next[key] };
      if (patch) o[key] = patch;
    }
    const d = Object.keys(previous).filter((key) => !(key in next));
    return d.length ? { o, d } : { o };
  }
  return { v: next };
}

/** The cheapest of: changed indexes, one changed stretch, a rolling window; or the array whole. */
function diffArray(previous: readonly unknown[], next: readonly unknown[]): ValuePatch {
  const s: Record<number, ValuePatch> = {};
  let changed = 0;
  for (let i = 0; i < next.length; i++) {
    const patch = i < previous.length ? diffValue(previous[i], next[i]) : { v: next[i] };
    if (patch) {
      s[i] = patch;
      changed++;
    }
  }
  let best: ValuePatch = { a: next.length, s };
  let cost = changed;
  for (const candidate of [stretchPatch(previous, next), shiftPatch(previous, next)]) {
    if (candidate && candidate.n.length < cost) {
      best = candidate;
      cost = candidate.n.length;
    }
  }
  return cost > next.length / 2 && next.length > 4 ? { v: next } : best;
}

function stretchPatch(previous: readonly unknown[], next: readonly unknown[]): { r: [number, number]; n: unknown[] } {
  const shorter = Math.min(previous.length, next.length);
  let head = 0;
  while (head < shorter && deepEqual(previous[head], next[head])) head++;
  let tail = 0;
  while (tail < shorter - head && deepEqual(previous[previous.length - 1 - tail], next[next.length - 1 - tail])) tail++;
  return { r: [head, tail], n: next.slice(head, next.length - tail) };
}

function shiftPatch(previous: readonly unknown[], next: readonly unknown[]): { k: [number, number]; n: unknown[] } | null {
  if (previous.length === 0 || next.length === 0) return null;
  const drop = previous.findIndex((item) => deepEqual(item, next[0]));
  if (drop <= 0) return null;
  let keep = 0;
  while (drop + keep < previous.length && keep < next.length && deepEqual(previous[drop + keep], next[keep])) keep++;
  return { k: [drop, keep], n: next.slice(keep) };
}

/** `previous` with `patch` applied; unchanged parts are the very objects of `previous`. */
export function applyPatch(previous: unknown, patch: ValuePatch): unknown {
  if ('v' in patch) return patch.v;
  if ('o' in patch) {
    const out: Record<string, unknown> = { ...(isObject(previous) ? previous : {}) };
    for (const [key, sub] of Object.entries(patch.o)) out[key] = applyPatch(out[key], sub);
    for (const key of patch.d ?? []) delete out[key];
    return out;
  }
  const base = Array.isArray(previous) ? previous : [];
  if ('k' in patch) {
    const [drop, keep] = patch.k;
    return base.slice(drop, drop + keep).concat(patch.n);
  }
  if ('r' in patch) {
    const [head, tail] = patch.r;
    return base.slice(0, head).concat(patch.n, base.slice(base.length - tail));
  }
  const out = base.slice(0, patch.a);
  for (const [index, sub] of Object.entries(patch.s)) out[Number(index)] = applyPatch(out[Number(index)], sub);
  return out;
}

/** Values shorter than this as JSON are always sent whole. */
export const SMALL_VALUE_CHARS = 1024;

/** A value read for sending: its JSON, and for a large value the JSON copy the peer will hold. */
export type ValueSnapshot = { large: false; json: string; value: unknown } | { large: true; json: string; held: unknown };

/** What to send for a value (whole, as a patch, or neither: unchanged) and what the peer holds then. */
export interface EncodedValue {
  value?: unknown;
  patch?: ValuePatch;
  held: unknown;
  /** `value` or `patch` as JSON (absent when neither is sent), so a text transport need not serialise it again. */
  json?: string;
}

export function snapshotValue(value: unknown): ValueSnapshot {
  const json = JSON.stringify(value ?? null);
  // A small value (a quote) goes whole: diffing it would cost the engine more than the bytes it saves.
  if (json.length < SMALL_VALUE_CHARS) return { large: false, json, value };
  return { large: true, json, held: JSON.parse(json) };
}

/** encodeValue for a value already read (snapshotValue), so its reading can be shared. */
export function encodeSnapshot(previous: unknown, snapshot: ValueSnapshot): EncodedValue {
  if (!snapshot.large) return { value: snapshot.value, held: undefined, json: snapshot.json };
  const { json, held } = snapshot;
  if (previous === undefined) return { value: held, held, json };
  const patch = diffValue(previous, held);
  if (!patch) return { held };
  const patchJson = JSON.stringify(patch);
  return patchJson.length < json.length * 0.8 ? { patch, held, json: patchJson } : { value: held, held, json };
}

/**
 * What to send for `value` when the peer holds `previous` (a value this function returned before, or undefined):
 * the patch when it is clearly smaller than the value, else the value; and what the peer holds afterwards (a
 * JSON copy, so later changes made in place to `value` by its publisher are still seen as changes).
 */
export function encodeValue(previous: unknown, value: unknown): EncodedValue {
  return encodeSnapshot(previous, snapshotValue(value));
}
