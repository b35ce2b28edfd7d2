import type { IDockviewPanelProps } from 'dockview-react';
import { useEffect, useState, type ComponentType, type FunctionComponent } from 'react';
import type { SymbolPanelParams } from './usePanelSymbol';

/** Retries of a failed chunk load wait this long, doubling up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 5_000;

/**
 * A panel whose code (and heavy library: ag-grid, lightweight-charts) loads after the shell, so the header and
 * the kill switch are on screen and working before the grid and chart code has even been parsed.
 *
 * A failed load (the engine stopped or restarted while the chunk was in flight) is not React.lazy's permanent
 * error: the panel says so and tries again until the code arrives, and the rest of the cockpit keeps running.
 */
export function lazyPanel<P extends SymbolPanelParams>(load: () => Promise<ComponentType<IDockviewPanelProps<P>>>, title: string): FunctionComponent<IDockviewPanelProps<P>> {
  let loaded: ComponentType<IDockviewPanelProps<P>> | null = null;
  let loading: Promise<ComponentType<IDockviewPanelProps<P>>> | null = null;
  const fetchCode = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));

  return function LazyPanel(props: IDockviewPanelProps<P>) {
    const [Panel, setPanel] = useState<ComponentType<IDockviewPanelProps<P>> | null>(() => loaded);
    const [failure, setFailure] = useState<string | null>(null);

    useEffect(() => {
      if (Panel) return;
      let cancelled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const attempt = (delay: number) =>
        fetchCode().then(
          (component) => !cancelled && setPanel(() => component),
          (error: unknown) => {
            if (cancelled) return;
            setFailure(error instanceof Error ? error.message : String(error));
            timer = setTimeout(() => attempt(Math.min(RETRY_MAX_MS, delay * 2)), delay);
          },
        );
      void attempt(RETRY_FIRST_MS);
      return () => {
        cancelled = true;
        clearTimeout(timer);
      };
    }, [Panel]);

    if (Panel) return <Panel {...props} />;
    return (
      <p className="empty" data-testid={failure ? 'panel-load-retrying' : undefined} title={failure ?? undefined}>
        {failure ? `Could not load ${title} (${failure}); retrying…` : `Loading ${title}…`}
      </p>
    );
  };
}
