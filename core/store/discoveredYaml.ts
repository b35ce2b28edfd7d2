import fs from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isScalar, visit, type Pair, type Scalar } from 'yaml';
import type { DiscoveredValue, DiscoveryProvenance, DiscoveryRun, MarketMakerProfiles, PairCorrelation, SymbolDiscovery } from '../market/discoveryReading';

/** The file in the data dir that holds the newest run's parameters. */
export const DISCOVERED_FILE = 'discovered.yaml';

const HEADER = [
  ' Parameters AlphaTrader discovered from the market\'s own data: README "Parameter discovery", docs/discovery.md.',
  ' Rewritten after every discovery run; edits are lost at the next one. Times are UTC (ISO 8601).',
  ' Each value says what it was computed from: window (first and last sample), sampleSize and computedAt.',
  ' A method that could not run this time keeps the value of an earlier run (its computedAt shows when) and says why',
  ' under `refused`; a value never discovered is null.',
];

const SECTIONS: Record<string, string[]> = {
  run: [' The run that wrote this file.'],
  symbols: [
    ' Per symbol:',
    '   vpinBucket: VPIN bucket size (shares) = centre of the trade-size cluster holding the volume-weighted median trade;',
    '     paperDefault is average daily volume / 50; clusters: optimal 1-D k-means of ln(trade size), k by BIC.',
    '   lookback: bars of memory in 5-second returns (ACF, Ljung-Box; docs/discovery.md "Lookback rule").',
    '   signedVolumeLookback: the same rule on buy minus sell volume per 5-second bar.',
    '   volatility: annualized realized volatility of the last hour and its regime (LOW / NORMAL / HIGH) against',
    '     thresholds that are percentiles of its own history.',
    '   marketMakers: Level 2 symbols only: each market maker\'s share of time at the top of book, size and quote habits.',
  ],
  correlations: [' Pearson correlation of aligned 5-second log returns per pair; alignedReturns is the sample size.'],
  changes: [' What moved since the previous run.'],
};

/** The run as plain, commented YAML: numbers as numbers, no tags; only the parameters and their evidence in brief. */
export function discoveredYaml(run: DiscoveryRun): string {
  const doc = new Document({
    run: {
      id: run.id,
      trigger: run.trigger,
      requestedBy: run.requestedBy,
      reason: run.reason,
      startedAt: iso(run.startedAt),
      finishedAt: iso(run.finishedAt),
      windowMinutes: run.windowMinutes,
    },
    symbols: Object.fromEntries(run.symbols.map((s) => [s.symbol, symbolSection(s)])),
    correlations: section(run.correlations, (pairs) => ({ pairs: pairs.map(pairRow) }), false),
    changes: run.changes.map((c) => ({ symbol: c.symbol, parameter: c.parameter, before: c.before, after: c.after })),
  });
  doc.commentBefore = HEADER.join('\n');
  if (isMap(doc.contents)) {
    for (const [i, pair] of (doc.contents.items as Array<Pair<Scalar<string>>>).entries()) {
      if (!isScalar(pair.key)) continue;
      const comment = SECTIONS[pair.key.value];
      if (comment) pair.key.commentBefore = comment.join('\n');
      pair.key.spaceBefore = i > 0; // the header's blank line is before the first
    }
  }
  // Lists of plain numbers (significant lags, percentiles) on one line.
  visit(doc, { Seq: (_, node) => void (node.items.every(isScalar) && (node.flow = true)) });
  return doc.toString({ lineWidth: 0 });
}

/** Writes discovered.yaml (`text`: discoveredYaml's) in `dataDir` atomically: a temporary file beside it, then a rename over the old one. */
export async function writeDiscoveredYaml(dataDir: string, text: string): Promise<string> {
  const file = path.join(dataDir, DISCOVERED_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, text, 'utf8');
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return file;
}

function symbolSection(s: SymbolDiscovery): Record<string, unknown> {
  return {
    vpinBucket: section(s.tradeSizes, (t) => ({
      shares: t.bucketVolume,
      paperDefault: t.paperBucketVolume,
      clusters: t.clusters.map((c) => ({ centre: round(c.centre, 1), low: c.low, high: c.high, count: c.count, volumeShare: round(c.volumeShare, 4) })),
    })),
    lookback: section(s.returnStructure, (t) => ({ bars: t.lookbackBars, significantLags: t.significantLags, ljungBoxP: round(t.ljungBox.pValue, 6) })),
    signedVolumeLookback: section(s.signedVolumeStructure, (t) => ({ bars: t.lookbackBars, significantLags: t.significantLags, ljungBoxP: round(t.ljungBox.pValue, 6) })),
    volatility: section(s.volatility, (v) => ({
      regime: v.regime,
      annualized: round(v.volatility, 4),
      lowThreshold: round(v.thresholds.low, 4),
      highThreshold: round(v.thresholds.high, 4),
      percentiles: [v.thresholds.lowPercentile, v.thresholds.highPercentile],
    })),
    marketMakers: section(s.marketMakers, (m: MarketMakerProfiles) => ({
      profiles: m.profiles.map((p) => ({
        exchange: p.exchange,
        marketMaker: p.marketMaker,
        topOfBookShare: round(p.topOfBookShare, 4),
        presenceShare: round(p.presenceShare, 4),
        averageSize: round(p.averageSize, 1),
        averageQuoteLifeMs: Math.round(p.averageQuoteLifeMs),
        roundLotShare: round(p.roundLotShare, 4),
      })),
    })),
  };
}

/**
 * One method's entry: its figures and provenance, plus `refused` when this run kept an older value (or has none).
 * `stamped` false: the figures carry their own provenance (correlations, pair by pair).
 */
function section<T>(discovered: DiscoveredValue<T>, figures: (value: T) => Record<string, unknown>, stamped = true): Record<string, unknown> | null {
  const { value, refusal } = discovered;
  const refused = refusal ? { refused: refusal.reason } : {};
  if (value === null) return refusal ? { value: null, ...refused } : null;
  return { ...figures(value), ...(stamped ? provenance(value as DiscoveryProvenance) : {}), ...refused };
}

function pairRow(p: PairCorrelation): Record<string, unknown> {
  return {
    a: p.a,
    b: p.b,
    correlation: p.correlation === null ? null : round(p.correlation, 4),
    alignedReturns: p.sampleSize,
    ...(p.reason ? { reason: p.reason } : {}),
    ...provenance(p),
  };
}

function provenance(p: DiscoveryProvenance): Record<string, unknown> {
  return { window: { from: iso(p.window.from), to: iso(p.window.to) }, sampleSize: p.sampleSize, computedAt: iso(p.computedAt) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
