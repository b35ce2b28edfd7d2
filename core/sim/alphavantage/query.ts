import type { MarketFeed } from '../market/marketFeed';
import type { PlanRules } from './avPlan';
import { invalidCall } from './avErrors';

/** One parsed request, as every function handler sees it. */
export interface Query {
  fn: string;
  params: URLSearchParams;
  feed: MarketFeed;
  seed: number;
  /** The caller's plan: which intraday entitlements it honours. */
  plan: PlanRules;
}

export type QueryHandler = (q: Query) => unknown;

export function param(q: Query, name: string): string | undefined {
  const value = q.params.get(name);
  return value === null || value.trim() === '' ? undefined : value.trim();
}

/** The `symbol` parameter, which must name a symbol the market has. */
export function knownSymbol(q: Query): string {
  const symbol = param(q, 'symbol')?.toUpperCase();
  if (!symbol || !q.feed.symbol(symbol)) throw invalidCall(q.fn);
  return symbol;
}

/** A positive integer parameter; `fallback` when absent, an error when malformed or absent without fallback. */
export function positiveInt(q: Query, name: string, fallback?: number): number {
  const text = param(q, name);
  if (text === undefined) {
    if (fallback === undefined) throw invalidCall(q.fn);
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw invalidCall(q.fn);
  return value;
}

export function positiveNumber(q: Query, name: string, fallback: number): number {
  const text = param(q, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw invalidCall(q.fn);
  return value;
}

export function oneOf<T extends string>(q: Query, name: string, allowed: readonly T[], fallback?: T): T {
  const text = param(q, name);
  if (text === undefined && fallback !== undefined) return fallback;
  const found = allowed.find((a) => a.toLowerCase() === text?.toLowerCase());
  if (!found) throw invalidCall(q.fn);
  return found;
}
