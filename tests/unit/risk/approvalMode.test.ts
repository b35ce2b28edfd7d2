import { describe, expect, test } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import { ApprovalMode, type ApprovalModeName } from '../../../core/risk/approvalMode';

function rule(configured: ApprovalModeName, deadManSeconds = 30) {
  let now = 1_000_000;
  let cockpits = 0;
  const bus = createEngineBus();
  const published: unknown[] = [];
  bus.subscribe('approvalModeChanged', (e) => published.push(e));
  const mode = new ApprovalMode({ bus, configured, deadManSeconds, cockpits: () => cockpits, clock: () => now });
  return {
    mode,
    published,
    pass: (seconds: number) => {
      now += seconds * 1_000;
      mode.check();
    },
    setCockpits: (n: number) => (cockpits = n),
  };
}

describe('the dead-man rule: automatic approval needs a cockpit', () => {
  test('with auto approval and no cockpit for deadManSeconds, approval falls back to manual and says why', () => {
    const r = rule('auto', 30);
    r.pass(29);
    expect(r.mode.current.mode).toBe('auto');
    r.pass(1);
    expect(r.mode.current).toMatchObject({ mode: 'manual', changedBy: 'engine', reason: expect.stringContaining('no cockpit connected for 30 s') });
    expect(r.published).toEqual([r.mode.current]);
  });

  test('a connected cockpit keeps auto approval on, and the count starts again when it leaves', () => {
    const r = rule('auto', 30);
    r.setCockpits(1);
    r.pass(100);
    expect(r.mode.current.mode).toBe('auto');
    r.setCockpits(0);
    r.pass(20);
    expect(r.mode.current.mode).toBe('auto');
    r.pass(10);
    expect(r.mode.current.mode).toBe('manual');
  });

  test('it never switches manual to auto, and publishes nothing while manual', () => {
    const r = rule('manual', 30);
    r.pass(100);
    r.setCockpits(1);
    r.pass(100);
    expect(r.mode.current.mode).toBe('manual');
    expect(r.published).toEqual([]);
  });

  test('falls back once, not at every later check', () => {
    const r = rule('auto', 5);
    r.pass(5);
    r.pass(5);
    r.pass(5);
    expect(r.published).toHaveLength(1);
  });
});
