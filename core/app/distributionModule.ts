import type { Redis } from 'ioredis';
import type { EngineBus } from '../bus/catalogue';
import type { DistributionConfig } from '../config/distributionSchema';
import { distributionSecretValues, type DistributionSecrets } from '../config/settings';
import type { ChannelMode, ChannelName, DistributionChannelView, DistributionView } from '../contract/distributionView';
import { dailySummaryText, summaryDue } from '../distribution/dailySummary';
import { DistributionService } from '../distribution/distributionService';
import { dailySummaryEvent, fillEvent, morningAnalysisEvent, signalEvent, toxicityEvent, type DistributionEvent } from '../distribution/eventFacts';
import type { OutboxMessage } from '../distribution/outboxMessage';
import { redactor } from '../distribution/redact';
import { nyseSession } from '../market/marketCalendar';
import { strategyNames, type StrategyName } from '../market/proposal';
import type { StrategyReportCard } from '../market/proposal';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule } from '../runtime/supervisor';
import { Topic } from '../runtime/topic';
import { RedisDistributionStore } from '../store/distributionStore';
import type { HashCounter } from '../store/hashCounter';
import { channelSetups } from './distributionChannels';
import { readSummaryDay } from './summaryDay';

const log = moduleLogger('distribution');
const DAY_MS = 24 * 3_600_000;
/** Finished messages (and so their idempotency keys) are kept a week. */
const KEEP_FINISHED_MS = 7 * DAY_MS;
/** How often the daily summary's time is checked; a summary whose day could not be read is tried again then. */
const SUMMARY_CHECK_MS = 30_000;
/** The field of `monitoring:distribution:failed` that counts events Redis never took (no channel was chosen yet). */
export const NOT_QUEUED = 'not_queued';
/** An event the store could not take (Redis down) is offered again this often, this many times (10 minutes). */
const REQUEUE = { everyMs: 5_000, tries: 120 };
/** A send in flight at stop gets this long to be answered and marked (else it is sent again after the restart). */
const STOP_GRACE_MS = 2_000;

export interface DistributionModuleOptions {
  bus: EngineBus;
  redis: Redis;
  config: DistributionConfig;
  secrets: DistributionSecrets;
  /** Each strategy's report card (the signal history). */
  reportCard: (strategy: StrategyName) => StrategyReportCard;
  failedSends: HashCounter;
  reportBadInput: (source: string, problem: string) => void;
  clock?: () => number;
  /** How often and how many times an event Redis did not take is offered again (default every 5 s, 120 times). */
  requeue?: { everyMs: number; tries: number };
}

/**
 * Distribution as one engine module (Health's "distribution"): hears approved signals, fills, toxicity alerts and the
 * morning analysis on the bus, builds the daily summary after the close, and hands each to the outbox, which sends it
 * to every channel that takes it. Serves the cockpit's `distribution` stream, the preview and the test send.
 */
export class DistributionModule implements EngineModule {
  readonly name = 'distribution';
  readonly dependsOn = ['redis', 'signals'];
  readonly topic = new Topic<DistributionView>(100);
  readonly service: DistributionService;
  private readonly clock: () => number;
  private readonly unsubscribe: Array<() => void> = [];
  private summarySent = '';
  private summaryReading = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly store: RedisDistributionStore;

  constructor(private readonly options: DistributionModuleOptions) {
    this.clock = options.clock ?? Date.now;
    const { secrets } = options;
    const redact = redactor(distributionSecretValues(secrets));
    this.store = new RedisDistributionStore(options.redis, options.reportBadInput);
    this.service = new DistributionService({
      channels: channelSetups(options.config, secrets),
      store: this.store,
      retry: { maxAttempts: options.config.retry.maxAttempts, baseDelayMs: options.config.retry.baseDelaySeconds * 1_000, maxDelayMs: options.config.retry.maxDelaySeconds * 1_000 },
      redact, clock: this.clock, keepFinishedMs: KEEP_FINISHED_MS,
      onChange: () => this.publishView(),
      onMessage: (m) => this.logged(m),
      onProblem: (problem) => log.warn(redact(problem)),
    });
  }

  async start(): Promise<void> {
    await this.service.start();
    const { bus } = this.options;
    this.unsubscribe.push(
      bus.subscribe('proposalDecided', ({ proposal, decision }) => {
        if (decision.status === 'approved' || decision.status === 'modified') this.distribute(signalEvent(proposal, decision));
      }),
      bus.subscribe('fillRecorded', (fill) => this.distribute(fillEvent(fill))),
      bus.subscribe('toxicityAlerted', (reading) => this.distribute(toxicityEvent(reading))),
      bus.subscribe('morningAnalysisReady', (note) => this.distribute(morningAnalysisEvent(note))),
    );
    this.timer = setInterval(() => void this.summaryIfDue(), SUMMARY_CHECK_MS);
    this.timer.unref();
    void this.summaryIfDue();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.service.stop(STOP_GRACE_MS);
    this.topic.close();
  }

