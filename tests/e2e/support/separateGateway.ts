import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../../core/store/freePort';
import { shippedConfig, writeTestConfig } from '../../support/engineProcess';
import { tempDir } from '../../support/testRedis';
import { launchEngine, type LaunchedEngine } from './launchEngine';

/** The simulated gateway in its own process, with its fault console on stdin (`set stall true`, …). */
export interface SeparateGateway {
  child: ChildProcess;
  port: number;
  avPort: number;
  /** Types one line at the sim console and resolves with what it printed back. */
  command(line: string): Promise<string>;
}

async function startGateway(stateDir: string): Promise<SeparateGateway> {
  const [port, avPort] = [await freePort(), await freePort()];
  // The exchange never closes here, so no test through this gateway depends on the time of day.
  const args = ['--port', String(port), '--av-port', String(avPort), '--state-dir', stateDir, '--trading-hours', 'always-open'];
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/sim/cli.ts', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ALPHATRADER_STOP_ON_STDIN_END: '1' },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`sim gateway did not start within 60 s:\n${output}`));
    }, 60_000);
    child.stdout!.on('data', () => output.includes('Alpha Vantage-compatible endpoint') && (clearTimeout(timer), resolve()));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`sim gateway exited with ${code}:\n${output}`))));
  });
  return {
    child,
    port,
    avPort,
    command: (line) =>
      new Promise((resolve) => {
        const before = output.length;
        child.stdout!.once('data', () => resolve(output.slice(before).trim()));
        child.stdin!.write(`${line}\n`);
      }),
  };
}

/**
 * A workstation in `--source ibkr` mode against a gateway the test controls, as a trader would run it beside TWS.
 * `configOverrides` replace top-level sections of config.yaml (`schedules` is merged with the stale-after setting).
 */
export async function startWorkstationOnSeparateGateway(staleAfterSeconds: number, configOverrides: Record<string, unknown> = {}): Promise<{
  gateway: SeparateGateway;
  engine: LaunchedEngine;
  dispose(): Promise<void>;
}> {
  const dir = tempDir('alphatrader-e2e-gw-');
  const gateway = await startGateway(path.join(dir, 'sim'));
  // The risk checks keep no session either, so the stale-data breaker trips at any hour, after the cockpit's STALE.
  const risk = { ...shippedConfig().risk, marketCalendar: 'always-open', maxStaleDataSeconds: staleAfterSeconds };
  const schedules = { ...(configOverrides.schedules as object | undefined), staleAfterSeconds };
  const configPath = await writeTestConfig({ risk, ...configOverrides, schedules });
  const engine = await launchEngine({
    dataDir: path.join(dir, 'data'),
    configPath,
    port: 0,
    extraArgs: ['--source', 'ibkr'],
    env: { IB_PORT: String(gateway.port), ALPHAVANTAGE_API_KEY: 'sim', ALPHAVANTAGE_BASE_URL: `http://127.0.0.1:${gateway.avPort}` },
  });
  return {
    gateway,
    engine,
    async dispose() {
      await engine.stop('SIGTERM');
      await new Promise<void>((resolve) => {
        if (gateway.child.exitCode !== null) return resolve();
        gateway.child.once('exit', () => resolve());
        gateway.child.kill('SIGTERM');
      });
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(path.dirname(configPath), { recursive: true, force: true });
    },
  };
}
