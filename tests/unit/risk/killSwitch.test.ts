import { describe, expect, test } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { TradingState, TradingStateName } from '../../../core/contract/contract';
import { KillSwitch } from '../../../core/risk/killSwitch';
import { Topic } from '../../../core/runtime/topic';

function killSwitchWith(starting: TradingStateName) {
  const bus = createEngineBus();
  const topic = new Topic<TradingState>();
  const state = (name: TradingStateName, persisted = true): TradingState => ({ state: name, changedAt: Date.now(), changedBy: 'trader via websocket', reason: 'test', persisted });
  topic.publish(state(starting));
  const requests: Array<{ requestedBy: string; reason: string }> = [];
  bus.serve('cancelAll', async (input) => (requests.push(input), { cancelled: [] }));
  const killSwitch = new KillSwitch(bus, { topic });
  killSwitch.start();
  return { requests, set: (name: TradingStateName, persisted = true) => topic.publish(state(name, persisted)), killSwitch };
}

describe('the kill switch: HALT cancels', () => {
  test('becoming HALTED asks for every working order to be cancelled, with who halted and why', () => {
    const k = killSwitchWith('ACTIVE');
    k.set('HALTED', false);
    expect(k.requests).toEqual([{ requestedBy: 'kill switch', reason: 'trading state HALTED by trader via websocket: test' }]);
  });

  test('REDUCING → HALTED cancels too; the same HALT being recorded (persisted) does not cancel again', () => {
    const k = killSwitchWith('REDUCING');
    k.set('HALTED', false);
    k.set('HALTED', true);
    expect(k.requests).toHaveLength(1);
  });

  test('the state the engine starts in is no change: a HALTED start cancels nothing, nor does REDUCING', () => {
    const k = killSwitchWith('HALTED');
    k.set('ACTIVE');
    k.set('REDUCING');
    expect(k.requests).toEqual([]);
    k.set('HALTED');
    expect(k.requests).toHaveLength(1);
  });

  test('after stop it no longer cancels', () => {
    const k = killSwitchWith('ACTIVE');
    k.killSwitch.stop();
    k.set('HALTED');
    expect(k.requests).toEqual([]);
  });
});