  detail(): Record<string, number> {
    const channels = this.service.channelViews();
    return { queued: this.service.queueDepth, sent: channels.reduce((n, c) => n + c.sent, 0), failed: channels.reduce((n, c) => n + c.failed, 0) };
  }

  view(): DistributionView {
    return { channels: this.service.channelViews(), queueDepth: this.service.queueDepth, recent: this.service.recent(), dailySummaryAt: this.options.config.dailySummaryAt };
  }

  /**
   * Switches a channel off, to dry-run or live for this run, audited first (distribution:audit); going live needs
   * `confirmed` (it sends for real). config.yaml decides again at the next start.
   */
  async setChannelMode(channel: ChannelName, mode: ChannelMode, input: { confirmed: boolean; by: string; reason: string }): Promise<DistributionChannelView> {
    const from = this.service.modeOf(channel);
    if (mode === 'live' && from !== 'live' && !input.confirmed) {
      throw new ChannelModeRefused(`going live sends ${channel} messages for real: confirm it`);
    }
    if (mode !== from) {
      await this.store.auditModeChange({ at: this.clock(), by: input.by, channel, from, to: mode, reason: input.reason });
      this.service.setMode(channel, mode);
      log.info({ channel, from, to: mode, by: input.by, reason: input.reason }, 'distribution channel switched');
    }
    return this.service.channelViews().find((c) => c.name === channel)!;
  }

  /** Hands the event to the outbox; while Redis cannot take it, it is offered again (the outbox drops repeats). */
  distribute(event: DistributionEvent, tries = 0): void {
    const { everyMs, tries: most } = this.options.requeue ?? REQUEUE;
    this.service.publish(event).catch((error: unknown) => {
      if (tries >= most) {
        this.options.failedSends.add(NOT_QUEUED);
        return log.error({ event: event.id, reason: (error as Error).message }, 'a distribution event was not queued: Redis did not take it');
      }
      log.warn({ event: event.id, reason: (error as Error).message }, 'a distribution event waits for Redis');
      setTimeout(() => this.distribute(event, tries + 1), everyMs).unref();
    });
  }

  /**
   * After `dailySummaryAt` on a trading day, builds the day's summary from what Redis holds (the day's fills and
   * signal history, whichever engine process heard them). When Redis cannot be read the summary is not posted and
   * the next check (30 s) tries again, until the day ends.
   */
  async summaryIfDue(): Promise<void> {
    const now = this.clock();
    const date = summaryDue(now, this.options.config.dailySummaryAt, (ts) => nyseSession(ts) !== null);
    if (date === null || date === this.summarySent || this.summaryReading) return;
    this.summaryReading = true;
    try {
      const day = await readSummaryDay(this.options.redis, date);
      const signals = strategyNames.map((strategy) => ({
        strategy, card: this.options.reportCard(strategy), today: day.counts.get(strategy) ?? { proposed: 0, approved: 0, rejected: 0, expired: 0 },
      }));
      this.summarySent = date;
      this.distribute(dailySummaryEvent(date, dailySummaryText(day.fills, signals), now));
    } catch (error) {
      log.warn({ date, reason: (error as Error).message }, 'the daily summary waits for Redis: the day could not be read; tried again in 30 s');
    } finally {
      this.summaryReading = false;
    }
  }

  private publishView(): void {
    this.topic.publish(this.view(), this.clock());
  }

  /** Every message's fate in the log (no text, no secret: the channel, the key, the state, the channel's id or error). */
  private logged(message: OutboxMessage): void {
    const { channel, key, state, attempts, remoteId, error } = message;
    if (state === 'failed') {
      this.options.failedSends.add(channel);
      log.warn({ channel, key, attempts, error }, 'distribution message failed');
    } else if (state === 'sent') log.info({ channel, key, attempts, remoteId }, 'distribution message sent');
    else if (state === 'queued' && error) log.info({ channel, key, attempts, error, dueAt: new Date(message.dueAt).toISOString() }, 'distribution message will be tried again');
  }
}

/** A mode switch the module refuses (going live unconfirmed). */
export class ChannelModeRefused extends Error {
  readonly code = 'NOT_CONFIRMED';
}
