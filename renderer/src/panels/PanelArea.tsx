import { DockviewReact, themeDark, type DockviewApi, type DockviewReadyEvent } from 'dockview-react';
import { useEffect } from 'react';
import { selectSymbol, useSelectedSymbolStore } from '../stores/selectedSymbolStore';
import { useTicketStore } from '../stores/ticketStore';
import { loadLayout, saveLayout } from './layoutStorage';
import { applyDefaultLayout, openPanel, revealPanel, useLayoutStore } from './layoutStore';
import { isKnownPanel, panelComponents, panelRegistry } from './panelRegistry';
import { ticketInputId } from './ticket/TicketFields';

function restoreLayout(event: DockviewReadyEvent): void {
  const saved = loadLayout();
  const usable = saved && Object.values(saved.dockview.panels).every((panel) => isKnownPanel(panel.contentComponent ?? ''));
  if (saved && usable) {
    try {
      event.api.fromJSON(saved.dockview);
      if (saved.selectedSymbol) selectSymbol(saved.selectedSymbol);
      for (const panel of panelRegistry) if (!saved.knownPanels.includes(panel.id)) openPanel(event.api, panel);
      return;
    } catch {
      // a layout this build cannot read: fall through to the default
    }
  }
  applyDefaultLayout(event.api);
}

const save = (api: DockviewApi) =>
  saveLayout({ dockview: api.toJSON(), selectedSymbol: useSelectedSymbolStore.getState().symbol, knownPanels: panelRegistry.map((p) => p.id) });

/** The docking area: panels from the registry, laid out as the trader left them. */
export function PanelArea() {
  const api = useLayoutStore((s) => s.api);

  useEffect(() => {
    if (!api) return;
    save(api);
    const layoutChanges = api.onDidLayoutChange(() => save(api));
    const symbolChanges = useSelectedSymbolStore.subscribe(() => save(api));
    // A ladder price or a chain row filled the ticket: bring it forward with the cursor in the field it filled.
    const ticketFills = useTicketStore.subscribe((s, before) => s.reveal.count !== before.reveal.count && revealPanel(api, 'ticket', ticketInputId(s.reveal.focus)));
    return () => {
      layoutChanges.dispose();
      symbolChanges();
      ticketFills();
    };
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
