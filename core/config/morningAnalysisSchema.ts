import { z } from 'zod';

/**
 * config.yaml `morningAnalysis:` the pre-market note (README "Morning analysis"). The API key is not here: it is read
 * from the environment (OPENAI_API_KEY, .env), never from a file that may be shared.
 */
export const morningAnalysisSchema = z.strictObject({
  /** Off: no schedule, no "Run now"; the cockpit's panel says so. */
  enabled: z.boolean().default(true),
  /** New York wall-clock time of the scheduled run on each trading day, HH:MM (24 h). */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a New York time HH:MM such as "08:30"').default('08:30'),
  /** An OpenAI-compatible API: the chat-completions endpoint is {baseUrl}/chat/completions. */
  baseUrl: z.url('a URL such as https://api.openai.com/v1').default('https://api.openai.com/v1'),
  model: z.string().min(1).default('gpt-4o-mini'),
  /** Per attempt. */
  timeoutSeconds: z.number().positive().max(600).default(60),
  /** Retries after a 429, a 5xx or a lost connection (with backoff, honouring the provider's retry-after). */
  maxRetries: z.number().int().min(0).max(10).default(3),
  temperature: z.number().min(0).max(2).default(0.2),
});

export type MorningAnalysisConfig = z.infer<typeof morningAnalysisSchema>;
