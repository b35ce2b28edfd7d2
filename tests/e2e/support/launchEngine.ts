import { startEngineProcess, type EngineProcess } from '../../support/engineProcess';

/** The engine as the browser tests use it: the same launcher as every other test. */
export type LaunchedEngine = EngineProcess;

/** Starts the real engine in web mode on `port` (0 = any free port) and waits for the URL it prints. */
export function launchEngine(options: {
  dataDir: string;
  configPath: string;
  port: number;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
}): Promise<LaunchedEngine> {
  return startEngineProcess(options);
}
