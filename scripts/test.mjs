// `npm test`: sets itself up (npm dependencies, redis-server, Debian chromium, build), then runs every check.
import { buildIfStale, ensureNpmDependencies, ensureSystemBinary, run } from './setup.mjs';

ensureNpmDependencies();
ensureSystemBinary('redis-server', 'redis-server');
ensureSystemBinary('chromium', 'chromium');
buildIfStale();

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['electronegativity', process.execPath, ['scripts/electronegativity.mjs']],
  ['unit tests', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['integration tests', 'npx', ['vitest', 'run', '--project', 'integration']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
];

const failed = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} ===`);
  if (!run(command, args)) failed.push(name);
}
console.log(`\n=== summary: ${steps.length - failed.length} of ${steps.length} steps passed${failed.length ? `; failed: ${failed.join(', ')}` : ''} ===`);
process.exit(failed.length ? 1 : 0);
