import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventName, IBApi } from '@stoqey/ib';
import { createMarketModel, type MarketModel } from '../../../core/sim/market/marketModel';
import { startGateway, type GatewayOptions, type SimulatedGateway } from '../../../core/sim/gateway/gateway';

export interface Harness {
  market: MarketModel;
  gateway: SimulatedGateway;
  stateDir: string;
  stop(): Promise<void>;
}

/**
 * The real market model (not started: tests drive its clock with advance()) behind a gateway on a free port. The
 * market clock starts at `startTs` (default Monday 2025-01-06 09:30 New York), never at the wall clock.
 */
export async function startHarness(
  opts: Partial<Omit<GatewayOptions, 'feed'>> & { seed?: number; symbols?: string[]; startTs?: number } = {},
): Promise<Harness> {
  const market = createMarketModel({ seed: opts.seed ?? 42, symbols: opts.symbols, startTs: opts.startTs });
  const stateDir = opts.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sim-gw-'));
  const gateway = await startGateway({ ...opts, feed: market, stateDir, port: 0 });
  return { market, gateway, stateDir, stop: () => gateway.stop() };
}

export interface IbError {
  message: string;
  code: number;
  reqId: number;
}

export interface ConnectedClient {
  ib: IBApi;
  errors: IbError[];
  infos: Array<{ message: string; code: number }>;
  nextValidId: number;
  serverVersion: number;
  disconnect(): void;
}

/** A real @stoqey/ib IBApi connected over TCP, resolved once NEXT_VALID_ID arrived. */
export async function connectClient(port: number, clientId: number): Promise<ConnectedClient> {
  const ib = new IBApi({ host: '127.0.0.1', port, clientId });
  const errors: IbError[] = [];
  const infos: Array<{ message: string; code: number }> = [];
  ib.on(EventName.error, (err: Error, code: number, reqId: number) => errors.push({ message: err.message, code, reqId }));
  ib.on(EventName.info, (message: string, code: number) => infos.push({ message, code }));
  const nextValidId = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no nextValidId within 5 s')), 5000);
    ib.once(EventName.nextValidId, (id: number) => {
      clearTimeout(timer);
      resolve(id);
    });
    ib.connect(clientId);
  });
  return { ib, errors, infos, nextValidId, serverVersion: ib.serverVersion, disconnect: () => ib.disconnect() };
}

/** Resolves with the first event args for which `match` holds. */
export function waitFor<T extends unknown[]>(ib: IBApi, event: EventName, match: (...args: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      if (!match(...(args as T))) return;
      clearTimeout(timer);
      (ib as unknown as Untyped).off(event, listener);
      resolve(args as T);
    };
    const timer = setTimeout(() => {
      (ib as unknown as Untyped).off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    onAny(ib, event, listener);
  });
}

/** Drives the market clock in steps, letting the sockets flush between steps. */
export async function runMarket(market: MarketModel, ms: number, stepMs = 250): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    market.advance(stepMs);
    await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 20));
}

type Listener = (...args: unknown[]) => void;
interface Untyped {
  on(event: string, l: Listener): void;
  off(event: string, l: Listener): void;
}

/** IBApi's overloads want a literal event name; the helpers below take any. */
export function onAny(ib: IBApi, event: EventName, l: Listener): void {
  (ib as unknown as Untyped).on(event, l);
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
