import type { Redis } from 'ioredis';
import { afterEach, describe, expect, test } from 'vitest';
import type { RiskView } from '../../../core/contract/contract';
import { keys } from '../../../core/store/keys';
import { contractOf, eventually, redisOf } from '../../support/engineContract';
import { shippedConfig, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';

const DEAD_MAN_SECONDS = 2;

const storedApproval = async (redis: Redis) => JSON.parse((await redis.get(keys.risk.approval.key)) ?? 'null') as { mode: string; changedBy: string; reason: string } | null;

describe('the dead-man rule in a running engine', () => {
  let engine: EngineProcess | undefined;
  let redis: Redis | undefined;
  afterEach(async () => {
    redis?.disconnect();
    await engine?.stop();
  });

  test('with automatic approval and no cockpit connected for risk.deadManSeconds, approval falls back to manual: stored and shown', async () => {
    const risk = { ...shippedConfig().risk, approvalMode: 'auto', deadManSeconds: DEAD_MAN_SECONDS };
    engine = await startEngineProcess({ configPath: await writeTestConfig({ risk }) });
    redis = redisOf(engine);
    await redis.connect();

    // Nobody opens a cockpit: the engine is alone from its start.
    await eventually('approval back to manual in Redis', async () => (await storedApproval(redis!))?.mode === 'manual', 30_000, 200);
    expect(await storedApproval(redis)).toMatchObject({
      mode: 'manual', changedBy: 'engine', reason: expect.stringMatching(new RegExp(`^dead-man rule: no cockpit connected for \\d+ s \\(risk.deadManSeconds ${DEAD_MAN_SECONDS}\\)`)),
    });

    const cockpit = await contractOf(engine);
    let view: RiskView | null = null;
    cockpit.client.subscribe('risk', {}, (e) => (view = e.value));
    await eventually('the risk stream', () => view !== null);
    expect(view!.approval).toMatchObject({ mode: 'manual', changedBy: 'engine', deadManSeconds: DEAD_MAN_SECONDS, reason: expect.stringMatching(/^dead-man rule/) });
    await eventually('the cockpit counted as connected', () => view!.approval.cockpits >= 1, 10_000, 100);
    await new Promise((r) => setTimeout(r, DEAD_MAN_SECONDS * 1000 + 500));
    expect(view!.approval.mode, 'a cockpit does not turn automatic approval back on').toBe('manual');
    cockpit.close();
  }, 90_000);
});
