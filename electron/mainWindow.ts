import { BrowserWindow } from 'electron';

/** The cockpit window, with every security-relevant preference set explicitly rather than left to defaults. */
export function createMainWindow(indexFile: string, preloadFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 960,
    minWidth: 1024,
    minHeight: 640,
    title: 'AlphaTrader',
    backgroundColor: '#0b0e13',
    show: false,
    webPreferences: {
      // electronegativity-ignore: PRELOAD_JS_CHECK — the sandboxed preload exposes one typed contract client via contextBridge, never ipcRenderer
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick', // no middle-click navigation
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(indexFile);
  return window;
}
