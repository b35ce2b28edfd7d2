// The browser benchmarks' shared parts: Debian Chromium, the cockpit page, and the page-side clock of what is shown.
import { chromium, type Browser, type Page } from '@playwright/test';

/** Debian Chromium without sandbox, GPU or background work (which would land in the samples). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The cockpit at the engine's address, in the size and colour scheme the benchmarks use. */
export async function openCockpit(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, colorScheme: 'dark' });
  await page.goto(url);
  return page;
}

/** A key the page started to show, and the time of the first animation frame that showed it (Date.now(), ms). */
export interface Shown {
  key: string;
  t: number;
}

/** Runs in the page (kept as text: this file compiles as Node code, without the DOM types). */
const RECORD_SHOWN = `(read, attributeFilter) => {
  window.__shown = [];
  let before = new Set(read());
  new MutationObserver(() => {
    const now = read();
    const added = now.filter((key) => !before.has(key));
    before = new Set(now);
    if (added.length > 0) requestAnimationFrame(() => {
      const t = Date.now();
      for (const key of added) window.__shown.push({ key, t });
    });
  }).observe(document.body, { subtree: true, childList: true, attributes: attributeFilter.length > 0, ...(attributeFilter.length > 0 ? { attributeFilter } : {}) });
}`;

/**
 * Starts recording, in the page, when each key comes on screen. `read` is page code (a function's text) answering the
 * keys the DOM shows now; after every DOM change (a MutationObserver on the body: nodes, and the attributes named)
 * each key that was not shown before is stamped with the next animation frame's Date.now(). Page, engine and bench
 * run on this machine and read the same clock (1 ms resolution), so an engine timestamp compares with it directly.
 */
export async function recordShown(page: Page, read: string, attributes: readonly string[] = []): Promise<void> {
  await page.evaluate(`(${RECORD_SHOWN})(${read}, ${JSON.stringify(attributes)})`);
}

/** Everything recorded so far, oldest first. */
export async function shownSoFar(page: Page): Promise<Shown[]> {
  return (await page.evaluate('window.__shown')) as Shown[];
}
