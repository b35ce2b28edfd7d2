import type { DiscoveredValue, DiscoveryProvenance } from '../../../../core/contract/contract';
import { describeProvenance, describeRefusal } from './discoveryFormat';

/**
 * Where a method's value came from (window, sample, time) and, when this run refused, that the value shown is the
 * previous run's and why ("kept previous value from 10:15:07 — needs 500 trades, got 120").
 */
export function MethodStatus({ found, unit, testId }: { found: DiscoveredValue<DiscoveryProvenance>; unit: string; testId: string }) {
  const { value, refusal } = found;
  return (
    <div className="discovery-method-status" data-testid={testId} data-refused={refusal !== null}>
      {refusal && (
        <p className="discovery-refusal" role="status" data-testid={`${testId}-refusal`} title={`needed ${refusal.needed}, got ${refusal.got}`}>
          ⚠ {describeRefusal(refusal, value)}
        </p>
      )}
      {value && (
        <p className="muted num discovery-provenance" data-testid={`${testId}-as-of`}>
          {describeProvenance(value, unit)}
        </p>
      )}
    </div>
  );
}
