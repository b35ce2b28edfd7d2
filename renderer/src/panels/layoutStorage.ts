import type { SerializedDockview } from 'dockview-react';

const storageKey = 'alphatrader.layout';
export const LAYOUT_VERSION = 2;

/** v1 (the shell): the dockview layout only. */
export interface StoredLayoutV1 {
  version: 1;
  dockview: SerializedDockview;
}

/** v2 (the cockpit): plus the selected symbol and the panels the layout already knew about. */
export interface StoredLayoutV2 {
  version: 2;
  dockview: SerializedDockview;
  selectedSymbol: string | null;
  /**
   * Panel ids that existed when this layout was saved. Panels added by a later build are opened once on top of
   * the saved layout; panels the trader closed stay closed.
   */
  knownPanels: string[];
}

export type StoredLayout = StoredLayoutV1 | StoredLayoutV2;
export type CurrentLayout = StoredLayoutV2;

/** The shell's only panel: every v1 layout was built from this registry. */
const V1_PANELS = ['health'];

/** Upgrades from version N to N+1, keyed by N. Add one when the stored format changes; never edit old ones. */
export const migrations: Record<number, (layout: StoredLayout) => StoredLayout> = {
  1: (layout) => ({ version: 2, dockview: layout.dockview, selectedSymbol: null, knownPanels: [...V1_PANELS] }),
};

/** Reads a stored layout, migrating older versions; anything unreadable or from a newer build yields null. */
export function parseLayout(text: string | null): CurrentLayout | null {
  try {
    const parsed = JSON.parse(text ?? 'null') as StoredLayout | null;
    if (!parsed || typeof parsed.version !== 'number' || typeof parsed.dockview !== 'object' || parsed.dockview === null) return null;
    let stored: StoredLayout = parsed;
    while (stored.version < LAYOUT_VERSION) {
      const migrate: ((layout: StoredLayout) => StoredLayout) | undefined = migrations[stored.version];
      if (!migrate) return null;
      stored = migrate(stored);
    }
    return stored.version === LAYOUT_VERSION ? stored : null;
  } catch {
    return null;
  }
}

export function loadLayout(storage: Storage = localStorage): CurrentLayout | null {
  return parseLayout(storage.getItem(storageKey));
}

export function saveLayout(layout: Omit<CurrentLayout, 'version'>, storage: Storage = localStorage): void {
  const stored: CurrentLayout = { version: LAYOUT_VERSION, ...layout };
  storage.setItem(storageKey, JSON.stringify(stored));
}

export function clearLayout(storage: Storage = localStorage): void {
  storage.removeItem(storageKey);
}
