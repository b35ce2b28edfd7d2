/** What the Distribution panel shows and asks: the `distribution` stream and its commands. Browser-safe. */
import { z } from 'zod';

/** The channels messages can go to. */
export const channelNames = ['discord', 'telegram', 'x'] as const;
export type ChannelName = (typeof channelNames)[number];

/** Engine events a channel can be given (config `events:`); `test` is the panel's test send, always allowed. */
export const distributionEventKinds = ['signal', 'fill', 'toxicity', 'dailySummary', 'morningAnalysis'] as const;
export type DistributionEventKind = (typeof distributionEventKinds)[number];
export type MessageKind = DistributionEventKind | 'test';
export const messageKinds: readonly MessageKind[] = [...distributionEventKinds, 'test'];

/**
 * A message's state in the outbox. queued: waiting for its time (a delay, a backoff or a 429's wait); sending: handed
 * to the channel and not yet answered; sent: the channel took it; failed: refused for good or out of attempts;
 * dryRun: rendered and recorded, never sent.
 */
export type MessageState = 'queued' | 'sending' | 'sent' | 'failed' | 'dryRun';

export interface DistributionMessageView {
  /** The idempotency key: the event's id and the channel. */
  key: string;
  channel: ChannelName;
  kind: MessageKind;
  eventId: string;
  state: MessageState;
  attempts: number;
  createdAt: number;
  /** When it may go (created + the channel's delay, pushed back by a backoff or a 429's wait). */
  dueAt: number;
  sentAt: number | null;
  /** The last error, secrets removed. */
  error: string | null;
  /** Exactly the text sent (or, in dry-run, that would have been sent). */
  text: string;
  /** The channel's id for the posted message (Discord message id, Telegram message_id, X post id). */
  remoteId: string | null;
}

export interface DistributionChannelView {
  name: ChannelName;
  enabled: boolean;
  dryRun: boolean;
  /** The .env secrets it needs are set (dry-run needs none). */
  configured: boolean;
  /** Why it cannot send, for the trader (a missing secret names the variable). */
  problem: string | null;
  events: DistributionEventKind[];
  delaySeconds: number;
  queued: number;
  sent: number;
  failed: number;
}

export interface DistributionView {
  channels: DistributionChannelView[];
  /** Messages waiting in all channels (queued or sending). */
  queueDepth: number;
  /** The newest messages first, whatever their state. */
  recent: DistributionMessageView[];
  /** The daily summary's New York time, HH:MM. */
  dailySummaryAt: string;
}

export interface DistributionPreview {
  channel: ChannelName;
  kind: MessageKind;
  /** Exactly what would be sent. */
  text: string;
  /** The channel's own length measure (X weighs characters and counts a URL as 23) and its limit. */
  length: number;
  limit: number;
  truncated: boolean;
  /** 'latest': rendered from the newest event of that kind the engine heard; 'example': from a made-up one. */
  source: 'latest' | 'example';
}

const channelInput = z.enum(channelNames, 'one of discord, telegram, x');

export const previewDistributionInput = z.strictObject({
  channel: channelInput,
  kind: z.enum(messageKinds as [MessageKind, ...MessageKind[]], `one of ${messageKinds.join(', ')}`),
});

export const testSendDistributionInput = z.strictObject({
  channel: channelInput,
  /** Replaces the test template's text when given. */
  text: z.string().trim().min(1).max(500).optional(),
});

/** A channel's mode: off, dry-run (renders, sends nothing) or live (sends). */
export const channelModes = ['off', 'dryRun', 'live'] as const;
export type ChannelMode = (typeof channelModes)[number];

export const setDistributionChannelInput = z.strictObject({
  channel: channelInput,
  mode: z.enum(channelModes, 'one of off, dryRun, live'),
  /** Going live sends for real: refused (NOT_CONFIRMED) without it. */
  confirmed: z.boolean().default(false),
  reason: z.string().trim().min(1, 'a reason (it is audited)').max(300),
});
