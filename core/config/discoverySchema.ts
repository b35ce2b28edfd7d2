import { z } from 'zod';

/**
 * config.yaml `discovery:` what parameter discovery keeps and reads (README "Parameter discovery"). The schedule is
 * `schedules.discoveryMinutes`.
 */
export const discoverySchema = z.strictObject({
  /** Off: no history is written and no run is scheduled (the Discovery screen says so). */
  enabled: z.boolean().default(true),
  /** Minutes of trades, 5-second bars and Level 2 snapshots kept per symbol (Redis streams trimmed by age) and read by a run. */
  historyMinutes: z.number().int().min(10).max(24 * 60).default(120),
  /** Seconds between the Level 2 snapshots kept for the market-maker profiles. */
  bookSnapshotSeconds: z.number().min(0.25).max(60).default(1),
  /** Rows per side a snapshot keeps (best first). */
  bookLevels: z.number().int().min(1).max(50).default(10),
});

export type DiscoveryConfig = z.infer<typeof discoverySchema>;
