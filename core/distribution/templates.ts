import type { MessageKind } from '../contract/distributionView';

/**
 * Message templates: plain text with {{name}} placeholders, filled from an event's facts (eventFacts.ts). Each kind
 * has its own placeholders; config.yaml may replace any template per channel, and a placeholder the kind does not
 * have is a config error that names it.
 */
export const TEMPLATE_FIELDS: Readonly<Record<MessageKind, readonly string[]>> = {
  signal: ['id', 'strategy', 'symbol', 'side', 'quantity', 'instrument', 'limitPrice', 'stopPrice', 'exit', 'confidence', 'reasons', 'decidedBy', 'time'],
  fill: ['symbol', 'side', 'quantity', 'instrument', 'price', 'exchange', 'time'],
  toxicity: ['symbol', 'vpin', 'cdf', 'time'],
  dailySummary: ['date', 'summary'],
  morningAnalysis: ['tradingDay', 'text', 'source'],
  test: ['time', 'text'],
};

export const DEFAULT_TEMPLATES: Readonly<Record<MessageKind, string>> = {
  signal: 'Signal {{strategy}} approved: {{side}} {{quantity}} {{instrument}} limit {{limitPrice}}, stop {{stopPrice}}, {{exit}}. {{reasons}}',
  fill: 'Filled: {{side}} {{quantity}} {{instrument}} at {{price}} ({{time}} ET)',
  toxicity: 'Toxicity alert {{symbol}}: VPIN {{vpin}}, CDF {{cdf}} ({{time}} ET)',
  dailySummary: 'Daily summary {{date}}: {{summary}}',
  morningAnalysis: 'Morning analysis {{tradingDay}}\n{{text}}',
  test: '{{text}} ({{time}} ET)',
};

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Placeholders of the template that the kind does not have (empty when the template is good). */
export function unknownPlaceholders(kind: MessageKind, template: string): string[] {
  const known = TEMPLATE_FIELDS[kind];
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !known.includes(name));
}

/** The template with each placeholder replaced by its fact (a fact the event lacks renders as empty). */
export function renderTemplate(template: string, facts: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => facts[name] ?? '').trim();
}
