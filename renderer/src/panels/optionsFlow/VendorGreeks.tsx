import type { OptionsFlowReading } from '../../../../core/contract/contract';
import { formatNumber, formatSize } from '../../format/numbers';
import { contractLabel } from './flowFormat';
import { TableHead } from '../TableHead';

type VendorGreeksReading = NonNullable<OptionsFlowReading['vendorGreeks']>;

const THETA_LABELS: Record<VendorGreeksReading['thetaUnit'], string> = {
  'per calendar day': 'theta per calendar day',
  'per trading day (252 a year)': 'theta per trading day',
  'per year': 'theta per year',
  unknown: 'theta unit unknown',
};
const VEGA_LABELS: Record<VendorGreeksReading['vegaUnit'], string> = {
  'per vol point (0.01)': 'vega per vol point',
  'per 1.00 of vol': 'vega per 1.00 of vol',
  unknown: 'vega unit unknown',
};

const ratioTitle = (ratio: number | null): string => (ratio === null ? 'no contract to compare' : `median vendor / ours: ${formatNumber(ratio, 2)}`);
const signed = (value: number, digits: number): string => `${value < 0 ? '−' : value > 0 ? '+' : ''}${formatNumber(Math.abs(value), digits)}`;

/**
 * The vendor's greeks against the engine's own at the vendor's IV: the share of contracts whose delta is off by more
 * than the tolerance, the units the vendor's theta and vega are in, the contracts filled with ours, the worst few.
 */
export function VendorGreeksSection({ check }: { check: VendorGreeksReading | undefined }) {
  if (!check) return <p className="empty">No vendor-greek check in this reading yet.</p>;
  const unfilled = check.unfilled > 0 ? ` · ${formatSize(check.unfilled)} without greeks` : '';
  return (
    <div data-testid="flow-vendor-greeks" data-mismatched={check.mismatched} data-checked={check.checked} data-filled={check.filled}>
      <p className="flow-vendor-line num" data-testid="flow-vendor-greeks-line">
        {`${formatNumber(check.share * 100, 1)}% of ${formatSize(check.checked)} contracts: vendor delta off by > ${formatNumber(check.deltaTolerance, 2)}`}
        {' · '}
        <span title={ratioTitle(check.thetaRatio)}>{THETA_LABELS[check.thetaUnit]}</span>
        {' · '}
        <span title={ratioTitle(check.vegaRatio)}>{VEGA_LABELS[check.vegaUnit]}</span>
        {` · ${formatSize(check.filled)} filled with our greeks${unfilled}`}
      </p>
      {check.worst.length > 0 && (
        <table className="grid-table compact" data-testid="flow-vendor-worst">
          <TableHead columns={['Contract', 'Vendor Δ', 'Our Δ', 'Diff']} />
          <tbody>
            {check.worst.map((w) => (
              <tr key={w.contractId}>
                <td className={`num ${w.type === 'call' ? 'up' : 'down'}`}>{contractLabel(w)}</td>
                <td className="num right">{formatNumber(w.vendorDelta, 3)}</td>
                <td className="num right">{formatNumber(w.ourDelta, 3)}</td>
                <td className="num right">{signed(w.difference, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
