import type { BrowserWindow, IpcMainEvent } from 'electron';

/**
 * An IPC message is trusted only from the app window's own top frame showing the app's own file:
 * not from another window, an iframe, or a page the window was somehow navigated to.
 */
export function isTrustedSender(event: IpcMainEvent, window: BrowserWindow | null, appFileUrl: URL): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'file:' && url.pathname === appFileUrl.pathname;
  } catch {
    return false;
  }
}
