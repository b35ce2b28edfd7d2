// `npm run bench [name]`: runs tests/bench/<name>.bench.ts (all of them without a name).
// Each benchmark prints one JSON line per figure: {"bench","metric","value","unit"}.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_V8_FLAGS } from './engineFlags.mjs';

const dir = path.resolve('tests/bench');
const wanted = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).filter((f) => !wanted || f === `${wanted}.bench.ts`);
if (files.length === 0) {
  console.error(`no benchmark named ${wanted}; have: ${fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ['scripts/run-ts.mjs', ...ENGINE_V8_FLAGS, path.join('tests/bench', file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
