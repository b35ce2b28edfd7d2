import { describe, expect, it } from 'vitest';
import { assembleMorningInputs } from '../../../core/app/morning/morningInputs';
import { MORNING_SYSTEM_PROMPT, morningMessages } from '../../../core/app/morning/morningPrompt';
import { RULES_HEADING, ruleSummary } from '../../../core/app/morning/ruleSummary';
import { emptySnapshot } from '../signals/snapshotFixture';
import { gex, NOW, position, spySnapshot } from './morningFixture';

const inputs = assembleMorningInputs({ tradingDay: '2026-12-07', now: NOW, snapshots: [spySnapshot()], positions: [position()] });

describe('the prompt sent to the LLM', () => {
  it('is a system brief and a user message holding every figure of the day', () => {
    const [system, user] = morningMessages(inputs);
    expect(system).toEqual({ role: 'system', content: MORNING_SYSTEM_PROMPT });
    expect(user!.role).toBe('user');
    for (const figure of ['2026-12-07', '## SPY', '+0.45% (601.20 vs prior close 598.50)', 'flip 597.35', 'call wall 610.00', 'put wall 590.00', '+$1.25B', '0.412', 'TOXIC', 'HIGH (realized 32.1%', 'Somewhat-Bullish', 'RSI 71.40 (overbought)', 'SPY 2026-12-18 600 C: 5 at 4.20, now 5.10, unrealized +$450']) {
      expect(user!.content).toContain(figure);
    }
  });

  it('says what is missing instead of leaving it out', () => {
    const bare = assembleMorningInputs({ tradingDay: '2026-12-07', now: NOW, snapshots: [emptySnapshot()], positions: [] });
    const user = morningMessages(bare)[1]!.content;
    expect(user).toContain('- overnight gap: not available');
    expect(user).toContain('- GEX: not available');
    expect(user).toContain('## Open positions\n- none');
  });
});

describe('the rule-based summary', () => {
  it('is labelled as rule-based and reads the gap, gamma, flip side, toxicity and regime', () => {
    const text = ruleSummary(inputs, null);
    expect(text).toContain(`*${RULES_HEADING}.*`);
    expect(text).toContain('gap up');
    expect(text).toContain('dealers long gamma: moves tend to be damped');
    expect(text).toContain('spot 601.20 is above the flip');
    expect(text).toContain('one-sided, possibly informed flow');
    expect(text).toContain('Volatility regime: HIGH (32.1% annualized)');
    expect(text).toContain('SPY 2026-12-18 600 C: 5 at 4.20');
    expect(text).not.toContain('The LLM was not used');
  });

  it('quotes why the LLM was not used, and reads short gamma and a large gap down', () => {
    const down = spySnapshot();
    const shortGamma = { ...down, quote: { ...down.quote!, bid: 590, ask: 590.1 }, gex: gex({ spot: 590.05, totals: { callGex: 1e8, putGex: -9e8, gex: -8e8, dex: 0 } }) };
    const text = ruleSummary(assembleMorningInputs({ tradingDay: '2026-12-07', now: NOW, snapshots: [shortGamma], positions: [] }), 'HTTP 500: boom after 4 attempts');
    expect(text).toContain('> The LLM was not used: HTTP 500: boom after 4 attempts');
    expect(text).toContain('large gap down');
    expect(text).toContain('dealers short gamma: moves tend to be amplified');
    expect(text).toContain('is below the flip');
  });
});
