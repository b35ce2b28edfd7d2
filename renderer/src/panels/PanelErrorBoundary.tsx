import { Component, type ReactNode } from 'react';

interface Props {
  title: string;
  children?: ReactNode;
}

/**
 * One panel's failure stays in that panel: without a boundary React unmounts the whole cockpit (kill switch and
 * connection status included) when any panel throws while rendering.
 */
export class PanelErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel panel-error" role="alert" data-testid="panel-error">
        <p className="empty">
          ✖ {this.props.title} failed: {this.state.error.message}{' '}
          <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </p>
      </div>
    );
  }
}
