import { createElement, type FunctionComponent } from 'react';
import type { IDockviewPanelProps } from 'dockview-react';
import { HealthPanel } from './health/HealthPanel';
import { LadderPanel } from './ladder/LadderPanel';
import { OrdersPanel } from './orders/OrdersPanel';
import { PositionsPanel } from './positions/PositionsPanel';
import { RiskPanel } from './risk/RiskPanel';
import { PanelErrorBoundary } from './PanelErrorBoundary';
import { lazyPanel } from './lazyPanel';
import type { SymbolPanelParams } from './usePanelSymbol';
import { SentimentPanel } from './sentiment/SentimentPanel';
import { StrategiesPanel } from './strategies/StrategiesPanel';
import { TapePanel } from './tape/TapePanel';
import { OrderTicketPanel } from './ticket/OrderTicketPanel';
import { ticketInputId } from './ticket/TicketFields';
import { ApprovalQueuePanel, APPROVAL_QUEUE_ID } from './approvals/ApprovalQueuePanel';
import { WatchlistPanel } from './watchlist/WatchlistPanel';

const ChartPanel = lazyPanel<SymbolPanelParams>(() => import('./chart/ChartPanel').then((m) => m.ChartPanel), 'the chart');
const GexPanel = lazyPanel<SymbolPanelParams>(() => import('./gex/GexPanel').then((m) => m.GexPanel), 'the GEX chart');
const OptionChainPanel = lazyPanel<SymbolPanelParams>(() => import('./optionChain/OptionChainPanel').then((m) => m.OptionChainPanel), 'the option chain');
const VpinPanel = lazyPanel<SymbolPanelParams>(() => import('./vpin/VpinPanel').then((m) => m.VpinPanel), 'the VPIN panel');
const DiscoveryPanel = lazyPanel<SymbolPanelParams>(() => import('./discovery/DiscoveryPanel').then((m) => m.DiscoveryPanel), 'the Discovery screen');
const MorningAnalysisPanel = lazyPanel<SymbolPanelParams>(() => import('./morning/MorningAnalysisPanel').then((m) => m.MorningAnalysisPanel), 'the morning analysis');
const DistributionPanel = lazyPanel<SymbolPanelParams>(() => import('./distribution/DistributionPanel').then((m) => m.DistributionPanel), 'the Distribution panel');
const OptionsFlowPanel = lazyPanel<SymbolPanelParams>(() => import('./optionsFlow/OptionsFlowPanel').then((m) => m.OptionsFlowPanel), 'the options flow');

export interface PanelDefinition {
  /** Stable id: the dockview component name and the panel id in saved layouts. Never rename one. */
  id: string;
  title: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- panels take their own params types
  component: FunctionComponent<IDockviewPanelProps<any>>;
  /** Alt+Shift+<key> opens and focuses the panel. */
  focusKey: string;
  /** The element the focus key puts the cursor in (default: the panel itself). */
  focusId?: string;
}

/** Every panel the cockpit can show. A new panel is one entry here (and its component). */
export const panelRegistry: readonly PanelDefinition[] = [
  { id: 'watchlist', title: 'Watchlist', component: WatchlistPanel, focusKey: 'W' },
  { id: 'chart', title: 'Chart', component: ChartPanel, focusKey: 'C' },
  { id: 'ladder', title: 'Ladder', component: LadderPanel, focusKey: 'L' },
  { id: 'tape', title: 'Time & sales', component: TapePanel, focusKey: 'T' },
  { id: 'optionChain', title: 'Option chain', component: OptionChainPanel, focusKey: 'O' },
  { id: 'sentiment', title: 'Sentiment & technicals', component: SentimentPanel, focusKey: 'S' },
  { id: 'health', title: 'Health', component: HealthPanel, focusKey: 'H' },
  { id: 'ticket', title: 'Order ticket', component: OrderTicketPanel, focusKey: 'N', focusId: ticketInputId('quantity') },
  { id: 'orders', title: 'Orders', component: OrdersPanel, focusKey: 'R' },
  { id: 'positions', title: 'Positions', component: PositionsPanel, focusKey: 'P' },
  { id: 'risk', title: 'Risk', component: RiskPanel, focusKey: 'K' },
  { id: 'vpin', title: 'VPIN', component: VpinPanel, focusKey: 'V' },
  { id: 'optionsFlow', title: 'Options flow', component: OptionsFlowPanel, focusKey: 'F' },
  { id: 'gex', title: 'GEX', component: GexPanel, focusKey: 'G' },
  { id: 'discovery', title: 'Discovery', component: DiscoveryPanel, focusKey: 'D' },
  { id: 'approvals', title: 'Approval queue', component: ApprovalQueuePanel, focusKey: 'A', focusId: APPROVAL_QUEUE_ID },
  { id: 'strategies', title: 'Strategies', component: StrategiesPanel, focusKey: 'Y' },
  { id: 'morningAnalysis', title: 'Morning analysis', component: MorningAnalysisPanel, focusKey: 'M' },
  { id: 'distribution', title: 'Distribution', component: DistributionPanel, focusKey: 'B' },
];

/** Each panel inside its own error boundary: one failing panel never takes the header and kill switch with it. */
function guarded(panel: PanelDefinition): FunctionComponent<IDockviewPanelProps> {
  const Guarded = (props: IDockviewPanelProps) => createElement(PanelErrorBoundary, { title: panel.title }, createElement(panel.component, props));
  Guarded.displayName = `Guarded(${panel.id})`;
  return Guarded;
}

export const panelComponents: Record<string, FunctionComponent<IDockviewPanelProps>> = Object.fromEntries(panelRegistry.map((panel) => [panel.id, guarded(panel)]));

export const isKnownPanel = (id: string): boolean => panelRegistry.some((panel) => panel.id === id);
