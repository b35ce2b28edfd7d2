import { dismissRefusal, useRefusalStore } from '../stores/refusalStore';

/** Shown when the engine refused one of this page's feeds for a limit: the panel showing it stays empty. */
export function RefusalNotice() {
  const { message, count } = useRefusalStore();
  if (!message) return null;
  return (
    <div className="session-notice" role="alert" data-testid="engine-refusal">
      <strong>▲ The engine refused a feed{count > 1 ? ` (${count} refusals)` : ''}:</strong> {message}. A panel may stay empty: close
      panels you do not need, or reload the page.{' '}
      <button type="button" className="btn" onClick={dismissRefusal}>
        Dismiss
      </button>
    </div>
  );
}
