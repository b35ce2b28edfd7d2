import type { FunctionComponent } from 'react';
import type { IDockviewPanelProps } from 'dockview-react';
import { HealthPanel } from './health/HealthPanel';

export interface PanelDefinition {
  /** Stable id: the dockview component name and the panel id in saved layouts. Never rename one. */
  id: string;
  title: string;
  component: FunctionComponent<IDockviewPanelProps>;
}

/** Every panel the cockpit can show. A new panel is one entry here (and its component). */
export const panelRegistry: readonly PanelDefinition[] = [{ id: 'health', title: 'Health', component: HealthPanel }];

export const panelComponents: Record<string, FunctionComponent<IDockviewPanelProps>> = Object.fromEntries(
  panelRegistry.map((panel) => [panel.id, panel.component]),
);

export const isKnownPanel = (id: string): boolean => panelRegistry.some((panel) => panel.id === id);
