import type { DockviewApi } from 'dockview-react';
import { create } from 'zustand';
import { clearLayout } from './layoutStorage';
import { panelRegistry, type PanelDefinition } from './panelRegistry';

/** The live dockview API, so the header's panel menu can open panels and reset the layout. */
export const useLayoutStore = create<{ api: DockviewApi | null }>(() => ({ api: null }));

export function openPanel(api: DockviewApi, panel: PanelDefinition): void {
  const existing = api.getPanel(panel.id);
  if (existing) existing.api.setActive();
  else api.addPanel({ id: panel.id, component: panel.id, title: panel.title });
}

const definition = (id: string) => panelRegistry.find((panel) => panel.id === id)!;
const add = (api: DockviewApi, id: string, position?: { referencePanel?: string; direction: 'right' | 'below' | 'left' | 'above' }) =>
  api.addPanel({ id, component: id, title: definition(id).title, position });

/** Top row: watchlist | chart | ladder | tape; bottom row: option chain | sentiment & technicals | health. */
export function applyDefaultLayout(api: DockviewApi): void {
  api.clear();
  add(api, 'watchlist');
  add(api, 'chart', { referencePanel: 'watchlist', direction: 'right' });
  add(api, 'ladder', { referencePanel: 'chart', direction: 'right' });
  add(api, 'tape', { referencePanel: 'ladder', direction: 'right' });
  add(api, 'optionChain', { direction: 'below' });
  add(api, 'sentiment', { referencePanel: 'optionChain', direction: 'right' });
  add(api, 'health', { referencePanel: 'sentiment', direction: 'right' });
  const size = (id: string, width: number) => api.getPanel(id)?.group.api.setSize({ width });
  size('watchlist', 330);
  size('ladder', 300);
  size('tape', 270);
  size('optionChain', 820);
  size('sentiment', 320);
  api.getPanel('optionChain')?.group.api.setSize({ height: Math.round(api.height * 0.42) });
}

export function resetLayout(api: DockviewApi): void {
  clearLayout();
  applyDefaultLayout(api);
}
