/** What the Discovery screen shows and asks: the `discovery` stream and the `runDiscovery` command. Browser-safe. */
import { z } from 'zod';

export type * from '../market/discoveryReading';

export const runDiscoveryInput = z.strictObject({
  /** Why the trader asked (shown in the run list and the log). */
  reason: z.string().trim().max(200).default('run from the cockpit'),
});
