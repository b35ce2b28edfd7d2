import type { DistributionView } from '../../../../core/contract/contract';
import { useFeed } from '../../feeds/useFeed';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { ChannelsTable } from './ChannelsTable';
import { PreviewBox } from './PreviewBox';
import { RecentSends } from './RecentSends';

/**
 * Distribution: each channel (on, dry-run, events, delay, counts, a test send), a preview of exactly what a channel
 * would send for an event kind, and the newest messages with their state, attempts and errors.
 */
export function DistributionPanel() {
  const feed = useFeed('distribution', {});
  const view: DistributionView | undefined = feed.event?.value;
  const freshness = useFreshness({ asOf: feed.event?.asOf ?? null, receivedAt: null, resyncedAt: lastResync(feed.event) });

  return (
    <div className={`panel distribution-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="distribution-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <span className="muted">Discord, Telegram, X</span>
        {view && (
          <span className="muted num" data-testid="distribution-queue-depth">
            queued {view.queueDepth} · daily summary {view.dailySummaryAt} ET
          </span>
        )}
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      {feed.error && (
        <p className="ticket-error panel-notice" role="alert" data-testid="distribution-unavailable">
          {feed.error}
        </p>
      )}
      <div className="panel-body">
        {!view ? (
          <p className="empty">{feed.error ? 'Distribution is not available.' : 'Waiting for the distribution…'}</p>
        ) : (
          <>
            <ChannelsTable channels={view.channels} />
            <h3 className="section-title">Preview</h3>
            <PreviewBox channels={view.channels} />
            <h3 className="section-title">Recent sends</h3>
            <RecentSends messages={view.recent} />
          </>
        )}
      </div>
    </div>
  );
}
