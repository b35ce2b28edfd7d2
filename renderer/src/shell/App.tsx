import { useCallback, useMemo, useState } from 'react';
import type { EngineClient } from '../engine/engineClient';
import { EngineClientContext } from '../engine/engineContext';
import { FeedHub } from '../feeds/feedHub';
import { FeedHubContext } from '../feeds/useFeed';
import { FlattenProgressCard } from '../flatten/FlattenProgressCard';
import { ReleaseDialog } from '../killSwitch/ReleaseDialog';
import { TradingStateBanner } from '../killSwitch/TradingStateBanner';
import { useKillSwitchHotkey } from '../killSwitch/useKillSwitchHotkey';
import { PanelArea } from '../panels/PanelArea';
import { AccountStrip } from './AccountStrip';
import { Header } from './Header';
import { HelpOverlay } from './HelpOverlay';
import { RefusalNotice } from './RefusalNotice';
import { SessionExpiredNotice } from './SessionExpiredNotice';
import { useCockpitShortcuts } from './useCockpitShortcuts';

export function App({ client }: { client: EngineClient }) {
  const hub = useMemo(() => new FeedHub(client), [client]);
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), []);
  useKillSwitchHotkey(client);
  useCockpitShortcuts(toggleHelp);
  return (
    <EngineClientContext.Provider value={client}>
      <FeedHubContext.Provider value={hub}>
        <div className="app" data-testid="app">
          <Header onHelp={toggleHelp} />
          <AccountStrip />
          <SessionExpiredNotice />
          <RefusalNotice />
          <TradingStateBanner />
          <PanelArea />
          <ReleaseDialog />
          <FlattenProgressCard />
          <HelpOverlay open={helpOpen} onClose={() => setHelpOpen(false)} />
        </div>
      </FeedHubContext.Provider>
    </EngineClientContext.Provider>
  );
}
