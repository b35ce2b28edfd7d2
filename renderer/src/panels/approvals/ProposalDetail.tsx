import { useEffect, useRef, useState } from 'react';
import type { ProposalView } from '../../../../core/contract/proposalView';
import { useFeed } from '../../feeds/useFeed';
import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import { formatPrice } from '../../format/numbers';

/** A reason's figure as the rule saw it, without padding zeros: -0.74, 0.95, 12,000. */
const reasonValue = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
import { useNow } from '../../stores/nowStore';
import type { UnderlyingChart } from './underlyingChart';

/** The selected proposal's why: each reason with its value and the age of its input, the pre-check, and the chart. */
export function ProposalDetail({ proposal }: { proposal: ProposalView }) {
  const now = useNow();
  return (
    <div className="proposal-detail" data-testid="proposal-detail" data-proposal-id={proposal.id}>
      <div className="proposal-detail-text">
        <h3 className="section-title">Reasons</h3>
        <table className="grid-table compact" aria-label="Reasons">
          <thead>
            <tr>
              <th>Fact</th>
              <th className="right">Value</th>
              <th>Detail</th>
              <th className="right">Input age</th>
            </tr>
          </thead>
          <tbody>
            {proposal.reasons.map((reason, index) => (
              <tr key={index} data-testid="proposal-reason">
                <td className="strong">{reason.fact}</td>
                <td className="num right">{typeof reason.value === 'number' ? reasonValue.format(reason.value) : reason.value}</td>
                <td>{reason.detail}</td>
                <td className="num right muted" title={`as of ${formatMarketTime(reason.asOf)}`}>
                  {formatAge(now - reason.asOf)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="proposal-precheck" data-passed={proposal.preCheck.passed}>
          Pre-check:{' '}
          {proposal.preCheck.passed ? (
            <span className="up">✔ passed</span>
          ) : (
            <span className="down">
              ✖ {proposal.preCheck.code}: {proposal.preCheck.message}
            </span>
          )}{' '}
          <span className="muted">(approval runs risk again)</span>
        </p>
      </div>
      <UnderlyingMiniChart proposal={proposal} />
    </div>
  );
}

/**
 * The underlying's last 5-second bars, the proposal's moment and price marked. The chart library loads only when a
 * proposal is shown, so the queue itself (and its keys) is there at once.
 */
function UnderlyingMiniChart({ proposal }: { proposal: ProposalView }) {
  const bars = useFeed('bars', { symbol: proposal.symbol }, 1_000).event?.value;
  const containerRef = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<UnderlyingChart | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let made: UnderlyingChart | null = null;
    let gone = false;
    import('./underlyingChart').then(
      ({ UnderlyingChart }) => {
        if (gone || !containerRef.current) return;
        made = new UnderlyingChart(containerRef.current);
        setChart(made);
      },
      (error: unknown) => setFailure(`The chart did not load: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      gone = true;
      made?.dispose();
    };
  }, []);

  useEffect(() => {
    chart?.show(bars ?? [], { price: proposal.underlyingPrice, at: proposal.createdAt });
  }, [chart, bars, proposal.underlyingPrice, proposal.createdAt]);

  return (
    <div className="proposal-chart-box">
      <span className="muted">
        {proposal.symbol} 5 s · proposed at {formatPrice(proposal.underlyingPrice)}, now {formatPrice(proposal.currentPrice)}
      </span>
      {failure && <span className="ticket-error">{failure}</span>}
      <div className="proposal-chart" ref={containerRef} data-testid="proposal-chart" data-bars={chart ? (bars?.length ?? 0) : 0} />
    </div>
  );
}
