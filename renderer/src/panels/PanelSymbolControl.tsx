import { useSessionSymbols } from '../feeds/useSessionSymbols';
import type { PanelSymbol } from './usePanelSymbol';

const LINKED = '__linked__';

/** Follow the selected symbol (linked) or pin this panel to a symbol of its own. */
export function PanelSymbolControl({ panelSymbol }: { panelSymbol: PanelSymbol }) {
  const symbols = useSessionSymbols();
  return (
    <label className="panel-symbol" title="Linked panels follow the selected symbol; a pinned panel keeps its own">
      <span className="strong" data-testid="panel-symbol-name">
        {panelSymbol.symbol}
      </span>
      <select
        data-testid="panel-symbol"
        aria-label="Panel symbol"
        value={panelSymbol.pinned ? panelSymbol.symbol : LINKED}
        onChange={(e) => (e.target.value === LINKED ? panelSymbol.link() : panelSymbol.pin(e.target.value))}
      >
        <option value={LINKED}>↔ linked</option>
        {symbols.map((s) => (
          <option key={s.symbol} value={s.symbol}>
            pin {s.symbol}
          </option>
        ))}
      </select>
    </label>
  );
}
