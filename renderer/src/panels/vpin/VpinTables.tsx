import type { VpinReading, VpinSettings } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';
import { formatNumber, formatSize } from '../../format/numbers';
import { TableHead } from '../TableHead';

export const formatVpin = (value: number) => formatNumber(value, 3);
/** The CDF as a percentile: 0.93 → "93.0%"; "—" while its history is short. */
export const formatCdf = (cdf: number | null) => (cdf === null ? '—' : `${formatNumber(cdf * 100, 1)}%`);

/** What the service computes with: bulk or trade classification, V shares per bucket, n buckets, the alert level, where V came from. */
export function VpinSettingsLine({ settings }: { settings: VpinSettings }) {
  return (
    <p className="vpin-settings muted num" data-testid="vpin-settings">
      {settings.classification === 'bulk' ? 'bulk volume classification' : 'trade classification (quote rule)'} · V {formatSize(settings.bucketVolume)} shares · n {settings.buckets}{' '}
      buckets · alert at CDF ≥ {formatCdf(settings.alertLevel)} · V {settings.bucketAsOf === null ? 'configured' : `discovered ${formatMarketTime(settings.bucketAsOf)}`}
    </p>
  );
}

/** The readings that began a toxicity episode, newest first. */
export function VpinAlertList({ alerts }: { alerts: readonly VpinReading[] }) {
  if (alerts.length === 0) return <p className="empty" data-testid="vpin-no-alerts">No toxicity alert yet.</p>;
  return (
    <table className="grid-table compact" data-testid="vpin-alerts">
      <TableHead columns={['Time', 'VPIN', 'CDF', 'Bucket']} />
      <tbody>
        {alerts.map((alert) => (
          <tr key={`${alert.bucket}-${alert.time}`} data-testid="vpin-alert-row">
            <td className="num">{formatMarketTime(alert.time)}</td>
            <td className="num right">{formatVpin(alert.vpin)}</td>
            <td className="num right">{formatCdf(alert.cdf)}</td>
            <td className="num right">{alert.bucket}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
