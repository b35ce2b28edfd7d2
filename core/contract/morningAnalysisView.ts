/** What the Morning analysis panel shows and asks: the `morningAnalysis` stream and the `runMorningAnalysis` command. Browser-safe. */
import { z } from 'zod';
import type { MorningAnalysis, MorningTrigger } from '../market/morningAnalysis';

export type { MorningAnalysis, MorningAnalysisNote, MorningTrigger } from '../market/morningAnalysis';
export type * from '../market/morningInputs';

export const runMorningAnalysisInput = z.strictObject({
  /** Why the trader asked (stored with the analysis and logged). */
  reason: z.string().trim().max(200).default('run from the cockpit'),
});

/** An analysis being made: since when, why, and its step. */
export interface MorningAnalysisRunning {
  startedAt: number;
  trigger: MorningTrigger;
  requestedBy: string | null;
  step: 'assembling the data' | 'asking the LLM' | 'storing';
}

export interface MorningAnalysisView {
  /** The newest analysis (this engine's or read back at start-up); null before the first. */
  latest: MorningAnalysis | null;
  running: MorningAnalysisRunning | null;
  /** Epoch ms of the next scheduled analysis. */
  nextRunAt: number | null;
  /** morningAnalysis.time: the New York time of the scheduled run on trading days. */
  time: string;
  /** Whether a key is set (else every analysis is the rule-based summary), and the provider and model asked. */
  llm: { configured: boolean; baseUrl: string; model: string };
  /** The last failure to store an analysis (Redis or the file), null when none. */
  storeError: string | null;
}
