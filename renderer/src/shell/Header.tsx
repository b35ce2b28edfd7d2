import { KillSwitch } from '../killSwitch/KillSwitch';
import { PanelMenu } from '../panels/PanelMenu';
import { ConnectionBadge } from './ConnectionBadge';
import { MarketClock } from './MarketClock';
import { SourceBadge } from './SourceBadge';
import { SymbolSelector } from './SymbolSelector';

export function Header({ onHelp }: { onHelp: () => void }) {
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand" aria-label="AlphaTrader">
        <span className="brand-mark" aria-hidden="true">α</span>AlphaTrader
      </div>
      <SourceBadge />
      <ConnectionBadge />
      <MarketClock />
      <SymbolSelector />
      <PanelMenu />
      <button type="button" className="btn btn-help" onClick={onHelp} title="Keyboard shortcuts (?)" data-testid="help-button">
        ?
      </button>
      <div className="header-spacer" />
      <KillSwitch />
    </header>
  );
}
