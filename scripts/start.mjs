// `npm start`: sets itself up on a fresh clone, then opens the Electron window, or serves the workstation on
// 127.0.0.1 where no Electron binary (or no display) is available. Flags: --port --data-dir --config --headless --source.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ENGINE_V8_FLAGS } from './engineFlags.mjs';
import { buildIfStale, ensureNpmDependencies, ensureSystemBinary, root } from './setup.mjs';

const args = process.argv.slice(2);
ensureNpmDependencies();
if (!process.env.REDIS_URL) ensureSystemBinary('redis-server', 'redis-server');
buildIfStale();

function electronBinary() {
  // require('electron') returns the binary's path, downloading it on first use where the internet is reachable.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  const binary = probe.status === 0 ? probe.stdout.trim() : '';
  return binary && fs.existsSync(binary) ? binary : null;
}

const headless = args.includes('--headless') || ['1', 'true'].includes(process.env.ALPHATRADER_HEADLESS ?? '');
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = headless || !hasDisplay ? null : electronBinary();

let child;
if (electron) {
  console.log('[start] opening the AlphaTrader window (Electron)');
  child = spawn(electron, [`--js-flags=${ENGINE_V8_FLAGS.join(' ')}`, root, ...args], { cwd: root, stdio: 'inherit' });
} else {
  const why = headless ? '--headless' : !hasDisplay ? 'no display' : 'no Electron binary on this machine';
  console.log(`[start] web mode (${why}): the engine serves the workstation on 127.0.0.1; open the URL it prints below.`);
  child = spawn(process.execPath, [...ENGINE_V8_FLAGS, 'dist/engine.js', ...args], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
