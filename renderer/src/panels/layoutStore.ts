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

/**
 * Opens (or brings forward) a panel and moves the keyboard focus into it: to the element with `focusId` when
 * given, else to the panel's group. A panel opened just now renders in a frame or two, so focus waits for it.
 */
export function revealPanel(api: DockviewApi, id: string, focusId?: string): void {
  openPanel(api, definition(id));
  let frames = 0;
  const focus = () => {
    const target = focusId ? document.getElementById(focusId) : (api.getPanel(id)?.group.element ?? null);
    if (target) {
      target.focus();
      if (target instanceof HTMLInputElement) target.select();
    } else if (frames++ < 30) requestAnimationFrame(focus);
  };
  focus();
}
const add = (api: DockviewApi, id: string, position?: { referencePanel?: string; direction: 'right' | 'below' | 'left' | 'above' }) =>
  api.addPanel({ id, component: id, title: definition(id).title, position });
/** A tab behind `referencePanel`, which stays in front. */
const addTab = (api: DockviewApi, id: string, referencePanel: string) =>
  api.addPanel({ id, component: id, title: definition(id).title, position: { referencePanel, direction: 'within' }, inactive: true });

/**
 * Top row: watchlist | chart (VPIN behind it) | ladder | tape (order ticket behind it); bottom row: option chain
 * (options flow, GEX, Discovery, the approval queue and strategies behind it) | sentiment & technicals | health (positions, orders, risk, the morning analysis and distribution behind it). The ticket shares no group with the ladder or the chain,
 * so a click on either fills a ticket that is on screen beside it.
 */
export function applyDefaultLayout(api: DockviewApi): void {
  api.clear();
  add(api, 'watchlist');
  add(api, 'chart', { referencePanel: 'watchlist', direction: 'right' });
  addTab(api, 'vpin', 'chart');
  add(api, 'ladder', { referencePanel: 'chart', direction: 'right' });
  add(api, 'tape', { referencePanel: 'ladder', direction: 'right' });
  addTab(api, 'ticket', 'tape');
  add(api, 'optionChain', { direction: 'below' });
  addTab(api, 'optionsFlow', 'optionChain');
  addTab(api, 'gex', 'optionChain');
  addTab(api, 'discovery', 'optionChain');
  addTab(api, 'approvals', 'optionChain');
  addTab(api, 'strategies', 'optionChain');
  add(api, 'sentiment', { referencePanel: 'optionChain', direction: 'right' });
  add(api, 'health', { referencePanel: 'sentiment', direction: 'right' });
  addTab(api, 'positions', 'health');
  addTab(api, 'orders', 'health');
  addTab(api, 'risk', 'health');
  addTab(api, 'morningAnalysis', 'health');
  addTab(api, 'distribution', 'health');
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
