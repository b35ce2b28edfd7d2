import type {
  ChannelMode, ChannelName, DistributionChannelView, DistributionEventKind, DistributionMessageView, DistributionPreview, MessageKind,
} from '../contract/distributionView';
import { channelNames } from '../contract/distributionView';
import type { ChannelClient } from './channels/channelClient';
import { ChannelWorker, type RetryPolicy } from './channelWorker';
import { exampleEvent, testEvent, type DistributionEvent } from './eventFacts';
import { isFinal, type OutboxMessage, type OutboxStore } from './outboxMessage';
import { DEFAULT_TEMPLATES, renderTemplate } from './templates';

export interface ChannelSettings {
  enabled: boolean;
  dryRun: boolean;
  events: readonly DistributionEventKind[];
  delaySeconds: number;
  templates: Partial<Record<MessageKind, string>>;
}

export interface ChannelSetup {
  settings: ChannelSettings;
  /** Null when a secret is missing: `problem` says which. */
  client: ChannelClient | null;
  /** Formats without a client (dry-run, preview) as the channel would. */
  formatter: Pick<ChannelClient, 'format'>;
  problem: string | null;
}

export interface DistributionServiceDeps {
  channels: Record<ChannelName, ChannelSetup>;
  store: OutboxStore;
  retry: RetryPolicy;
  redact: (text: string) => string;
  clock: () => number;
  /** Finished messages older than this are dropped from the store at start (their keys no longer guard). */
  keepFinishedMs: number;
  onChange: () => void;
  onMessage: (message: OutboxMessage) => void;
  onProblem: (problem: string) => void;
}

/** How many finished messages the panel's recent list keeps. */
const RECENT = 50;

/**
 * The outbox and its channels: an event becomes one message per channel that takes its kind (rendered from the
 * channel's template, formatted as the channel takes it), stored once under its idempotency key (event id and
 * channel), then sent by the channel's own worker after the channel's delay — or, in dry-run, recorded and not sent.
 */
export class DistributionService {
  private readonly workers: Record<ChannelName, ChannelWorker>;
  private readonly recentMessages = new Map<string, OutboxMessage>();
  private readonly latest = new Map<MessageKind, DistributionEvent>();
  private readonly counts = Object.fromEntries(channelNames.map((c) => [c, { sent: 0, failed: 0 }])) as Record<ChannelName, { sent: number; failed: number }>;
  private testSequence = 0;

  constructor(private readonly deps: DistributionServiceDeps) {
    this.workers = Object.fromEntries(
      channelNames.map((channel) => {
        const setup = deps.channels[channel];
        const worker = new ChannelWorker({
          channel, client: setup.client, problem: setup.problem, store: deps.store, retry: deps.retry, redact: deps.redact, clock: deps.clock,
          onChange: (m) => this.changed(m), onProblem: deps.onProblem,
        });
        return [channel, worker];
      }),
    ) as Record<ChannelName, ChannelWorker>;
  }

  /** Reads the outbox back: waiting and in-flight messages go to their workers (in-flight ones are sent again). */
  async start(): Promise<void> {
    const stored = await this.deps.store.load();
    const cutoff = this.deps.clock() - this.deps.keepFinishedMs;
    const old = stored.filter((m) => isFinal(m) && m.createdAt < cutoff);
    if (old.length > 0) await this.deps.store.remove(old.map((m) => m.key));
    for (const message of stored.filter((m) => !old.includes(m)).sort((a, b) => a.createdAt - b.createdAt)) {
      if (message.state === 'sending') message.state = 'queued';
      this.remember(message);
      if (!isFinal(message)) this.workers[message.channel].add(message);
    }
    for (const worker of Object.values(this.workers)) worker.start();
    this.deps.onChange();
  }

  async stop(graceMs: number): Promise<void> {
    await Promise.all(Object.values(this.workers).map((w) => w.stop(graceMs)));
  }

  /** Queues the event for every enabled channel that takes its kind; an event already queued for a channel is not queued again. */
  async publish(event: DistributionEvent): Promise<OutboxMessage[]> {
    this.latest.set(event.kind, event);
    const channels = channelNames.filter((c) => {
      const { enabled, events } = this.deps.channels[c].settings;
      return enabled && (event.kind === 'test' || events.includes(event.kind));
    });
    const added = await Promise.all(channels.map((c) => this.enqueue(c, event)));
    return added.filter((m): m is OutboxMessage => m !== null);
  }

