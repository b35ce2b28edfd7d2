/**
 * The morning analysis as the rest of the engine sees it: what app/morningAnalysis publishes when an analysis is
 * stored, and what distribution sends. Its assembled inputs are stored with it (core/store) but not carried here.
 */
export interface MorningAnalysisNote {
  /** Never reused: the trading day and a sequence number, e.g. "2026-12-07-1". */
  id: string;
  /** The New York trading day it prepares, YYYY-MM-DD. */
  tradingDay: string;
  createdAt: number;
  /** 'llm' = the chat-completions answer; 'rules' = the rule-based summary (no key, or the API failed). */
  source: 'llm' | 'rules';
  /** Markdown text: shown rendered safely in the cockpit, sent as text by distribution. */
  markdown: string;
}
