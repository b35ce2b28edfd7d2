import { shell, type Session, type WebContents } from 'electron';

/** Only http(s) links leave the app, and only to the system browser. */
function openInSystemBrowser(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return;
  // electronegativity-ignore: OPEN_EXTERNAL_JS_CHECK — the URL is parsed above and only http(s) reaches the system browser
  void shell.openExternal(parsed.href);
}

/** Every webContents: no navigation away from the app, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openInSystemBrowser(url);
    return { action: 'deny' };
  });
}

/**
 * The app's session: a strict CSP on every response, and every permission (camera, notifications, ...) denied.
 * The cockpit loads only its own files and talks to the engine over IPC: no network, no inline script. Styles may be
 * inline (React style props, dockview's sizes). The policy is one literal so electronegativity can evaluate it.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      // electronegativity-ignore: CSP_GLOBAL_CHECK — its only remark is script-src 'self'; 'self' is the app's own bundled files (no JSONP, no uploads)
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
