import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../core/config/loadConfig';
import { configProblems, loadConfigText } from './configText';
import { strategySettings } from '../../../core/config/signalsSchema';

const symbols = 'symbols:\n  - { symbol: SPY, dataClass: level2, etf: true }\n  - { symbol: AAPL, dataClass: standard }\n';

const load = (text: string) => loadConfigText(symbols, text);
const problemsOf = (text: string): string => configProblems(symbols, text);

describe('signals configuration', () => {
  it('defaults: 120 s proposals, 0.3% re-confirmation, manual automation, windows in New York minutes', () => {
    const { signals } = load('');
    expect(signals).toMatchObject({ proposalTtlSeconds: 120, reconfirmMovePercent: 0.3, evaluateEveryMs: 1_000 });
    expect(signals.zeroDte).toMatchObject({ enabled: true, symbols: [], automation: 'manual', window: { from: 9 * 60 + 45, to: 15 * 60 + 30 } });
    const settings = strategySettings(signals);
    expect(settings.mocImbalance).toMatchObject({ fromMinute: 15 * 60 + 40, toMinute: 15 * 60 + 50, maxLossPerTrade: 500, maxShares: 1_000 });
    expect(settings.zeroDte).not.toHaveProperty('automation');
  });

  it('reads the shipped config.yaml', () => {
    const { signals } = loadConfigFile('config/config.yaml');
    expect(signals.zeroDte.symbols).toEqual(['SPY']);
    expect(signals.swing.window).toEqual({ from: 600, to: 930 });
  });

  it('names an unconfigured symbol, a non-ETF for the MOC strategy, a bad time and a reversed window', () => {
    const message = problemsOf(
      'signals:\n  zeroDte: { symbols: [QQQ] }\n  mocImbalance: { symbols: [AAPL] }\n  oneDte: { window: { from: "9:30" } }\n  swing: { window: { from: "15:00", to: "10:00" } }\n',
    );
    expect(message).toContain('signals.zeroDte.symbols.0: QQQ is not a configured symbol (symbols: SPY, AAPL)');
    expect(message).toContain('signals.mocImbalance.symbols.0: AAPL is not an ETF: the MOC imbalance strategy trades ETFs only');
    expect(message).toContain('a New York time "HH:MM"');
    expect(message).toContain('window.from must be before window.to');
  });

  it('refuses an unknown automation mode and an unknown key', () => {
    const message = problemsOf('signals:\n  zeroDte: { automation: always, momentumSigma: 3 }\n');
    expect(message).toContain('signals.zeroDte.automation');
    expect(message).toContain('momentumSigma');
  });
});
