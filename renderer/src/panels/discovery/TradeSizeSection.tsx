import type { DiscoveredValue, TradeSizeClusters } from '../../../../core/contract/contract';
import { formatSize } from '../../format/numbers';
import { formatFraction } from './discoveryFormat';
import { MethodStatus } from './MethodStatus';
import { TradeSizeHistogram } from './TradeSizeHistogram';
import { withinHistogram } from './tradeSizeFigures';
import { TableHead } from '../TableHead';

/** The paper's default bucket, and when it lies beyond every trade size, that the chart cannot draw it. */
function describePaperBucket(found: TradeSizeClusters): string {
  const paper = found.paperBucketVolume;
  if (paper === null) return 'unknown: no ADV configured';
  return `${formatSize(paper)} shares${withinHistogram(found, paper) ? '' : ' (outside the traded sizes: not drawn)'}`;
}

/** Each cluster: centre, range, trades and share of volume; the chosen one marked. */
function ClusterTable({ found }: { found: TradeSizeClusters }) {
  return (
    <table className="grid-table compact" data-testid="discovery-clusters">
      <TableHead columns={['Cluster', 'Centre', 'Range', 'Trades', 'Volume']} />
      <tbody>
        {found.clusters.map((cluster, index) => (
          <tr key={cluster.centre} data-testid="discovery-cluster-row" data-chosen={index === found.chosenCluster} className={index === found.chosenCluster ? 'discovery-chosen' : ''}>
            <td>
              {index + 1}
              {index === found.chosenCluster && <span className="pill ok discovery-chosen-pill">chosen</span>}
            </td>
            <td className="num right">{formatSize(cluster.centre)}</td>
            <td className="num right">
              {formatSize(cluster.low)}–{formatSize(cluster.high)}
            </td>
            <td className="num right">{formatSize(cluster.count)}</td>
            <td className="num right">{formatFraction(cluster.volumeShare)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** VPIN bucket size from trade-size clustering: the histogram with the cluster edges, the bucket and the paper's. */
export function TradeSizeSection({ found }: { found: DiscoveredValue<TradeSizeClusters> }) {
  const value = found.value;
  return (
    <section className="discovery-section" aria-label="Trade-size clusters">
      <h3 className="section-title">VPIN bucket · trade-size clusters</h3>
      <MethodStatus found={found} unit="trades" testId="status-trade-sizes" />
      {value && (
        <p className="kv-row num" data-testid="discovery-bucket">
          <span>
            bucket <b className="discovery-figure">{formatSize(value.bucketVolume)}</b> shares
          </span>
          <span className="muted">the centre of cluster {value.chosenCluster + 1}, which holds the volume-weighted median trade</span>
          <span data-testid="discovery-paper-bucket">paper (ADV / 50) {describePaperBucket(value)}</span>
          <span className="muted">clustered {formatSize(value.clusteredSample)} trades</span>
        </p>
      )}
      <TradeSizeHistogram found={value} />
      {value && <ClusterTable found={value} />}
    </section>
  );
}
