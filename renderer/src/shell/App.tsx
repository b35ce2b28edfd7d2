import type { EngineClient } from '../engine/engineClient';
import { EngineClientContext } from '../engine/engineContext';
import { ReleaseDialog } from '../killSwitch/ReleaseDialog';
import { TradingStateBanner } from '../killSwitch/TradingStateBanner';
import { useKillSwitchHotkey } from '../killSwitch/useKillSwitchHotkey';
import { PanelArea } from '../panels/PanelArea';
import { Header } from './Header';
import { SessionExpiredNotice } from './SessionExpiredNotice';

export function App({ client }: { client: EngineClient }) {
  useKillSwitchHotkey(client);
  return (
    <EngineClientContext.Provider value={client}>
      <div className="app" data-testid="app">
        <Header />
        <SessionExpiredNotice />
        <TradingStateBanner />
        <PanelArea />
        <ReleaseDialog />
      </div>
    </EngineClientContext.Provider>
  );
}
