import type { MorningInputs } from './morningInputs';

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

/** What made an analysis: the schedule before the open, or a trader's "Run now". */
export type MorningTrigger = 'schedule' | 'manual';

/** An analysis as stored (Redis and a file in the data dir) and shown: the note, its inputs and how it was made. */
export interface MorningAnalysis extends MorningAnalysisNote {
  trigger: MorningTrigger;
  /** Who asked and why, for a manual run; null for a scheduled one. */
  requestedBy: string | null;
  reason: string | null;
  /** The model that answered (as the provider named it); null for the rule-based summary. */
  model: string | null;
  /** Why the LLM was not used although a key is set (the API's error, key-free); null otherwise. */
  error: string | null;
  /** Token counts the provider reported; null for the rule-based summary or when it reported none. */
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  /** From assembling the inputs to the answer, ms. */
  durationMs: number;
  inputs: MorningInputs;
}