  /** A test message for one channel now (no delay), through the outbox like any other; dry-run records it unsent. */
  async testSend(channel: ChannelName, text?: string): Promise<OutboxMessage> {
    const message = await this.enqueue(channel, testEvent(this.deps.clock(), ++this.testSequence, text), 0);
    return message!;
  }

  /** Exactly what the channel would send for the newest event of that kind (or a made-up one); nothing is sent. */
  preview(channel: ChannelName, kind: MessageKind): DistributionPreview {
    const heard = kind === 'test' ? undefined : this.latest.get(kind);
    const event = heard ?? exampleEvent(kind, this.deps.clock());
    const formatted = this.render(channel, event);
    return { channel, kind, ...formatted, source: heard ? 'latest' : 'example' };
  }

  /** Switches a channel's mode for this run (the caller audits it). */
  setMode(channel: ChannelName, mode: ChannelMode): void {
    const { settings } = this.deps.channels[channel];
    settings.enabled = mode !== 'off';
    if (mode !== 'off') settings.dryRun = mode === 'dryRun';
    this.deps.onChange();
  }

  modeOf(channel: ChannelName): ChannelMode {
    const { enabled, dryRun } = this.deps.channels[channel].settings;
    return !enabled ? 'off' : dryRun ? 'dryRun' : 'live';
  }

  channelViews(): DistributionChannelView[] {
    return channelNames.map((name) => {
      const { settings, client, problem } = this.deps.channels[name];
      return {
        name, enabled: settings.enabled, dryRun: settings.dryRun, configured: client !== null, problem, events: [...settings.events],
        delaySeconds: settings.delaySeconds, queued: this.workers[name].depth, ...this.counts[name],
      };
    });
  }

  get queueDepth(): number {
    return Object.values(this.workers).reduce((n, w) => n + w.depth, 0);
  }

  /** Newest first. */
  recent(): DistributionMessageView[] {
    return [...this.recentMessages.values()].sort((a, b) => b.createdAt - a.createdAt || b.key.localeCompare(a.key)).map(({ rateLimited: _r, ...view }) => ({ ...view }));
  }

  private render(channel: ChannelName, event: DistributionEvent) {
    const setup = this.deps.channels[channel];
    const template = setup.settings.templates[event.kind] ?? DEFAULT_TEMPLATES[event.kind];
    return (setup.client ?? setup.formatter).format(renderTemplate(template, event.facts));
  }

  private async enqueue(channel: ChannelName, event: DistributionEvent, delaySeconds?: number): Promise<OutboxMessage | null> {
    const { settings } = this.deps.channels[channel];
    const now = this.deps.clock();
    const message: OutboxMessage = {
      key: `${event.id}@${channel}`, channel, kind: event.kind, eventId: event.id, state: settings.dryRun ? 'dryRun' : 'queued', attempts: 0, rateLimited: 0,
      createdAt: now, dueAt: now + (delaySeconds ?? settings.delaySeconds) * 1_000, sentAt: null, error: null, text: this.render(channel, event).text, remoteId: null,
    };
    if (!(await this.deps.store.add(message))) return this.adopt(message.key);
    this.changed(message);
    if (message.state === 'queued') this.workers[channel].add(message);
    return message;
  }

  /**
   * The store already holds this key. Known here, it is a repeat and is dropped. Unknown, an earlier offer was stored
   * without its answer reaching us (a frozen Redis woke after the client gave up): it is the outbox's, so it is sent.
   */
  private async adopt(key: string): Promise<null> {
    if (this.recentMessages.has(key)) return null;
    const stored = await this.deps.store.get(key);
    if (stored && !isFinal(stored) && !this.recentMessages.has(key)) {
      if (stored.state === 'sending') stored.state = 'queued';
      this.remember(stored);
      this.workers[stored.channel].add(stored);
      this.deps.onChange();
    }
    return null;
  }

  private changed(message: OutboxMessage): void {
    if (message.state === 'sent') this.counts[message.channel].sent++;
    if (message.state === 'failed') this.counts[message.channel].failed++;
    this.remember(message);
    this.deps.onMessage(message);
    this.deps.onChange();
  }

  private remember(message: OutboxMessage): void {
    this.recentMessages.delete(message.key);
    this.recentMessages.set(message.key, message);
    if (this.recentMessages.size <= RECENT) return;
    const finished = [...this.recentMessages.values()].filter(isFinal).sort((a, b) => a.createdAt - b.createdAt);
    for (const m of finished.slice(0, this.recentMessages.size - RECENT)) this.recentMessages.delete(m.key);
  }
}
