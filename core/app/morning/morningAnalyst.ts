/**
 * Writes one morning analysis: assembles the inputs, asks the chat-completions API (when a key is set) or falls back to
 * the rule-based summary (no key, or the API failed: its error is kept and shown), and stamps it. No storage here.
 */
import type { MorningAnalysis, MorningTrigger } from '../../market/morningAnalysis';
import type { MorningInputs } from '../../market/morningInputs';
import { ChatCompletionError, requestChatCompletion, type ChatAnswer, type ChatCompletionsOptions } from './chatCompletions';
import { morningMessages } from './morningPrompt';
import { ruleSummary } from './ruleSummary';

export interface AnalysisRequest {
  id: string;
  trigger: MorningTrigger;
  requestedBy: string | null;
  reason: string | null;
  startedAt: number;
  inputs: MorningInputs;
}

/** The client's settings; apiKey undefined: no key, so no request is made (the rule-based summary). */
export type LlmSettings = Omit<ChatCompletionsOptions, 'apiKey'> & { apiKey: string | undefined };

export async function writeMorningAnalysis(request: AnalysisRequest, llm: LlmSettings, now: () => number = Date.now): Promise<MorningAnalysis> {
  const { inputs } = request;
  let answer: ChatAnswer | null = null;
  let error: string | null = null;
  if (llm.apiKey) {
    try {
      answer = await requestChatCompletion({ ...llm, apiKey: llm.apiKey }, morningMessages(inputs));
    } catch (failure) {
      error = failure instanceof ChatCompletionError ? `${llm.model} at ${llm.baseUrl}: ${failure.message}` : 'the request failed';
    }
  }
  return {
    id: request.id,
    tradingDay: inputs.tradingDay,
    createdAt: now(),
    source: answer ? 'llm' : 'rules',
    markdown: answer ? answer.content : ruleSummary(inputs, error),
    trigger: request.trigger,
    requestedBy: request.requestedBy,
    reason: request.reason,
    model: answer?.model ?? null,
    error,
    usage: answer?.usage ?? null,
    durationMs: now() - request.startedAt,
    inputs,
  };
}
