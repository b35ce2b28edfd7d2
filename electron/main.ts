/**
 * The desktop shell: runs the engine in-process, opens the cockpit window, and binds the contract to IPC.
 * Everything else (security settings, the IPC bridge) lives in its own file beside this one.
 */
import { app, dialog, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFlags, resolveSettings } from '../core/config/settings';
import { startEngine, type Engine } from '../core/app/engine';
import { setLogLevel } from '../core/runtime/logger';
import { describeStartFailure } from '../core/app/startFailure';
import { appArguments } from './appArguments';
import { hardenSession, hardenWebContents } from './hardening';
import { bindContractToIpc } from './ipcContractBridge';
import { createMainWindow } from './mainWindow';
import { isTrustedSender } from './trustedSender';

const projectRoot = process.env.ALPHATRADER_ROOT ?? app.getAppPath();
// Bundled layout: dist/electron/main.cjs beside dist/electron/preload.cjs, the cockpit in dist/renderer.
const rendererIndex = path.join(__dirname, '../renderer/index.html');
const preloadFile = path.join(__dirname, 'preload.cjs');
const appFileUrl = pathToFileURL(rendererIndex);

let mainWindow: BrowserWindow | null = null;
let unbindIpc: () => void = () => undefined;
let quitState: 'running' | 'stopping' | 'stopped' = 'running';

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

/** Start-up failed (bad config, data dir in use by another engine, a module that cannot start): say why, then quit. */
function exitWithError(error: unknown): void {
  const { code, reason, message } = describeStartFailure(error);
  process.stderr.write(`${message}\n`);
  dialog.showErrorBox('AlphaTrader could not start', reason);
  app.exit(code);
}

/** Starts the engine, binds IPC and opens the window; resolves to null when start-up failed (the app exits). */
async function start(): Promise<Engine | null> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  const { flags, ignored } = appArguments(process.argv, app.isPackaged);
  if (ignored.length > 0) process.stderr.write(`AlphaTrader: ignoring arguments that are not its own: ${ignored.join(' ')}\n`);
  let engine: Engine;
  try {
    const parsed = parseFlags(flags);
    // An installed app cannot write inside its own archive: its data lives in the user's profile.
    if (app.isPackaged && !parsed['data-dir'] && !process.env.ALPHATRADER_DATA_DIR) parsed['data-dir'] = path.join(app.getPath('userData'), 'data');
    const settings = resolveSettings(parsed, projectRoot);
    if (settings.logLevel) setLogLevel(settings.logLevel);
    engine = await startEngine(settings, { projectRoot, version: app.getVersion(), webBridge: false });
  } catch (error) {
    exitWithError(error);
    return null;
  }
  if (quitState !== 'running') return engine; // quit was asked during start-up: before-quit stops it
  unbindIpc = bindContractToIpc(engine, (event) => isTrustedSender(event, mainWindow, appFileUrl));
  mainWindow = createMainWindow(rendererIndex, preloadFile);
  mainWindow.on('closed', () => (mainWindow = null));
  return engine;
}

const engineReady = start().catch((error: unknown) => {
  exitWithError(error);
  return null;
});

// Quitting waits for the engine to stop (modules in reverse order, redis-server shut down cleanly).
app.on('before-quit', (event) => {
  if (quitState === 'stopped') return;
  event.preventDefault();
  if (quitState === 'stopping') return;
  quitState = 'stopping';
  unbindIpc();
  engineReady
    .then((engine) => engine?.stop())
    .catch((error: unknown) => process.stderr.write(`AlphaTrader: engine stop failed: ${String(error)}\n`))
    .finally(() => {
      quitState = 'stopped';
      app.quit();
    });
});
app.on('window-all-closed', () => app.quit());
process.once('SIGINT', () => app.quit());
process.once('SIGTERM', () => app.quit());
