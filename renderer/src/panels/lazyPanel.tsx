import type { IDockviewPanelProps } from 'dockview-react';
import { lazy, Suspense, type ComponentType, type FunctionComponent } from 'react';
import type { SymbolPanelParams } from './usePanelSymbol';

/**
 * A panel whose code (and heavy library: ag-grid, lightweight-charts) loads after the shell, so the header and
 * the kill switch are on screen and working before the grid and chart code has even been parsed.
 */
export function lazyPanel<P extends SymbolPanelParams>(load: () => Promise<ComponentType<IDockviewPanelProps<P>>>, title: string): FunctionComponent<IDockviewPanelProps<P>> {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyPanel(props: IDockviewPanelProps<P>) {
    return (
      <Suspense fallback={<p className="empty">Loading {title}…</p>}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
