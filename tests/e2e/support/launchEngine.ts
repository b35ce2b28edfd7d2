import type { ChildProcess } from 'node:child_process';
import { spawnEngine } from '../../support/engineProcess';

export interface LaunchedEngine {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the real engine in web mode on `port` (0 = any free port) and waits for the URL it prints. */
export async function launchEngine(options: {
  dataDir: string;
  configPath: string;
  port: number;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
}): Promise<LaunchedEngine> {
  const args = ['--port', String(options.port), '--data-dir', options.dataDir, '--config', options.configPath, ...(options.extraArgs ?? [])];
  const child = spawnEngine(args, options.env);
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`engine printed no URL within 60 s:\n${output}`));
    }, 60_000);
    child.stdout!.on('data', () => {
      const match = /AlphaTrader workstation: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code} before serving:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    child,
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token')!,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
