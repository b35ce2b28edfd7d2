/** The engine's own flags; Chromium and Electron switches on the same command line are left to them. */
const valueFlags = new Set(['--port', '--data-dir', '--config', '--source']);
const booleanFlags = new Set(['--headless']);

/** Picks AlphaTrader's flags out of Electron's argv (which starts with the executable, then the app path in dev). */
export function appArguments(argv: readonly string[], isPackaged: boolean): { flags: string[]; ignored: string[] } {
  const args = argv.slice(isPackaged ? 1 : 2);
  const flags: string[] = [];
  const ignored: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.split('=')[0]!;
    if (booleanFlags.has(name) || (valueFlags.has(name) && arg.includes('='))) {
      flags.push(arg);
    } else if (valueFlags.has(name)) {
      flags.push(arg, ...args.slice(i + 1, i + 2));
      i++;
    } else {
      ignored.push(arg);
    }
  }
  return { flags, ignored };
}
