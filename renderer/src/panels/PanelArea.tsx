import { DockviewReact, themeDark, type DockviewReadyEvent } from 'dockview-react';
import { useEffect } from 'react';
import { loadLayout, saveLayout } from './layoutStorage';
import { applyDefaultLayout, useLayoutStore } from './layoutStore';
import { isKnownPanel, panelComponents } from './panelRegistry';

function restoreLayout(event: DockviewReadyEvent): void {
  const saved = loadLayout();
  const usable = saved && Object.values(saved.panels).every((panel) => isKnownPanel(panel.contentComponent ?? ''));
  if (saved && usable) {
    try {
      event.api.fromJSON(saved);
      return;
    } catch {
      // a layout this build cannot read: fall through to the default
    }
  }
  applyDefaultLayout(event.api);
}

/** The docking area: panels from the registry, laid out as the trader left them. */
export function PanelArea() {
  const api = useLayoutStore((s) => s.api);

  useEffect(() => {
    if (!api) return;
    const subscription = api.onDidLayoutChange(() => saveLayout(api.toJSON()));
    return () => subscription.dispose();
  }, [api]);

  return (
    <main className="panel-area" data-testid="panel-area">
      <DockviewReact
        theme={themeDark}
        components={panelComponents}
        onReady={(event) => {
          restoreLayout(event);
          useLayoutStore.setState({ api: event.api });
        }}
      />
    </main>
  );
}
