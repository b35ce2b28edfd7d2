import type { DiscoveryView } from '../../../../core/contract/contract';
import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import { useNow } from '../../stores/nowStore';
import { formatDurationMs } from './discoveryFormat';

/** The latest run (when it started and finished, what started it, the window read) and the next scheduled one. */
export function RunTimes({ view }: { view: DiscoveryView }) {
  const now = useNow();
  const { latest, nextRunAt } = view;
  return (
    <p className="kv-row num discovery-run-times">
      {latest ? (
        <span data-testid="discovery-latest-run" data-run-id={latest.id} data-started-at={latest.startedAt} data-finished-at={latest.finishedAt} data-trigger={latest.trigger}>
          run <b>#{latest.id}</b> ({latest.trigger}
          {latest.requestedBy ? ` by ${latest.requestedBy}` : ''}
          {latest.reason ? `: “${latest.reason}”` : ''}) started {formatMarketTime(latest.startedAt)}, finished {formatMarketTime(latest.finishedAt)} (
          {formatDurationMs(latest.finishedAt - latest.startedAt)}) · {formatAge(now - latest.finishedAt)} ago · read the last {latest.windowMinutes} min
        </span>
      ) : (
        <span data-testid="discovery-no-run">No discovery run yet.</span>
      )}
      <span data-testid="discovery-next-run">
        {nextRunAt === null ? 'no scheduled run: discovery is switched off' : `next run ${formatMarketTime(nextRunAt)} (${nextRunAt > now ? `in ${formatAge(nextRunAt - now)}` : 'due'}) · every ${view.intervalMinutes} min`}
      </span>
    </p>
  );
}
