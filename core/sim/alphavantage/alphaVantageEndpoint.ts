import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MarketFeed } from '../market/marketFeed';
import { BAD_KEY_BODY, dailyCapBody, PREMIUM_BODY, throttleBody, type ThrottleStyle } from './avErrors';
import { planRules, type AvPlan, type PlanRules } from './avPlan';
import { CallAllowance } from './callAllowance';
import { DailyAllowance } from './dailyAllowance';
import { NO_FAULTS, validateFaults, type AlphaVantageFaults } from './endpointFaults';
import { notEntitledOptionsBody } from './notEntitledOptions';
import { answer, PREMIUM_FUNCTIONS } from './queryRouter';

export interface AlphaVantageEndpointOptions {
  feed: MarketFeed;
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** The key callers must send; when unset any non-empty key is accepted. */
  apiKey?: string;
  /** The plan the caller's key is on (default premium600, the plan this product targets): see avPlan.ts. */
  plan?: AvPlan;
  /** Overrides the plan's calls per minute before the throttling answer. */
  callsPerMinute?: number;
  /** Overrides the plan's calls per day before the daily-cap answer (the free plan's is 25). */
  callsPerDay?: number;
  throttleStyle?: ThrottleStyle;
  /** Seeds the news articles (default 1). */
  seed?: number;
  /** Every request's query parameters as received (tests check what a client sends). */
  onRequest?: (params: URLSearchParams) => void;
  /** Wall clock for the per-minute budget and the daily allowance (tests may inject one). */
  clock?: () => number;
}

export interface AlphaVantageEndpoint {
  port: number;
  /** Base URL to configure the ingestion with, e.g. http://127.0.0.1:53117 (requests go to /query). */
  url: string;
  /** The faults in force; change them with setFaults. */
  readonly faults: Readonly<AlphaVantageFaults>;
  setFaults(patch: Partial<AlphaVantageFaults>): void;
  clearFaults(): void;
  /** Calls received per function (every call counts: served, refused and throttled). */
  callCounts(): Record<string, number>;
  /** Calls answered as over the rate limit (per minute or per day). */
  throttledCount(): number;
  /** The plan's rules in force. */
  readonly plan: Readonly<PlanRules>;
  resetCounts(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: string;
}

export async function startAlphaVantageEndpoint(options: AlphaVantageEndpointOptions): Promise<AlphaVantageEndpoint> {
  const plan = planRules(options.plan, { callsPerMinute: options.callsPerMinute, callsPerDay: options.callsPerDay });
  const perMinute = plan.callsPerMinute === null ? null : new CallAllowance(plan.callsPerMinute, options.clock);
  const perDay = plan.callsPerDay === null ? null : new DailyAllowance(plan.callsPerDay, options.clock);
  const faults: AlphaVantageFaults = { ...NO_FAULTS };
  const counts = new Map<string, number>();
  let throttled = 0;
  const pending = new Set<NodeJS.Timeout>();

  const reply = (params: URLSearchParams): Reply => {
    const fn = (params.get('function') ?? '').trim().toUpperCase();
    counts.set(fn, (counts.get(fn) ?? 0) + 1);
    if (faults.serverErrorStatus) return { status: faults.serverErrorStatus, body: '<html><body><h1>Service Unavailable</h1></body></html>' };
    const key = params.get('apikey')?.trim();
    if (faults.throttleAll || (perMinute && !perMinute.tryTake())) {
      throttled++;
      return json(throttleBody(options.throttleStyle ?? 'Information'));
    }
    // As on the real service, even a made-up key gets the daily-cap answer, which echoes the key.
    if (perDay && !perDay.tryTake()) {
      throttled++;
      return json(dailyCapBody(key ?? '', plan.callsPerDay ?? 0));
    }
    if (!key || (options.apiKey !== undefined && key !== options.apiKey)) return json(BAD_KEY_BODY);
    if (fn === 'REALTIME_OPTIONS' && !plan.realtimeOptions) return json(notEntitledOptionsBody(params.get('require_greeks')?.toLowerCase() === 'true'));
    if (!plan.premiumFunctions && PREMIUM_FUNCTIONS.has(fn)) return json(PREMIUM_BODY);
    return json(answer({ fn, params, feed: options.feed, seed: options.seed ?? 1, plan }));
  };

  const json = (value: unknown): Reply => {
    const body = JSON.stringify(value);
    return { status: 200, body: faults.truncateJson ? body.slice(0, Math.floor(body.length / 2)) : body };
  };

  const server = http.createServer((req, res) => {
    const send = (r: Reply): void => {
      const isJson = r.status === 200;
      res.writeHead(r.status, { 'content-type': isJson ? 'application/json' : 'text/html' });
      res.end(r.body);
    };
    let result: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET') result = { status: 405, body: 'method not allowed' };
      else if (url.pathname !== '/query') result = { status: 404, body: 'not found' };
      else {
        options.onRequest?.(url.searchParams);
        result = reply(url.searchParams);
      }
    } catch (err) {
      result = { status: 500, body: `internal error: ${(err as Error).message}` };
    }
    if (faults.delayMs <= 0) return send(result);
    const timer = setTimeout(() => {
      pending.delete(timer);
      send(result);
    }, faults.delayMs);
    pending.add(timer);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    faults,
    plan,
    setFaults(patch) {
      validateFaults(patch);
      Object.assign(faults, patch);
    },
    clearFaults() {
      Object.assign(faults, NO_FAULTS);
    },
    callCounts: () => Object.fromEntries(counts),
    throttledCount: () => throttled,
    resetCounts() {
      counts.clear();
      throttled = 0;
      perMinute?.reset();
      perDay?.reset();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of pending) clearTimeout(t);
        pending.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
