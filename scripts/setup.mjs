// Set-up shared by `npm start` and `npm test`: npm dependencies, redis-server, Chromium, a fresh build.
// Plain Node with no dependencies, so it runs on a fresh clone before `npm ci`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status === 0;
}

function has(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = fs.existsSync('/etc/debian_version');

/** npm ci when node_modules is missing or older than package-lock.json. */
export function ensureNpmDependencies() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('[setup] installing npm dependencies (npm ci)...');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) fatal('npm ci failed; see the output above.');
}

let aptUpdated = false;
function aptInstall(packages) {
  if (!aptUpdated) run('apt-get', ['update', '-qq']);
  aptUpdated = true;
  return run('apt-get', ['install', '-y', '-qq', ...packages], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** A system package the app needs: installed with apt-get as root on Debian/Ubuntu, else the exact command is printed. */
export function ensureSystemBinary(binary, aptPackage) {
  if (has(binary)) return;
  if (isRoot && isDebian && has('apt-get')) {
    console.log(`[setup] installing ${aptPackage} with apt-get...`);
    if (aptInstall([aptPackage]) && has(binary)) return;
    fatal(`apt-get could not install ${aptPackage}.`);
  }
  fatal(`${binary} is not installed. Install it with:\n  sudo apt-get install -y ${aptPackage}\n(or your system's package manager), then run the command again.`);
}

const sourceDirs = ['core', 'electron', 'renderer', 'config'];
function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuilds dist/ when any source is newer than the last build. */
export function buildIfStale() {
  const stamp = path.join(root, 'dist/.build-stamp');
  const inputs = [...sourceDirs.map((d) => path.join(root, d)).filter(fs.existsSync).map(newestSourceMtime), fs.statSync(path.join(root, 'package-lock.json')).mtimeMs];
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= Math.max(...inputs)) return;
  console.log('[setup] building...');
  if (!run(process.execPath, ['scripts/build.mjs'])) fatal('the build failed; see the output above.');
}

export function fatal(message) {
  console.error(`\n[setup] ${message}`);
  process.exit(1);
}
