// Builds dist/: the engine (web mode), the Electron main and preload, and the renderer.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { root } from './setup.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

async function buildEngine() {
  await build({ ...common, entryPoints: ['core/app/main.ts'], outfile: 'dist/engine.js', format: 'esm', packages: 'external' });
}

/**
 * The worker threads (the chain reader's, the analytics', parameter discovery's), beside each bundle that starts
 * them (core/app/threadEntry looks next to itself). Their packages (axios, ioredis) are bundled in: in a packaged app
 * they run from outside the asar archive, where they could not load them.
 */
async function buildThreads() {
  for (const name of ['chainCallThread', 'analyticsThread', 'discoveryThread']) {
    for (const outfile of [`dist/${name}.cjs`, `dist/electron/${name}.cjs`]) {
      await build({ ...common, entryPoints: [`core/app/${name}.ts`], outfile, format: 'cjs' });
    }
  }
}

async function buildElectron() {
  if (!fs.existsSync(path.join(root, 'electron/main.ts'))) return;
  // CommonJS has no import.meta: code that needs its own location uses __filename there (threadEntry).
  await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', packages: 'external', define: { 'import.meta.url': 'undefined' } });
  // A sandboxed preload can only require('electron'): everything else is bundled in.
  await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', platform: 'browser', external: ['electron'] });
}

async function buildRenderer() {
  const config = path.join(root, 'renderer/vite.config.ts');
  if (!fs.existsSync(config)) return;
  await viteBuild({ configFile: config, logLevel: 'warn' });
}

await Promise.all([buildEngine(), buildElectron(), buildThreads()]);
await buildRenderer();
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist/.build-stamp'), new Date().toISOString() + '\n');
console.log('[build] dist/ is up to date');
