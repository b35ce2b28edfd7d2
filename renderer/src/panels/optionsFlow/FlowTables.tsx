import type { OptionsFlowReading, UnusualOptionsActivityEvent } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';
import { formatNumber, formatSize } from '../../format/numbers';
import { contractLabel, formatDollars, formatIv, formatRatio, formatVolPoints } from './flowFormat';
import { TableHead } from '../TableHead';

type UnusualContract = UnusualOptionsActivityEvent['contract'];

/** P/C by volume and premium, ATM IV and the 25-delta risk reversal, per expiry. */
export function ExpiryTable({ reading }: { reading: OptionsFlowReading }) {
  const vols = new Map(reading.termStructure.map((e) => [e.expiry, e]));
  const expiries = Object.keys(reading.putCall.byExpiry);
  return (
    <table className="grid-table compact" data-testid="flow-expiries">
      <TableHead columns={['Expiry', 'Days', 'P/C vol', 'P/C prem', 'ATM IV', '25Δ RR']} />
      <tbody>
        {expiries.map((expiry) => {
          const pc = reading.putCall.byExpiry[expiry]!;
          const vol = vols.get(expiry);
          return (
            <tr key={expiry}>
              <td className="num">{expiry}</td>
              <td className="num right">{vol?.days ?? '—'}</td>
              <td className="num right">{formatRatio(pc.volumeRatio)}</td>
              <td className="num right">{formatRatio(pc.premiumRatio)}</td>
              <td className="num right">{formatIv(vol?.atmIv)}</td>
              <td className="num right">{formatVolPoints(vol?.riskReversal25)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function UnusualCells({ contract }: { contract: UnusualContract }) {
  return (
    <>
      <td className={`num ${contract.type === 'call' ? 'up' : 'down'}`}>{contractLabel(contract)}</td>
      <td className="num right">{formatSize(contract.volume)}</td>
      <td className="num right">{formatSize(contract.openInterest)}</td>
      <td className="num right">{formatNumber(contract.volumeOverOpenInterest, 1)}</td>
      <td className="num right">{contract.timesAverage === null ? '—' : `${formatNumber(contract.timesAverage, 1)}×`}</td>
      <td className="num right">{formatDollars(contract.premium)}</td>
    </>
  );
}

const unusualHead = (withTime: boolean) => (
  <tr>
    {withTime && <th>Time</th>}
    <th>Contract</th>
    <th className="right">Vol</th>
    <th className="right">OI</th>
    <th className="right">Vol/OI</th>
    <th className="right">× pace</th>
    <th className="right">Premium</th>
  </tr>
);

/** The contracts that became unusual, newest first, with when. */
export function UnusualEventList({ events }: { events: readonly UnusualOptionsActivityEvent[] }) {
  if (events.length === 0) return <p className="empty" data-testid="flow-no-unusual">No unusual activity since the engine started.</p>;
  return (
    <table className="grid-table compact" data-testid="flow-unusual-events" data-count={events.length}>
      <thead>{unusualHead(true)}</thead>
      <tbody>
        {events.map((event) => (
          <tr key={`${event.asOf}-${event.contract.contractId}`} data-testid="flow-unusual-row">
            <td className="num">{formatMarketTime(event.asOf)}</td>
            <UnusualCells contract={event.contract} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The contracts unusual at this refresh, largest premium first. */
export function UnusualNowList({ unusual }: { unusual: readonly UnusualContract[] }) {
  if (unusual.length === 0) return <p className="empty">None unusual at this refresh.</p>;
  return (
    <table className="grid-table compact" data-testid="flow-unusual-now">
      <thead>{unusualHead(false)}</thead>
      <tbody>
        {unusual.map((contract) => (
          <tr key={contract.contractId}>
            <UnusualCells contract={contract} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The contracts whose session premium changed most since the previous refresh. */
export function PremiumChangeList({ reading }: { reading: OptionsFlowReading }) {
  if (reading.premiumChanges.length === 0) return <p className="empty">No premium change since the previous refresh.</p>;
  return (
    <table className="grid-table compact" data-testid="flow-premium-changes">
      <TableHead columns={['Contract', 'Before', 'Now', 'Change']} />
      <tbody>
        {reading.premiumChanges.map((change) => (
          <tr key={change.contractId}>
            <td className={`num ${change.type === 'call' ? 'up' : 'down'}`}>{contractLabel(change)}</td>
            <td className="num right">{formatDollars(change.previous)}</td>
            <td className="num right">{formatDollars(change.current)}</td>
            <td className={`num right ${change.change >= 0 ? 'up' : 'down'}`}>
              {change.change >= 0 ? '▲ +' : '▼ '}
              {formatDollars(change.change)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
