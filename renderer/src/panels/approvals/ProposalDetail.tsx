import { useEffect, useRef } from 'react';
import type { ProposalView } from '../../../../core/contract/proposalView';
import { useFeed } from '../../feeds/useFeed';
import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import { formatPrice } from '../../format/numbers';
import { useNow } from '../../stores/nowStore';
import { UnderlyingChart } from './underlyingChart';

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
                <td className="num right">{typeof reason.value === 'number' ? formatPrice(reason.value, 0.0001) : reason.value}</td>
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

/** The underlying's last 5-second bars, the proposal's moment and price marked. */
function UnderlyingMiniChart({ proposal }: { proposal: ProposalView }) {
  const bars = useFeed('bars', { symbol: proposal.symbol }, 1_000).event?.value;
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<UnderlyingChart | null>(null);

  useEffect(() => {
    const chart = new UnderlyingChart(containerRef.current!);
    chartRef.current = chart;
    return () => {
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.show(bars ?? [], { price: proposal.underlyingPrice, at: proposal.createdAt });
  }, [bars, proposal.underlyingPrice, proposal.createdAt]);

  return (
    <div className="proposal-chart-box">
      <span className="muted">
        {proposal.symbol} 5 s · proposed at {formatPrice(proposal.underlyingPrice)}, now {formatPrice(proposal.currentPrice)}
      </span>
      <div className="proposal-chart" ref={containerRef} data-testid="proposal-chart" data-bars={bars?.length ?? 0} />
    </div>
  );
}
