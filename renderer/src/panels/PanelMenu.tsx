import { useRef } from 'react';
import { openPanel, resetLayout, useLayoutStore } from './layoutStore';
import { panelRegistry } from './panelRegistry';

/** Reopens a closed panel or restores the default layout. */
export function PanelMenu() {
  const api = useLayoutStore((s) => s.api);
  const menuRef = useRef<HTMLDetailsElement>(null);
  const close = () => menuRef.current?.removeAttribute('open');
  return (
    <details className="header-item panel-menu" ref={menuRef} data-testid="panel-menu">
      <summary aria-label="Panels">Panels ▾</summary>
      <div className="menu" role="menu">
        {panelRegistry.map((panel) => (
          <button
            key={panel.id}
            type="button"
            role="menuitem"
            disabled={!api}
            onClick={() => {
              if (api) openPanel(api, panel);
              close();
            }}
          >
            {panel.title}
          </button>
        ))}
        <button
          type="button"
          role="menuitem"
          disabled={!api}
          onClick={() => {
            if (api) resetLayout(api);
            close();
          }}
        >
          Reset layout
        </button>
      </div>
    </details>
  );
}
