import { describe, expect, test } from 'vitest';
import { classifyIbCode, knownIbCodes } from '../../../../../core/venues/ibkr/connection/ibErrorTable';

describe('IB error table', () => {
  test.each([
    [326, 'clientIdInUse'], [1100, 'connectivityLost'], [1101, 'restoredDataLost'], [1102, 'restoredDataKept'],
    [2103, 'farmDown'], [2104, 'farmUp'], [2105, 'farmDown'], [317, 'depthReset'], [505, 'decodeError'],
    [100, 'pacing'], [420, 'pacing'], [200, 'requestRefused'], [309, 'requestRefused'], [10167, 'delayedData'], [502, 'connectFailed'],
  ])('classifies %i as %s', (code, action) => {
    expect(classifyIbCode(code).action).toBe(action);
  });

  test('every known code has a meaning a trader can read', () => {
    for (const code of knownIbCodes()) expect(classifyIbCode(code).meaning.length).toBeGreaterThan(10);
  });

  test('unknown codes in the 2100-2999 band are informational, others are errors', () => {
    expect(classifyIbCode(2199)).toMatchObject({ action: 'info', severity: 'info' });
    expect(classifyIbCode(777)).toMatchObject({ action: 'unknown', severity: 'error' });
  });
});
