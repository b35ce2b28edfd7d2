import { useState } from 'react';
import type { MorningAnalysis, MorningAnalysisView } from '../../../../core/contract/contract';
import { useEngineClient } from '../../engine/engineContext';
import { useFeed } from '../../feeds/useFeed';
import { formatAge } from '../../format/age';
import { formatMarketTimestamp } from '../../format/marketTime';
import { useNow } from '../../stores/nowStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { MarkdownView } from './MarkdownView';
import { MorningInputsTable } from './MorningInputsTable';
import './morningAnalysisPanel.css';

export const RULES_LABEL = 'Rule-based summary (no LLM)';
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** "Run now": asks for an analysis; disabled while one is being made (the engine would refuse it). */
function RunNow({ view }: { view: MorningAnalysisView | null }) {
  const client = useEngineClient();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setSending(true);
    setError(null);
    try {
      await client.call('runMorningAnalysis', { reason: 'run now from the Morning analysis panel' });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSending(false);
    }
  };
  const running = view?.running ?? null;
  return (
    <>
      <button type="button" className="btn" data-testid="morning-run-now" disabled={!view || sending || running !== null} onClick={() => void run()}>
        {sending ? 'Starting…' : 'Run now'}
      </button>
      {running && (
        <span className="muted" role="status" data-testid="morning-running">
          {running.trigger === 'schedule' ? 'scheduled analysis' : 'analysis'}: {running.step}…
        </span>
      )}
      {error && (
        <span className="ticket-error" role="alert" data-testid="morning-run-error">
          Run refused: {error}
        </span>
      )}
    </>
  );
}

/** Where the text comes from: the model that wrote it, or the rule-based label (with why, when the LLM failed). */
function Provenance({ analysis }: { analysis: MorningAnalysis }) {
  const now = useNow();
  return (
    <>
      <p className="kv-row num" data-testid="morning-provenance" data-source={analysis.source} data-id={analysis.id}>
        {analysis.source === 'rules' ? (
          <span className="pill morning-rules" data-testid="morning-rules-label">{RULES_LABEL}</span>
        ) : (
          <span className="pill" data-testid="morning-model">LLM: {analysis.model}</span>
        )}
        <span>
          for <b>{analysis.tradingDay}</b> · made {formatMarketTimestamp(analysis.createdAt)} ({formatAge(now - analysis.createdAt)} ago) ·{' '}
          {analysis.trigger === 'schedule' ? 'scheduled' : `asked by ${analysis.requestedBy ?? 'someone'}`} · #{analysis.id}
        </span>
      </p>
      {analysis.error && (
        <p className="panel-notice ticket-error" role="alert" data-testid="morning-error">
          The LLM was not used: {analysis.error}
        </p>
      )}
    </>
  );
}

function Schedule({ view }: { view: MorningAnalysisView }) {
  const now = useNow();
  const { nextRunAt, llm } = view;
  return (
    <p className="kv-row muted" data-testid="morning-schedule">
      <span>daily at {view.time} New York on trading days{nextRunAt !== null && ` · next ${formatMarketTimestamp(nextRunAt)} (in ${formatAge(Math.max(0, nextRunAt - now))})`}</span>
      <span data-testid="morning-llm" data-configured={llm.configured}>
        {llm.configured ? `model ${llm.model} at ${llm.baseUrl}` : 'no OPENAI_API_KEY: rule-based summaries only, nothing is sent'}
      </span>
    </p>
  );
}

/**
 * The morning analysis: the newest note rendered from Markdown (sanitized: it is a third party's text), where it came
 * from (the model, or the rule-based label and why), the data it was written from, the schedule and "Run now".
 */
export function MorningAnalysisPanel() {
  const feed = useFeed('morningAnalysis', {});
  const view = feed.event?.value ?? null;
  const latest = view?.latest ?? null;
  const freshness = useFreshness({ asOf: latest?.createdAt ?? null, receivedAt: null, resyncedAt: lastResync(feed.event) });
  return (
    <div className={`panel morning-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="morning-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <RunNow view={view} />
        <span className="toolbar-spacer" />
        {!feed.error && <FreshnessBadge freshness={freshness} />}
      </div>
      {feed.error && (
        <div className="panel-notice" role="alert" data-testid="morning-unavailable">
          <strong>The morning analysis is unavailable.</strong> The engine says: {feed.error}.
        </div>
      )}
      <div className="panel-body">
        {!view ? (
          !feed.error && <p className="empty">Waiting for the morning analysis…</p>
        ) : (
          <>
            <Schedule view={view} />
            {view.storeError && (
              <p className="panel-notice ticket-error" role="alert" data-testid="morning-store-error">
                {view.storeError}
              </p>
            )}
            {!latest ? (
              <p className="empty" data-testid="morning-none">No morning analysis yet: the first comes at the scheduled time, or press Run now.</p>
            ) : (
              <>
                <Provenance analysis={latest} />
                <MarkdownView markdown={latest.markdown} testId="morning-markdown" />
                <details className="morning-inputs">
                  <summary>Data it was written from{latest.source === 'llm' ? ' (sent to the provider)' : ''}</summary>
                  <MorningInputsTable inputs={latest.inputs} />
                </details>
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}
