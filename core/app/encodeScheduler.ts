import { ENCODE_BUDGET_MS } from './contractLimits';

/** Work that encodes and sends stream values: does about `budgetMs` of it, and says whether some is left. */
export interface EncodeJob {
  encodeFor(budgetMs: number): boolean;
}

/**
 * Shares the engine's time for encoding stream values between all connections: together they spend about
 * `budgetMs` per event-loop turn (one value more at most: a value is encoded whole). A job with work left waits for a
 * later turn, behind those already waiting, so connections take turns; in between the engine answers health checks,
 * the kill switch and new messages.
 */
export class EncodeScheduler {
  private readonly waiting = new Set<EncodeJob>();
  /** Time spent since the last turn served the waiting jobs; running jobs at once spend it too. */
  private spentMs = 0;
  private turn: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly budgetMs = ENCODE_BUDGET_MS,
    /** Milliseconds; tests give a clock the jobs advance, so a turn's share does not depend on the machine's load. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `job` at once while there is budget and no job waits, else queues it for a later turn. */
  run(job: EncodeJob): void {
    if (this.waiting.size > 0 || this.spentMs >= this.budgetMs || this.timed(job)) this.wait(job);
  }

  cancel(job: EncodeJob): void {
    this.waiting.delete(job);
  }

  /** Runs `job` within what is left of the budget; true when it has work left. */
  private timed(job: EncodeJob): boolean {
    const started = this.now();
    const more = job.encodeFor(this.budgetMs - this.spentMs);
    this.spentMs += this.now() - started;
    return more;
  }

  private wait(job: EncodeJob): void {
    this.waiting.add(job);
    this.turn ??= setImmediate(() => this.serve());
  }

  private serve(): void {
    this.turn = undefined;
    this.spentMs = 0;
    const inTurn = [...this.waiting];
    this.waiting.clear();
    const servedWithWorkLeft: EncodeJob[] = [];
    for (const job of inTurn) {
      if (this.spentMs >= this.budgetMs) this.waiting.add(job); // keeps its place for the next turn
      else if (this.timed(job)) servedWithWorkLeft.push(job);
    }
    // A job served this turn goes behind those that were not.
    for (const job of servedWithWorkLeft) this.waiting.add(job);
    if (this.waiting.size > 0) this.turn = setImmediate(() => this.serve());
  }
}
