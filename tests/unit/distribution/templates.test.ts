import { describe, expect, it } from 'vitest';
import { exampleEvent, fillEvent } from '../../../core/distribution/eventFacts';
import { DEFAULT_TEMPLATES, renderTemplate, TEMPLATE_FIELDS, unknownPlaceholders } from '../../../core/distribution/templates';
import { messageKinds } from '../../../core/contract/distributionView';
import { configProblems, loadConfigText } from '../config/configText';

const minimal = 'symbols:\n  - { symbol: SPY, dataClass: level2 }\n';
const AT = Date.UTC(2026, 11, 7, 15, 31); // 10:31 New York

describe('distribution templates', () => {
  it('fill a fill message from its facts', () => {
    const event = fillEvent({ execId: 'e1', orderId: 3, instrument: { kind: 'option', symbol: 'SPY', expiry: '20261207', strike: 450, right: 'call' }, side: 'buy', quantity: 2, price: 1.2, exchange: 'CBOE', time: AT, commission: 1.3 });
    expect(event.id).toBe('fill:e1');
    expect(renderTemplate(DEFAULT_TEMPLATES.fill, event.facts)).toBe('Filled: buy 2 SPY 20261207 450 call at 1.20 (10:31 ET)');
    expect(renderTemplate('{{ side }} {{quantity}}x{{symbol}}', event.facts)).toBe('buy 2xSPY');
  });

  it('use only placeholders their kind has (every default template included)', () => {
    for (const kind of messageKinds) {
      expect(unknownPlaceholders(kind, DEFAULT_TEMPLATES[kind])).toEqual([]);
      expect(Object.keys(exampleEvent(kind, AT).facts).sort()).toEqual([...TEMPLATE_FIELDS[kind]].sort());
    }
    expect(unknownPlaceholders('fill', '{{price}} {{vpin}}')).toEqual(['vpin']);
  });

  it('are checked when config.yaml is read: an unknown placeholder is named with its channel and kind', () => {
    const message = configProblems(minimal, 'distribution:\n  telegram:\n    templates:\n      fill: "{{price}} {{strike}}"\n');
    expect(message).toContain('distribution.telegram.templates.fill');
    expect(message).toContain('{{strike}}');
    expect(configProblems(minimal, 'distribution:\n  x:\n    events: [fills]\n')).toContain('distribution.x.events[0]: got "fills"');
  });

  it('default to every channel off and in dry-run, with the shipped config valid', () => {
    const { distribution } = loadConfigText(minimal, '');
    expect(distribution.discord).toMatchObject({ enabled: false, dryRun: true, delaySeconds: 0 });
    expect(distribution.telegram.apiBaseUrl).toBe('https://api.telegram.org');
    expect(distribution.x.apiBaseUrl).toBe('https://api.twitter.com');
    expect(distribution.dailySummaryAt).toBe('16:15');
  });
});
