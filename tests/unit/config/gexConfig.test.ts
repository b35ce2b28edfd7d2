import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../core/config/loadConfig';
import { configProblems, loadConfigText } from './configText';
import { gexSettings } from '../../../core/app/gexModule';

const minimal = 'symbols:\n  - { symbol: SPY, dataClass: level2 }\n';

const load = (text: string) => loadConfigText(minimal, text);
const problemsOf = (text: string): string => configProblems(minimal, text);

describe('analytics.gex configuration', () => {
  it('defaults to dealers long calls and short puts, spot ± 20% in 0.5% steps, a re-price every 0.5% move', () => {
    expect(load('').analytics.gex).toEqual({
      positioning: 'dealersLongCallsShortPuts', rate: 0.04, dividendYield: 0, flipRangePercent: 20, flipStepPercent: 0.5, repriceStepPercent: 0.5,
    });
    expect(loadConfigFile('config/config.yaml').analytics.gex.repriceStepPercent).toBe(0.5);
  });

  it('names the key of a wrong value, an unknown positioning and an unknown key', () => {
    const message = problemsOf('analytics:\n  gex:\n    repriceStepPercent: 0\n    positioning: dealersFlat\n    flipRange: 10\n');
    expect(message).toContain('analytics.gex.repriceStepPercent: got 0, expected number to be >0');
    expect(message).toContain('analytics.gex.positioning: got "dealersFlat"');
    expect(message).toContain('analytics.gex.flipRange: unknown key');
  });

  it('refuses a flip grid step that is not smaller than its range, saying what to change', () => {
    expect(problemsOf('analytics:\n  gex:\n    flipRangePercent: 2\n    flipStepPercent: 5\n')).toContain(
      'analytics.gex.flipStepPercent: flipStepPercent (5) is not smaller than flipRangePercent (2)',
    );
  });

  it('hands the service its percentages as fractions: a 10% range in 1% steps is a 21-point grid, a 2% re-price step is 0.02', () => {
    const { settings, repriceStep } = gexSettings(load('analytics:\n  gex:\n    flipRangePercent: 10\n    flipStepPercent: 1\n    repriceStepPercent: 2\n    positioning: dealersShortCallsLongPuts\n').analytics.gex);
    expect(settings).toMatchObject({ positioning: 'dealersShortCallsLongPuts', rate: 0.04, dividendYield: 0, flipGrid: { range: 0.1, step: 0.01 } });
    expect(repriceStep).toBe(0.02);
  });
});
