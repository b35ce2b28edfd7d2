// Audits the Electron shell with @doyensec/electronegativity and fails on any finding not justified inline.
// The tool always exits 0, so this script reads its SARIF report instead.
//
// Justification marker, on the flagged line or the line just above it, naming the check and saying why:
//   // electronegativity-ignore: CHECK_ID — why this is safe here
// A marker without a reason, or naming another check, does not count. The tool's own `eng-disable` comments are
// refused, because they silence a check without a reason.
//
// Usage: node scripts/electronegativity.mjs [dir ...]   (default: electron)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
// Needs the internet to list Electron releases; the Electron version is pinned by package-lock.json instead.
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];
const marker = /electronegativity-ignore:\s*([A-Z0-9_]+)\s*(?:—|–|-{1,2}|:)\s*(\S.{9,})/;
const sourceExtensions = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.html']);

function listSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return sourceExtensions.has(path.extname(entry.name)) ? [full] : [];
  });
}

function runElectronegativity(inputDir, sarifFile) {
  const result = spawnSync(
    process.execPath,
    [cli, '-i', inputDir, '-o', sarifFile, '-r', '-e', electronVersion, '-x', excludedChecks.join(','), '-v', 'false'],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.error || !fs.existsSync(sarifFile)) {
    throw new Error(`electronegativity did not produce ${sarifFile}:\n${result.error ?? ''}${result.stdout}${result.stderr}`);
  }
  return JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
}

/** The SARIF results as { check, message, file, line }, with file paths relative to the project root. */
function findingsOf(sarif, inputDir) {
  return (sarif.runs ?? []).flatMap((run) =>
    (run.results ?? []).map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri ?? 'N/A';
      const candidates = [path.join(inputDir, uri), path.join(root, uri), uri];
      const file = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
      return { check: result.ruleId, message: result.message?.text ?? '', file: file && path.relative(root, file), line: location?.region?.startLine ?? 0 };
    }),
  );
}

function justification(finding) {
  if (!finding.file || finding.line < 1) return null;
  const lines = fs.readFileSync(path.join(root, finding.file), 'utf8').split('\n');
  for (const text of [lines[finding.line - 1], lines[finding.line - 2]]) {
    const match = text && marker.exec(text);
    if (match && match[1] === finding.check) return match[2].trim();
  }
  return null;
}

const inputs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['electron'];
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alphatrader-electronegativity-'));
const unjustified = [];
let justifiedCount = 0;
try {
  for (const input of inputs) {
    const inputDir = path.resolve(root, input);
    for (const file of listSources(inputDir)) {
      fs.readFileSync(file, 'utf8').split('\n').forEach((text, index) => {
        if (/\beng-disable\b/.test(text)) {
          unjustified.push(`${path.relative(root, file)}:${index + 1} eng-disable silences a check without a reason: use "electronegativity-ignore: CHECK_ID — why" instead`);
        }
      });
    }
    const sarif = runElectronegativity(inputDir, path.join(outDir, `${path.basename(inputDir)}.sarif`));
    for (const finding of findingsOf(sarif, inputDir)) {
      const reason = justification(finding);
      const where = finding.file ? `${finding.file}:${finding.line}` : 'project-wide';
      if (reason) {
        justifiedCount++;
        console.log(`  justified  ${finding.check} at ${where}: ${reason}`);
      } else {
        unjustified.push(`${where} ${finding.check}: ${finding.message}`);
      }
    }
  }
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}

if (unjustified.length > 0) {
  console.error(`electronegativity: ${unjustified.length} finding(s) not justified inline:`);
  for (const line of unjustified) console.error(`  ${line}`);
  console.error('Fix them, or justify one on (or just above) its line with: // electronegativity-ignore: CHECK_ID — why it is safe');
  process.exit(1);
}
console.log(`electronegativity: ${inputs.join(', ')} clean (${justifiedCount} finding(s) justified inline, Electron ${electronVersion})`);
