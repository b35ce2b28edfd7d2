import { etDateTime } from '../market/newYorkTime';
import type { Fill, Instrument } from '../market/order';
import type { Proposal, ProposalDecision } from '../market/proposal';
import type { MorningAnalysisNote } from '../market/morningAnalysis';
import type { VpinReading } from '../market/vpinReading';
import type { MessageKind } from '../contract/distributionView';

/** One engine event as the distribution sends it: an id that is never reused, its kind, time and template facts. */
export interface DistributionEvent {
  /** With the channel, the message's idempotency key: the same event is never queued twice for a channel. */
  id: string;
  kind: MessageKind;
  at: number;
  facts: Record<string, string>;
}

const price = (value: number) => value.toFixed(2);
const time = (ts: number) => etDateTime(ts).slice(11, 16);

export function describeInstrument(i: Instrument): string {
  return i.kind === 'stock' ? i.symbol : `${i.symbol} ${i.expiry} ${i.strike} ${i.right}`;
}

export function signalEvent(proposal: Proposal, decision: ProposalDecision): DistributionEvent {
  const { order } = proposal;
  return {
    id: `signal:${proposal.id}`,
    kind: 'signal',
    at: decision.at,
    facts: {
      id: proposal.id, strategy: proposal.strategy, symbol: proposal.symbol, side: order.side, quantity: String(order.quantity),
      instrument: describeInstrument(order.instrument), limitPrice: price(order.limitPrice), stopPrice: price(order.stopPrice),
      exit: order.exit.kind === 'target' ? `target ${price(order.exit.targetPrice)}` : 'out at the close',
      confidence: `${Math.round(proposal.confidence * 100)}%`,
      reasons: proposal.reasons.map((r) => `${r.fact} ${r.value}`).join('; '),
      decidedBy: decision.by, time: time(decision.at),
    },
  };
}

export function fillEvent(fill: Fill): DistributionEvent {
  return {
    id: `fill:${fill.execId}`,
    kind: 'fill',
    at: fill.time,
    facts: {
      symbol: fill.instrument.symbol, side: fill.side, quantity: String(fill.quantity), instrument: describeInstrument(fill.instrument),
      price: price(fill.price), exchange: fill.exchange, time: time(fill.time),
    },
  };
}

export function toxicityEvent(reading: VpinReading): DistributionEvent {
  return {
    id: `toxicity:${reading.symbol}:${reading.time}:${reading.bucket}`,
    kind: 'toxicity',
    at: reading.time,
    facts: { symbol: reading.symbol, vpin: reading.vpin.toFixed(3), cdf: reading.cdf === null ? 'n/a' : reading.cdf.toFixed(2), time: time(reading.time) },
  };
}

export function morningAnalysisEvent(note: MorningAnalysisNote): DistributionEvent {
  return {
    id: `morningAnalysis:${note.id}`,
    kind: 'morningAnalysis',
    at: note.createdAt,
    facts: { tradingDay: note.tradingDay, text: note.markdown, source: note.source },
  };
}

export function dailySummaryEvent(date: string, summary: string, at: number): DistributionEvent {
  return { id: `dailySummary:${date}`, kind: 'dailySummary', at, facts: { date, summary } };
}

export function testEvent(at: number, sequence: number, text = 'Test message from AlphaTrader'): DistributionEvent {
  return { id: `test:${at}:${sequence}`, kind: 'test', at, facts: { text, time: time(at) } };
}

/** Made-up events the preview renders when the engine has not heard one of that kind yet. */
export function exampleEvent(kind: MessageKind, at: number): DistributionEvent {
  switch (kind) {
    case 'signal':
      return signalEvent(
        {
          id: 'zeroDte-SPY-1', strategy: 'zeroDte', symbol: 'SPY', confidence: 0.8, createdAt: at, expiresAt: at + 300_000, underlyingPrice: 450, status: 'approved',
          preCheck: { passed: true }, reasons: [{ fact: 'VPIN CDF', value: 0.93, asOf: at, detail: '≥ 0.9' }],
          order: { instrument: { kind: 'option', symbol: 'SPY', expiry: '20261207', strike: 450, right: 'call' }, side: 'buy', quantity: 2, limitPrice: 1.25, stopPrice: 0.62, exit: { kind: 'target', targetPrice: 2.5 } },
        } as Proposal,
        { status: 'approved', at, by: 'trader via web', reason: 'example', orderIds: [1], refusal: null, changes: null },
      );
    case 'fill':
      return fillEvent({ execId: 'example', orderId: 1, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 100, price: 450.12, exchange: 'ARCA', time: at, commission: 1 });
    case 'toxicity':
      return toxicityEvent({ symbol: 'SPY', vpin: 0.412, bucket: 120, time: at, cdf: 0.95, toxic: true, alert: true });
    case 'dailySummary':
      return dailySummaryEvent(etDateTime(at).slice(0, 10), '3 fills (2 buys, 1 sell). zeroDte: 2 proposed, 1 approved.', at);
    case 'morningAnalysis':
      return morningAnalysisEvent({ id: 'example', tradingDay: etDateTime(at).slice(0, 10), createdAt: at, source: 'rules', markdown: '**SPY** opens near the GEX flip (449.50); watch 452 (call wall).' });
    case 'test':
      return testEvent(at, 0);
  }
}
