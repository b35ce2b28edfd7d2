import type { AlphaVantageStatus } from '../../../../core/contract/contract';
import { formatSize } from '../../format/numbers';

/** The Alpha Vantage budget in the current window, used by priority class, error counts, and what the plan lacks. */
export function AlphaVantageSection({ status }: { status: AlphaVantageStatus }) {
  const { budget, plan } = status;
  const errors = Object.entries(status.errors).filter(([, count]) => count > 0);
  return (
    <section className="health-section" data-testid="health-av">
      <h3 className="section-title">Alpha Vantage</h3>
      {plan.notices.length > 0 && (
        <ul className="av-plan-notices" data-testid="health-av-plan">
          {plan.notices.map((notice) => (
            <li key={notice} className="warn">
              ⚠ {notice}
            </li>
          ))}
        </ul>
      )}
      <div className="kv-row num">
        <span data-testid="health-av-budget">
          budget {formatSize(budget.used)} used · {formatSize(budget.left)} left of {formatSize(budget.callsPerWindow)}/{Math.round(budget.windowMs / 1000)} s
        </span>
        <span data-testid="health-av-by-class">
          by priority: options {formatSize(budget.usedByClass.options)} · sentiment {formatSize(budget.usedByClass.sentiment)} · technicals{' '}
          {formatSize(budget.usedByClass.technicals)}
        </span>
        <span>queued {budget.queued}</span>
        {budget.slowdown > 1 && <span className="warn">slowed ×{budget.slowdown}</span>}
        {plan.callsPausedUntil !== null && <span className="warn" data-testid="health-av-paused">calls paused</span>}
        <span className={errors.length ? 'warn' : 'muted'}>{errors.length ? errors.map(([kind, n]) => `${kind} ${n}`).join(' · ') : 'no errors'}</span>
      </div>
    </section>
  );
}
