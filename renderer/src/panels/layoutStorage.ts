import type { SerializedDockview } from 'dockview-react';

const storageKey = 'alphatrader.layout';
export const LAYOUT_VERSION = 1;

interface StoredLayout {
  version: number;
  dockview: SerializedDockview;
}

/** Upgrades from version N to N+1, keyed by N. Add one when the stored format changes; never edit old ones. */
const migrations: Record<number, (layout: StoredLayout) => StoredLayout> = {};

/** Reads the saved layout, migrating older versions; anything unreadable or from a newer build yields null. */
export function loadLayout(storage: Storage = localStorage): SerializedDockview | null {
  try {
    const parsed = JSON.parse(storage.getItem(storageKey) ?? 'null') as StoredLayout | null;
    if (!parsed || typeof parsed.version !== 'number' || typeof parsed.dockview !== 'object') return null;
    let stored: StoredLayout = parsed;
    while (stored.version < LAYOUT_VERSION) {
      const migrate: ((layout: StoredLayout) => StoredLayout) | undefined = migrations[stored.version];
      if (!migrate) return null;
      stored = migrate(stored);
    }
    return stored.version === LAYOUT_VERSION ? stored.dockview : null;
  } catch {
    return null;
  }
}

export function saveLayout(dockview: SerializedDockview, storage: Storage = localStorage): void {
  const stored: StoredLayout = { version: LAYOUT_VERSION, dockview };
  storage.setItem(storageKey, JSON.stringify(stored));
}

export function clearLayout(storage: Storage = localStorage): void {
  storage.removeItem(storageKey);
}
