import type { DiscoveryChange } from '../../../../core/contract/contract';
import { describeChange } from './discoveryFormat';
import { TableHead } from '../TableHead';

/** What moved since the previous run: parameter, before → after, and by how much. */
export function ChangesList({ changes, firstRun }: { changes: readonly DiscoveryChange[]; firstRun: boolean }) {
  if (changes.length === 0) {
    return (
      <p className="empty" data-testid="discovery-no-changes">
        {firstRun ? 'The first run: nothing to compare with.' : 'Nothing changed since the previous run.'}
      </p>
    );
  }
  return (
    <table className="grid-table compact" data-testid="discovery-changes" aria-label="Changes since the previous run">
      <TableHead columns={['Parameter', 'Before → after', 'Change']} left={3} />
      <tbody>
        {changes.map((change) => {
          const line = describeChange(change);
          return (
            <tr key={line.what} data-testid="discovery-change-row">
              <td>{line.what}</td>
              <td className="num">{line.text}</td>
              <td className="num muted">{line.delta ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
