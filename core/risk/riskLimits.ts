/**
 * The risk limits in force, changed at runtime from the cockpit (`setRiskLimit`). The order gate and the circuit
 * breakers read `current` at each check. Every change needs a trader's confirmation and is audited (who, what, why,
 * the old and new value), refusals too; no limit is loosened while trading is HALTED or REDUCING. A change is kept
 * in Redis so a restart does not silently loosen a limit a trader tightened: at start-up each limit is the stricter
 * of config.yaml's value and the stored one (a loosening lasts until the engine stops). A loosening takes effect only
 * once recorded; a tightening at once, recorded or not.
 */
import { riskSchema, type RiskLimits } from '../config/riskSchema';
import { ContractError, type RiskLimitView, type RuntimeRiskLimitName, type TradingState } from '../contract/contract';
import type { DenialCode } from '../market/order';
import { withDeadline } from '../runtime/deadline';
import { moduleLogger } from '../runtime/logger';
import { describeLimit, isLooser, LIMIT_RULES, stricter, type LimitValue } from './riskLimitRules';

const log = moduleLogger('riskLimits');
/** How long a change waits for Redis before it counts as not recorded. */
const RECORD_MS = 2_000;

/** A limit set from the cockpit, as Redis keeps it. */
export interface StoredLimit {
  value: LimitValue;
  by: string;
  at: number;
  reason: string;
}

/** One row of the limits' audit trail: a change, or a refused one with its code. */
export interface LimitAuditEntry {
  at: number;
  by: string;
  name: RuntimeRiskLimitName;
  from: LimitValue;
  to: LimitValue;
  reason: string;
  outcome: 'changed' | 'refused';
  /** A refusal's code (NOT_CONFIRMED, HALTED, BAD_REQUEST, UNAVAILABLE); null for a change. */
  code: string | null;
  message: string;
}

export interface RiskLimitStore {
  loadLimits(): Promise<Partial<Record<RuntimeRiskLimitName, StoredLimit>>>;
  /** The limit and its audit row together; rejects when they could not be written. */
  recordChange(name: RuntimeRiskLimitName, limit: StoredLimit, audit: LimitAuditEntry): Promise<void>;
  auditRefusal(audit: LimitAuditEntry): Promise<void>;
}

export interface LimitChange {
  name: RuntimeRiskLimitName;
  value: LimitValue;
  confirmed: boolean;
  reason: string;
}

export type LimitSettings = Omit<RiskLimitView, 'used' | 'usedLabel'>;

export interface RuntimeRiskLimitsDeps {
  store: RiskLimitStore;
  tradingState: { readonly current: TradingState };
  clock?: () => number;
}

export class RuntimeRiskLimits {
  private limits: RiskLimits;
  private readonly setBy = new Map<RuntimeRiskLimitName, StoredLimit>();
  private readonly clock: () => number;
  private readonly listeners = new Set<() => void>();
  /** The limit writes in order: a tightening's write never lands before an earlier loosening's. */
  private writes: Promise<unknown> = Promise.resolve();
  private loaded = false;

  constructor(
    /** config.yaml `risk:` (with the simulator's practice calendar applied). */
    readonly configured: RiskLimits,
    private readonly deps: RuntimeRiskLimitsDeps,
  ) {
    this.limits = configured;
    this.clock = deps.clock ?? Date.now;
  }

  get current(): RiskLimits {
    return this.limits;
  }

  /** Calls `listener` after each change; answers its removal. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies the stored limits that are stricter than config.yaml's (rejects when Redis cannot be read). */
  async load(): Promise<void> {
    const stored = await this.deps.store.loadLimits();
    let limits = this.configured;
    for (const [name, limit] of Object.entries(stored) as Array<[RuntimeRiskLimitName, StoredLimit]>) {
      const configured = this.configured[name];
      if (stricter(name, configured, limit.value) === configured) continue;
      const next = riskSchema.safeParse({ ...limits, [name]: limit.value });
      if (!next.success) {
        log.warn({ name, value: limit.value }, 'a stored runtime limit is not valid with the others: config.yaml’s value stays');
        continue;
      }
      limits = next.data;
      this.setBy.set(name, limit);
      log.info({ name, value: limit.value, configured, by: limit.by }, 'a limit tightened at runtime is still in force');
    }
    this.limits = limits;
    this.loaded = true;
  }

  settings(name: RuntimeRiskLimitName): LimitSettings {
    const setBy = this.setBy.get(name);
    return {
      name,
      value: this.limits[name],
      configured: this.configured[name],
      setBy: setBy ? { by: setBy.by, at: setBy.at, reason: setBy.reason } : null,
      ...LIMIT_RULES[name],
    };
  }

