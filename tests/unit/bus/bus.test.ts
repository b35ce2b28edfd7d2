import { describe, expect, it } from 'vitest';
import { CommandUnavailableError } from '../../../core/bus/bus';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { Trade } from '../../../core/market/trade';

const trade = (n: number): Trade => ({ symbol: 'SPY', price: 450 + n / 100, size: 100, ts: n, receivedAt: n, totalVolume: 0, vwap: 0, aggressor: 'buy' });

describe('the engine bus', () => {
  it('delivers every event to every subscriber, in order, before publish returns', () => {
    const bus = createEngineBus();
    const first: number[] = [];
    const second: number[] = [];
    bus.subscribe('tradePrinted', (t) => first.push(t.ts));
    bus.subscribe('tradePrinted', (t) => second.push(t.ts));
    for (let n = 1; n <= 1000; n++) bus.publish('tradePrinted', trade(n));
    const all = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(first).toEqual(all);
    expect(second).toEqual(all);
  });

  it('hands subscribers the publisher’s own object, not a copy', () => {
    const bus = createEngineBus();
    const published = trade(1);
    let heard: Trade | undefined;
    bus.subscribe('tradePrinted', (t) => (heard = t));
    bus.publish('tradePrinted', published);
    expect(heard).toBe(published);
  });

  it('logs and counts a subscriber that throws, and the others still get the event', () => {
    const failures: string[] = [];
    const bus = createEngineBus((topic, error) => failures.push(`${topic}: ${(error as Error).message}`));
    const heard: number[] = [];
    bus.subscribe('tradePrinted', () => {
      throw new Error('broken subscriber');
    });
    bus.subscribe('tradePrinted', (t) => heard.push(t.ts));
    expect(() => bus.publish('tradePrinted', trade(1))).not.toThrow();
    bus.publish('tradePrinted', trade(2));
    expect(heard).toEqual([1, 2]);
    expect(failures).toEqual(['tradePrinted: broken subscriber', 'tradePrinted: broken subscriber']);
    expect(bus.subscriberFailures).toEqual({ tradePrinted: 2 });
  });

  it('stops delivering to a subscriber that unsubscribed, even during a publish, without skipping the others', () => {
    const bus = createEngineBus();
    const heard: string[] = [];
    const off = bus.subscribe('tradePrinted', (t) => {
      heard.push(`a${t.ts}`);
      off();
    });
    bus.subscribe('tradePrinted', (t) => heard.push(`b${t.ts}`));
    bus.publish('tradePrinted', trade(1));
    bus.publish('tradePrinted', trade(2));
    expect(heard).toEqual(['a1', 'b1', 'b2']);
  });

  it('refuses a command nobody serves yet by name, and answers it once a service serves it', async () => {
    const bus = createEngineBus();
    const order = {
      clientOrderKey: 'o-1', instrument: { kind: 'stock' as const, symbol: 'SPY' }, side: 'buy' as const, quantity: 1, type: 'MKT' as const,
      tif: 'DAY' as const, outsideRth: false, source: 'ticket' as const, requestedBy: 'test', reason: 'test',
    };
    await expect(bus.send('submitOrder', order)).rejects.toThrow(CommandUnavailableError);
    await expect(bus.send('submitOrder', order)).rejects.toThrow(/submitOrder/);
    const withdraw = bus.serve('submitOrder', async (input) => ({ clientOrderKey: input.clientOrderKey, orderIds: [7], duplicate: false }));
    await expect(bus.send('submitOrder', order)).resolves.toEqual({ clientOrderKey: 'o-1', orderIds: [7], duplicate: false });
    expect(() => bus.serve('submitOrder', async () => ({ clientOrderKey: 'x', orderIds: [], duplicate: false }))).toThrow(/already has a handler/);
    withdraw();
    await expect(bus.send('submitOrder', order)).rejects.toThrow(CommandUnavailableError);
  });
});
