import fs from 'node:fs';
import path from 'node:path';

/** The folder holding package.json and config/, found by walking up from a file of the app. */
export function findProjectRoot(fromDir: string): string {
  let dir = fromDir;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'config'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no AlphaTrader project (package.json + config/) above ${fromDir}`);
    dir = parent;
  }
  return dir;
}
