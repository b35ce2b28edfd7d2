import type { Socket } from 'node:net';
import { encodeError, encodeManagedAccounts, encodeNextValidId } from '../encoders/systemEncoders';
import type { FaultAction } from '../gatewayFaults';
import { ERR, messageFor } from '../protocol/errorCodes';
import { IN } from '../protocol/messageIds';
import { parseRequest } from '../requests/requestParsers';
import type { Request } from '../requests/requestTypes';
import { MessageRate } from '../pacing/messageRate';
import { FrameReader, type ReaderEvent } from '../wire/frameReader';
import type { FrameWriter } from '../wire/frameWriter';
import { formatConnectionTime, negotiateVersion, parseVersionOffer } from '../wire/handshake';
import { FrameOutbox } from '../wire/frameOutbox';
import type { MarketDataSink } from '../market/marketDataSink';
import { type GatewayContext, marketDataFlowing } from './gatewayContext';
import { dispatchRequest } from './handlers/dispatch';
import { applyFault } from './sessionFaults';
import { Subscriptions } from './subscriptions';

type Encoder<T> = (w: FrameWriter, v: number, m: T) => void;

/** One client connection: handshake, START_API, request dispatch and everything it subscribed to. */
export class Session implements MarketDataSink {
  version = 0;
  clientId: number | undefined;
  /** reqMarketDataType: 1 live, 2 frozen, 3 delayed, 4 delayed-frozen. */
  marketDataType = 1;
  readonly subs = new Subscriptions();
  readonly out: FrameOutbox;
  private readonly reader = new FrameReader();
  private readonly rate: MessageRate;
  private mdFrames = 0;
  private closed = false;

  constructor(
    readonly ctx: GatewayContext,
    readonly socket: Socket,
  ) {
    this.out = new FrameOutbox(socket);
    this.out.setStalled(ctx.faults.stall);
    this.rate = new MessageRate(ctx.clock);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
  }

  get started(): boolean {
    return this.clientId !== undefined;
  }

  send<T>(encode: Encoder<T>, message: T): void {
    if (this.closed) return;
    encode(this.out.writer, this.version, message);
    this.out.committed();
  }

  /** ERR_MSG to this client; id -1 makes stoqey report it as info. */
  error(id: number, code: number, message = messageFor(code)): void {
    this.send(encodeError, { id, code, message });
  }

  mdWriter(): FrameWriter | undefined {
    if (this.closed || !marketDataFlowing(this.ctx) || !this.out.acceptsMarketData) return undefined;
    const f = this.ctx.faults;
    if (f.garbage !== 'off' && ++this.mdFrames % Math.max(1, f.garbageEvery) === 0) {
      this.out.writer.skew = f.garbage === 'extra' ? 1 : -1;
    }
    return this.out.writer;
  }

  mdDone(): void {
    this.out.committed();
  }

  onFault(a: FaultAction): void {
    if (this.started) applyFault(this, a);
  }

  /** Flushes what is queued, sends half of one more frame, then kills the socket. */
  dropMidMessage(): void {
    this.out.flushNow();
    const w = this.out.writer;
    w.begin(IN.CURRENT_TIME).int(1).int(Math.floor(this.ctx.feed.now() / 1000)).end();
    const frame = w.take();
    this.out.close();
    this.socket.write(frame.subarray(0, Math.ceil(frame.length / 2)), () => this.socket.destroy());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.out.close();
    this.subs.clear();
    this.ctx.sessions.delete(this);
    if (!this.socket.destroyed) this.socket.destroy();
  }

  /** Ends the connection after what is queued has been written. */
  closeAfterFlush(): void {
    this.out.flushNow();
    this.out.close();
    this.socket.end();
    setTimeout(() => this.close(), 200).unref();
  }

  private onData(chunk: Buffer): void {
    for (const ev of this.reader.push(chunk)) {
      if (this.closed) return;
      this.onEvent(ev);
    }
  }

  private onEvent(ev: ReaderEvent): void {
    if (ev.kind === 'hello') return this.onHello(ev.versionText);
    if (ev.kind === 'violation') {
      this.ctx.stats.malformedFrames++;
      if (this.version > 0) this.error(-1, ERR.READ_ERROR, `Error reading request: ${ev.reason}`);
      if (ev.fatal) this.closeAfterFlush();
      return;
    }
    this.onFrame(ev.fields);
  }

  private onHello(versionText: string): void {
    const offer = parseVersionOffer(versionText);
    const chosen = 'error' in offer ? offer : negotiateVersion(offer, this.ctx.maxServerVersion);
    if (typeof chosen !== 'number') {
      this.ctx.stats.malformedFrames++;
      this.socket.destroy();
      return;
    }
    this.version = chosen;
    const reply = (): void => {
      if (this.closed) return;
      const w = this.out.writer;
      w.begin(chosen).str(formatConnectionTime(this.ctx.feed.now())).end();
      this.out.committed();
    };
    if (this.ctx.faults.handshakeDelayMs > 0) setTimeout(reply, this.ctx.faults.handshakeDelayMs);
    else reply();
  }

  private onFrame(fields: string[]): void {
    const limit = this.ctx.faults.maxMessagesPerSecond;
    const r = this.rate.record(limit);
    if (r.exceeded) {
      this.ctx.stats.rateViolations++;
      if (r.firstInWindow) this.error(-1, ERR.RATE_EXCEEDED, messageFor(ERR.RATE_EXCEEDED, limit, r.count));
      return;
    }
    const parsed = parseRequest(fields, this.version);
    if (!parsed.ok) {
      if (parsed.unsupported) this.ctx.stats.unsupportedRequests++;
      else this.ctx.stats.malformedFrames++;
      const code = parsed.unsupported ? ERR.VALIDATION : ERR.READ_ERROR;
      const prefix = parsed.unsupported ? 'Error validating request' : 'Error reading request';
      return this.error(-1, code, `${prefix}: ${parsed.reason}`);
    }
    this.onRequest(parsed.request);
  }

  private onRequest(req: Request): void {
    if (req.type === 'startApi') return this.startApi(req.clientId);
    if (!this.started) {
      this.ctx.stats.rejectedRequests++;
      return this.error(-1, ERR.VALIDATION, `Error validating request: ${req.type} before START_API`);
    }
    dispatchRequest(this, req);
  }

  private startApi(clientId: number): void {
    if (this.started) return this.error(-1, ERR.VALIDATION, 'Error validating request: START_API sent twice');
    const taken = [...this.ctx.sessions].some((s) => s !== this && s.clientId === clientId);
    if (taken && this.ctx.faults.uniqueClientIds) {
      this.error(-1, ERR.DUPLICATE_CLIENT_ID);
      return this.closeAfterFlush();
    }
    this.clientId = clientId;
    this.send(encodeManagedAccounts, this.ctx.accounts);
    this.send(encodeNextValidId, this.ctx.ids.nextValidId(clientId));
    const up = this.ctx.upstream;
    this.error(-1, up.marketDataFarm ? ERR.MD_FARM_OK : ERR.MD_FARM_BROKEN);
    this.error(-1, up.historicalFarm ? ERR.HMDS_FARM_OK : ERR.HMDS_FARM_BROKEN);
    this.error(-1, ERR.SECDEF_FARM_OK);
  }
}