  /**
   * Changes one limit, or throws a ContractError saying why not (REFUSED: not confirmed, a loosening while HALTED or
   * REDUCING, or the limit changed while a loosening was being recorded; BAD_REQUEST: the limits would not be valid;
   * UNAVAILABLE: a loosening Redis did not record). `warning` says when a tightening took effect unrecorded.
   */
  async change(change: LimitChange, by: string): Promise<{ settings: LimitSettings; warning: string | null }> {
    if (!this.loaded) throw new ContractError('UNAVAILABLE', 'the risk limits are still being read from Redis: try again in a moment');
    const { name, value: to } = change;
    const from = this.limits[name];
    const row = { at: this.clock(), by, name, from, to, reason: change.reason };
    const refuse = (code: string, error: ContractError) => this.refuse({ ...row, outcome: 'refused', code, message: error.message }, error);
    const what = `${name} from ${describeLimit(name, from)} to ${describeLimit(name, to)}`;
    if (!change.confirmed) {
      return refuse('NOT_CONFIRMED', new ContractError('REFUSED', `Changing ${what} needs the trader’s confirmation: resend with confirmed: true.`, 'NOT_CONFIRMED'));
    }
    const loosening = isLooser(name, from, to);
    const state = this.deps.tradingState.current;
    if (loosening && state.state !== 'ACTIVE') {
      const code: DenialCode = state.state === 'HALTED' ? 'HALTED' : 'REDUCING_WOULD_INCREASE';
      const message = `Trading is ${state.state} (${state.reason || 'kill switch'}): no limit is loosened until trading is ACTIVE again, so ${name} stays at ${describeLimit(name, from)}. Tightening a limit is allowed.`;
      return refuse(state.state, new ContractError('REFUSED', message, code));
    }
    const invalid = this.problemWith(name, to);
    if (invalid) return refuse('BAD_REQUEST', new ContractError('BAD_REQUEST', invalid));
    const stored: StoredLimit = { value: to, by, at: row.at, reason: change.reason };
    const recording = this.record(name, stored, { ...row, outcome: 'changed', code: null, message: `${loosening ? 'loosened' : 'tightened'} ${what}` });
    if (!loosening) {
      this.apply(name, to, stored);
      return { settings: this.settings(name), warning: await this.unrecorded(recording, name) };
    }
    await recording.catch((error: unknown) =>
      refuse('UNAVAILABLE', new ContractError('UNAVAILABLE', `${name} was not loosened: the change could not be recorded in Redis (${(error as Error).message}), and a loosening takes effect only once recorded. Try again when Redis is back.`)),
    );
    // A tightening may have come in while Redis wrote: it wins (its own write follows this one).
    if (this.limits[name] !== from) {
      return refuse('CHANGED', new ContractError('REFUSED', `${name} changed to ${describeLimit(name, this.limits[name])} while this loosening was being recorded: it stays. Confirm again to change it.`));
    }
    const nowInvalid = this.problemWith(name, to);
    if (nowInvalid) return refuse('BAD_REQUEST', new ContractError('BAD_REQUEST', nowInvalid));
    this.apply(name, to, stored);
    return { settings: this.settings(name), warning: null };
  }

  /** Why the limits with `name` at `value` would not be valid (riskSchema's own rules), or null. */
  private problemWith(name: RuntimeRiskLimitName, value: LimitValue): string | null {
    const next = riskSchema.safeParse({ ...this.limits, [name]: value });
    if (next.success) return null;
    const problems = next.error.issues.map((issue) => `risk.${issue.path.join('.')}: ${issue.message}`).join('; ');
    return `${name} cannot be ${describeLimit(name, value)}: ${problems}`;
  }

  /** Changes are written one at a time, in the order they were made, each within RECORD_MS. */
  private record(name: RuntimeRiskLimitName, stored: StoredLimit, audit: LimitAuditEntry): Promise<void> {
    const write = this.writes.then(() => withDeadline(this.deps.store.recordChange(name, stored, audit), RECORD_MS, 'recording the limit change'));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async unrecorded(recording: Promise<void>, name: RuntimeRiskLimitName): Promise<string | null> {
    try {
      await recording;
      return null;
    } catch (error) {
      log.error({ err: error, name }, 'a tightened limit is in force but not recorded in Redis');
      return `${name} is tightened now but not recorded in Redis (${(error as Error).message}): after a restart config.yaml’s value would be in force again.`;
    }
  }

  private async refuse(audit: LimitAuditEntry, error: ContractError): Promise<never> {
    const write = withDeadline(this.deps.store.auditRefusal(audit), RECORD_MS, 'auditing the refused limit change');
    await write.catch((e: unknown) => log.error({ err: e, name: audit.name }, 'a refused limit change could not be audited'));
    throw error;
  }

  private apply(name: RuntimeRiskLimitName, value: LimitValue, stored: StoredLimit): void {
    this.limits = { ...this.limits, [name]: value };
    this.setBy.set(name, stored);
    log.warn({ name, value, by: stored.by, reason: stored.reason }, 'risk limit changed at runtime');
    for (const listener of this.listeners) listener();
  }
}
