import { priceProblem, sizeProblem } from './plausibility';

/** A parsed RTVolume (generic tick 233) value: "price;size;timeMs;totalVolume;vwap;singleTrade". */
export interface RtVolume {
  /** Undefined on volume-only updates (empty price and size). */
  price: number | undefined;
  size: number | undefined;
  ts: number;
  totalVolume: number;
  vwap: number;
}

/** Parses RTVolume; returns a string naming the problem when the text is malformed. */
export function parseRtVolume(text: string): RtVolume | string {
  const parts = text.split(';');
  if (parts.length < 5) return `RTVolume "${text}" has ${parts.length} fields, expected 6`;
  const [p, s, t, v, w] = parts as [string, string, string, string, string];
  const ts = Number(t);
  const totalVolume = Number(v);
  const vwap = w === '' ? 0 : Number(w);
  if (!Number.isFinite(ts) || ts <= 0) return `RTVolume "${text}": time ${t} is not epoch milliseconds`;
  const volumeProblem = sizeProblem(totalVolume);
  if (volumeProblem) return `RTVolume "${text}": total volume: ${volumeProblem}`;
  if (!Number.isFinite(vwap) || vwap < 0) return `RTVolume "${text}": vwap ${w} is not a price`;
  if (p === '' && s === '') return { price: undefined, size: undefined, ts, totalVolume, vwap };
  const price = Number(p);
  const size = Number(s);
  const problem = priceProblem(price) ?? sizeProblem(size);
  if (problem) return `RTVolume "${text}": ${problem}`;
  return { price, size, ts, totalVolume, vwap };
}
