import type { SerializedDockview } from 'dockview-react';
import { describe, expect, it } from 'vitest';
import { LAYOUT_VERSION, loadLayout, parseLayout, saveLayout } from '../../../renderer/src/panels/layoutStorage';

/** A layout as the shell (v1) saved it: one Health panel. */
const shellDockview = {
  grid: { root: { type: 'branch', data: [{ type: 'leaf', data: { views: ['health'], activeView: 'health', id: '1' }, size: 800 }], size: 600 }, width: 800, height: 600, orientation: 'HORIZONTAL' },
  panels: { health: { id: 'health', contentComponent: 'health', title: 'Health' } },
  activeGroup: '1',
} as unknown as SerializedDockview;

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('layout storage', () => {
  it('migrates a v1 shell layout to v2, keeping the dockview layout and listing only Health as known', () => {
    const migrated = parseLayout(JSON.stringify({ version: 1, dockview: shellDockview }));
    expect(migrated).toEqual({ version: 2, dockview: shellDockview, selectedSymbol: null, knownPanels: ['health'] });
  });

  it('reads back a v2 layout exactly as it was saved', () => {
    const storage = memoryStorage();
    saveLayout({ dockview: shellDockview, selectedSymbol: 'AAPL', knownPanels: ['health', 'ladder'] }, storage);
    expect(loadLayout(storage)).toEqual({ version: LAYOUT_VERSION, dockview: shellDockview, selectedSymbol: 'AAPL', knownPanels: ['health', 'ladder'] });
  });

  it('refuses a layout from a newer build, a version without a migration, and unreadable text', () => {
    expect(parseLayout(JSON.stringify({ version: LAYOUT_VERSION + 1, dockview: shellDockview }))).toBeNull();
    expect(parseLayout(JSON.stringify({ version: 0, dockview: shellDockview }))).toBeNull();
    expect(parseLayout('{not json')).toBeNull();
    expect(parseLayout(JSON.stringify({ version: 1, dockview: null }))).toBeNull();
    expect(parseLayout(null)).toBeNull();
  });
});
