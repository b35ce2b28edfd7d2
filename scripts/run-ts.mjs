// Runs a TypeScript entry point with tsx (used by `npm run sim` and the benchmarks).
import { spawn } from 'node:child_process';
// Leading --flags are node's (V8 flags for the benchmarks: scripts/engineFlags.mjs), then the entry and its arguments.
const given = process.argv.slice(2);
const nodeFlags = given.slice(0, Math.max(0, given.findIndex((a) => !a.startsWith('--'))));
const [entry, ...args] = given.slice(nodeFlags.length);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
const child = spawn(process.execPath, [...nodeFlags, '--import', import.meta.resolve('tsx'), entry, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
