import { KillSwitch } from '../killSwitch/KillSwitch';
import { PanelMenu } from '../panels/PanelMenu';
import { ConnectionBadge } from './ConnectionBadge';
import { MarketClock } from './MarketClock';
import { SourceBadge } from './SourceBadge';

export function Header() {
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand" aria-label="AlphaTrader">
        <span className="brand-mark" aria-hidden="true">α</span>AlphaTrader
      </div>
      <SourceBadge />
      <ConnectionBadge />
      <MarketClock />
      <PanelMenu />
      <div className="header-spacer" />
      <KillSwitch />
    </header>
  );
}
