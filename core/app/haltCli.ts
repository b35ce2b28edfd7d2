// `npm run halt -- [--data-dir DIR] [--reason TEXT] [--timeout-ms N]`: halts the engine running on the data dir,
// without the cockpit, the web bridge or Redis. Exit 0: the engine is HALTED (its state printed). Exit 1: it could
// not be reached or did not answer (why printed).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isProcessAlive } from '../runtime/processInfo';
import { ANSWER_SUFFIX, haltDir, REQUEST_SUFFIX, writeAtomically, type HaltAnswer, type HaltRequest } from './haltRequestFiles';

const POLL_MS = 20;

function fail(message: string): never {
  console.error(`npm run halt: NOT HALTED: ${message}`);
  process.exit(1);
}

function lockHolderPid(dataDir: string): number {
  const file = path.join(dataDir, 'engine.lock');
  let pid: unknown;
  try {
    pid = (JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
  } catch (error) {
    fail(`no engine is running on ${dataDir}: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) fail(`${file} names no engine pid`);
  if (!isProcessAlive(pid)) fail(`the engine of ${dataDir} (pid ${pid}, from engine.lock) is not running`);
  return pid;
}

async function awaitAnswer(file: string, deadline: number): Promise<HaltAnswer | null> {
  while (Date.now() < deadline) {
    try {
      const answer = JSON.parse(fs.readFileSync(file, 'utf8')) as HaltAnswer;
      fs.rmSync(file, { force: true });
      return answer;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  return null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, reason: { type: 'string' }, 'timeout-ms': { type: 'string' } },
    strict: true,
  });
  const dataDir = path.resolve(values['data-dir'] ?? process.env.ALPHATRADER_DATA_DIR ?? 'data');
  const reason = values.reason?.trim() || 'halt from a terminal (npm run halt)';
  const timeoutMs = Number(values['timeout-ms'] ?? 5_000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) fail(`--timeout-ms must be a positive number of milliseconds, got ${values['timeout-ms']}`);
  const pid = lockHolderPid(dataDir);
  const id = `${Date.now()}-${crypto.randomBytes(4).toString('hex')}`;
  const request: HaltRequest = { id, reason, by: `${os.userInfo().username} via terminal`, at: Date.now() };
  const requestFile = path.join(haltDir(dataDir), `${id}${REQUEST_SUFFIX}`);
  try {
    writeAtomically(requestFile, request);
  } catch (error) {
    fail(`cannot write the halt request into ${haltDir(dataDir)} (${(error as Error).message}); is the engine (pid ${pid}) running on this data dir?`);
  }
  const answer = await awaitAnswer(path.join(haltDir(dataDir), `${id}${ANSWER_SUFFIX}`), Date.now() + timeoutMs);
  if (!answer) {
    fs.rmSync(requestFile, { force: true });
    fail(`the engine (pid ${pid}) did not answer within ${timeoutMs} ms: it may be frozen. Stop it (kill ${pid}), or cancel the orders in TWS.`);
  }
  if (!answer.ok) fail(`the engine (pid ${pid}) answered: ${answer.error}`);
  if (answer.state.state !== 'HALTED') fail(`the engine (pid ${pid}) answered with trading state ${answer.state.state}`);
  const recorded = answer.state.persisted ? 'recorded in Redis' : 'in force, not yet recorded in Redis (recorded when Redis answers)';
  console.log(`HALTED: engine pid ${pid}, ${recorded}; working orders are being cancelled. Reason: ${answer.state.reason}`);
  console.log(JSON.stringify(answer.state));
}

void main();
