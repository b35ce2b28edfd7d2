import { z } from 'zod';
import { distributionEventKinds, messageKinds, type MessageKind } from '../contract/distributionView';
import { unknownPlaceholders } from '../distribution/templates';

/**
 * config.yaml `distribution:` (README "Distribution"): per channel whether it is on, whether it only renders
 * (dry-run), which events it gets, how late, and its templates. Secrets are never here: DISCORD_WEBHOOK_URL,
 * TELEGRAM_BOT_TOKEN, TELEGRAM_CHAT_ID and X_USER_TOKEN come from .env.
 */
const templates = z
  .partialRecord(z.enum(messageKinds as [MessageKind, ...MessageKind[]]), z.string().min(1).max(2_000))
  .default({})
  .superRefine((byKind, ctx) => {
    for (const [kind, template] of Object.entries(byKind)) {
      const unknown = unknownPlaceholders(kind as MessageKind, template!);
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: [kind], message: `unknown placeholder(s) ${unknown.map((n) => `{{${n}}}`).join(', ')} for ${kind}` });
    }
  });

const channelFields = {
  enabled: z.boolean().default(false),
  /** Render and record every message without sending it (the panel shows what would have gone). */
  dryRun: z.boolean().default(true),
  events: z.array(z.enum(distributionEventKinds)).default([...distributionEventKinds]),
  /** Seconds after the event a message may go: public channels may get signals late. */
  delaySeconds: z.number().min(0).max(86_400).default(0),
  templates,
};
/** The API's base URL is configurable (a test points it at 127.0.0.1); Discord's webhook URL is a secret in .env. */
const apiBaseUrl = (url: string) => z.url(`a URL such as ${url}`).default(url);

const newYorkTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a New York time "HH:MM" such as "16:15"');

export const distributionSchema = z.strictObject({
  /** When the daily summary is built on a trading day, New York time (after the close). */
  dailySummaryAt: newYorkTime.default('16:15'),
  discord: z.strictObject(channelFields).prefault({}),
  telegram: z.strictObject({ ...channelFields, apiBaseUrl: apiBaseUrl('https://api.telegram.org') }).prefault({}),
  x: z.strictObject({ ...channelFields, apiBaseUrl: apiBaseUrl('https://api.twitter.com') }).prefault({}),
  retry: z
    .strictObject({
      /** Failed attempts (a 429 is not one) before a message is given up as failed. */
      maxAttempts: z.number().int().min(1).max(50).default(8),
      baseDelaySeconds: z.number().positive().max(3_600).default(2),
      maxDelaySeconds: z.number().positive().max(86_400).default(300),
    })
    .prefault({}),
});

export type DistributionConfig = z.infer<typeof distributionSchema>;
