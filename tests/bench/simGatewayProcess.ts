import { spawn } from 'node:child_process';
import { freePort } from '../../core/store/freePort';
import { eventually } from '../support/eventually';

/**
 * The simulated gateway (`npm run sim`, always open) in its own process, so its work does not share the bench's loop;
 * with its Alpha Vantage-compatible endpoint on a free port (`alphaVantageUrl`, the base URL the engine is given).
 */
export async function startSimGatewayProcess(): Promise<{ port: number; alphaVantageUrl: string; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/sim/cli.ts', '--port', String(port), '--av-port', '0', '--trading-hours', 'always-open'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ALPHATRADER_STOP_ON_STDIN_END: '1' },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const alphaVantageUrl = await eventually('the simulated gateway to listen', () => /Alpha Vantage-compatible endpoint on (\S+)\/query/.exec(out)?.[1], 60_000, 50);
  return { port, alphaVantageUrl, stop: () => child.kill('SIGTERM') };
}
