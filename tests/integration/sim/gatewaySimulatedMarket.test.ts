import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventName, SecType } from '@stoqey/ib';
import { startSimulatedMarket } from '../../../core/sim/simulatedMarket';
import { connectClient, waitFor } from './gatewayHarness';

describe('startSimulatedMarket', () => {
  it('runs the model in real time behind the gateway and the Alpha Vantage endpoint on free loopback ports', async () => {
    const sim = await startSimulatedMarket({ seed: 1, speed: 1, gatewayPort: 0, alphaVantagePort: 0, stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sim-')) });
    const c = await connectClient(sim.gatewayPort, 1);
    try {
      const bid = waitFor<[number, number, number]>(c.ib, EventName.tickPrice, (_id, type) => type === 1);
      c.ib.reqMktData(1, { symbol: 'QQQ', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '', false, false);
      expect((await bid)[2]).toBeGreaterThan(0);
      const res = await fetch(`${sim.alphaVantage.url}/query?function=GLOBAL_QUOTE&symbol=QQQ&apikey=demo`);
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain('QQQ');
    } finally {
      c.disconnect();
      await sim.stop();
    }
  });
});
