import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The script a worker thread of core/app starts, by name ('discoveryThread'): from source (.ts), its boot script
 * (`<name>Boot.mjs`, where tsx compiles the thread's TypeScript); from a bundle, the bundled `<name>.cjs` beside it (in
 * a packaged app, the copy electron-builder leaves unpacked beside the archive). scripts/build.mjs builds the bundles.
 */
export function threadEntry(name: string): URL {
  const here = moduleUrl();
  if (here.endsWith('.ts')) return new URL(`./${name}Boot.mjs`, here);
  const bundled = path.join(path.dirname(fileURLToPath(here)), `${name}.cjs`);
  const unpacked = bundled.replace(`.asar${path.sep}`, `.asar.unpacked${path.sep}`);
  return pathToFileURL(unpacked !== bundled && fs.existsSync(unpacked) ? unpacked : bundled);
}

/** This module's own URL: import.meta.url from source and the ESM bundle; the CommonJS bundle (Electron) has __filename. */
function moduleUrl(): string {
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
}
