import 'dockview-react/dist/styles/dockview.css';
import './styles/app.css';
import './styles/cockpit.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseEngineClient } from './engine/chooseEngineClient';
import { connectEngineFeeds } from './engine/engineFeeds';
import { App } from './shell/App';
import { NoTokenPage } from './shell/NoTokenPage';
import { startNowTicker } from './stores/nowStore';

const startup = chooseEngineClient();
if (startup.kind === 'ready') {
  connectEngineFeeds(startup.client);
  startNowTicker();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>{startup.kind === 'ready' ? <App client={startup.client} /> : <NoTokenPage />}</StrictMode>,
);
