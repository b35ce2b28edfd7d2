import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { discoverCorrelations, discoverSymbol } from '../../../core/discovery/discoveryFindings';
import { assembleRun } from '../../../core/discovery/discoveryRun';
import { DISCOVERED_FILE, discoveredYaml, writeDiscoveredYaml } from '../../../core/store/discoveredYaml';
import { tempDir } from '../../support/testRedis';
import { commonFactor, syntheticHistory } from '../../support/syntheticHistory';

const END = Date.UTC(2026, 11, 7, 16, 0);
const BARS = 1_440;

function run() {
  const factor = commonFactor(BARS);
  const histories = ['SPY', 'QQQ'].map((symbol, i) => syntheticHistory({ symbol, end: END, bars: BARS, trades: 6_000, factor, loading: 0.8, seed: i + 1 }));
  const findings = {
    symbols: histories.map((h) => discoverSymbol(h, { symbol: h.symbol, level2: false, averageDailyVolume: 60_000_000 }, END)),
    correlations: discoverCorrelations(histories, { from: END - BARS * 5_000, to: END }, END),
  };
  return assembleRun({ id: 7, trigger: 'manual', requestedBy: 'trader via ws', reason: 'checking', startedAt: END, finishedAt: END + 40, windowMinutes: 120 }, findings, null);
}

type Section = Record<string, unknown>;

describe('discovered.yaml', () => {
  const discovered = run();
  const text = discoveredYaml(discovered);
  const parsed = parse(text) as { run: Section; symbols: Record<string, Record<string, Section>>; correlations: { pairs: Section[] }; changes: unknown[] };

  it('parses back to the run’s parameters, numbers as numbers', () => {
    expect(parsed.run).toMatchObject({ id: 7, trigger: 'manual', requestedBy: 'trader via ws', reason: 'checking', windowMinutes: 120, startedAt: new Date(END).toISOString() });
    const spy = parsed.symbols.SPY!;
    const sizes = discovered.symbols[0]!.tradeSizes.value!;
    expect(spy.vpinBucket!.shares).toBe(sizes.bucketVolume);
    expect(spy.vpinBucket!.paperDefault).toBe(1_200_000);
    expect(typeof spy.vpinBucket!.sampleSize).toBe('number');
    expect((spy.vpinBucket!.clusters as Section[]).every((c) => typeof c.centre === 'number' && typeof c.volumeShare === 'number')).toBe(true);
    expect(spy.lookback!.bars).toBe(discovered.symbols[0]!.returnStructure.value!.lookbackBars);
    expect(spy.volatility!.regime).toBe(discovered.symbols[0]!.volatility.value!.regime);
    expect(typeof spy.volatility!.annualized).toBe('number');
    expect(typeof parsed.correlations.pairs[0]!.correlation).toBe('number');
    expect(parsed.correlations.pairs[0]).toMatchObject({ a: 'SPY', b: 'QQQ', alignedReturns: BARS - 1 });
    expect(parsed.changes).toEqual([]);
  });

  it('says why a method refused, and has no tool-specific tags', () => {
    expect(parsed.symbols.SPY!.marketMakers).toEqual({ value: null, refused: 'SPY is a standard (top-of-book) symbol: it has no Level 2 book to profile' });
    expect(text).not.toMatch(/!!|!<|&\w|\*\w/); // no tags, anchors or aliases
  });

  it('is commented: a header and a comment on each section', () => {
    expect(text.startsWith('# Parameters AlphaTrader discovered from the market\'s own data')).toBe(true);
    for (const section of ['The run that wrote this file', 'vpinBucket: VPIN bucket size', 'lookback:', 'volatility:', 'marketMakers:', 'Pearson correlation', 'What moved since the previous run']) {
      expect(text).toContain(section);
    }
  });

  it('is written atomically in the data dir: no temporary file is left beside it', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DISCOVERED_FILE), 'old: true\n');
    const file = await writeDiscoveredYaml(dir, text);
    expect(parse(fs.readFileSync(file, 'utf8'))).toEqual(parsed);
    expect(fs.readdirSync(dir)).toEqual([DISCOVERED_FILE]);
  });
});
