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

export function applyDefaultLayout(api: DockviewApi): void {
  api.clear();
  for (const panel of panelRegistry) openPanel(api, panel);
}

export function resetLayout(api: DockviewApi): void {
  clearLayout();
  applyDefaultLayout(api);
}
