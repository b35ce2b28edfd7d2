// `npm run bench signals`: a triggering market event → the proposal on screen, in Debian Chromium against the
// workstation on the simulated market (engine process, embedded gateway, the shipped symbols, real sockets).
// The trigger: the 1DTE rule on SPY with its window opened to the whole day, a day move of any size and no
// confirmations needed (the other strategies off), so the live quote the signal service evaluates it on makes it
// propose. The clock starts at the engine's receipt of that quote: its `ts`, which the IBKR venue stamps with
// Date.now() when the tick comes off the gateway socket, carried in the proposal as the day-move reason's `asOf`.
// (When the evaluation was set off by another event of the symbol — a bar, a GEX update — the quote is a little
// older than that event, so the figure is an upper bound.) It stops at the first animation frame after the proposal's
// row is in the Approval queue panel (cockpitPage.recordShown: a MutationObserver, Date.now(), the same clock).
// Each proposal, once on screen, is rejected over the bench's own WebSocket; the rule proposes again at its next
// evaluation (signals.evaluateEveryMs, 1 s as shipped). Goal: p99 < 100 ms. BENCH_PROPOSALS (default 100) sets
// the count.
import { quantileSorted } from 'simple-statistics';
import type { ProposalsView, ProposalView } from '../../core/contract/proposalView';
import { contractOf, eventually } from '../support/engineContract';
import { proposingSpyConfig, startEngineProcess, writeTestConfig } from '../support/engineProcess';
import { launchChromium, openCockpit, recordShown, shownSoFar } from './cockpitPage';

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 100);

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'signals', metric, value: Math.round(value * 10) / 10, unit }));
}

function reportSpread(name: string, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  report(`${name}_p50_ms`, quantileSorted(sorted, 0.5), 'ms');
  report(`${name}_p99_ms`, quantileSorted(sorted, 0.99), 'ms');
  report(`${name}_max_ms`, sorted.at(-1)!, 'ms');
}

/** Page code: the ids of the proposals in the Approval queue's table. */
const QUEUED_IDS = `() => [...document.querySelectorAll('[data-testid="approval-queue"] [data-testid^="proposal-row-"]')].map((row) => row.getAttribute('data-testid').slice('proposal-row-'.length))`;

/** 1DTE on SPY fires on any live quote, with the shipped symbols streaming; risk judges the option on its facts. */
const triggerConfig = () => proposingSpyConfig({ shippedSymbols: true });

/** The engine's receipt of the quote the rule fired on: the day-move reason's as-of time. */
function triggeredAt(proposal: ProposalView): number {
  const dayMove = proposal.reasons[0];
  if (dayMove?.fact !== 'day move') throw new Error(`proposal ${proposal.id} has no day-move reason first: ${JSON.stringify(proposal.reasons)}`);
  return dayMove.asOf;
}

const engine = await startEngineProcess({ configPath: await writeTestConfig(triggerConfig()) });
const browser = await launchChromium();
const { client, close } = await contractOf(engine);
let proposals: ProposalsView = { open: [], decided: [] };
client.subscribe('proposals', {}, (e) => (proposals = e.value));
const find = (id: string) => proposals.open.find((p) => p.id === id) ?? proposals.decided.find((p) => p.id === id);
try {
  const page = await openCockpit(browser, engine.url);
  await page.getByTestId('ladder-bid-row').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('watch-row-SPY').waitFor({ timeout: 60_000 }); // the session (and the shortcuts) are there
  await page.keyboard.press('Alt+Shift+A');
  await page.getByTestId('approval-queue').waitFor({ timeout: 10_000 });
  // The first proposal needs SPY's chain: start-up is over when it comes. It is rejected unmeasured, and the queue is
  // empty on screen before recording starts, so every row recorded is a proposal made while the bench watched.
  const first = await eventually('the first proposal', () => proposals.open[0], 180_000, 100);
  await client.call('rejectProposal', { id: first.id, reason: 'benchmark warm-up' });
  await page.locator('[data-testid^="proposal-row-"]').first().waitFor({ state: 'detached', timeout: 10_000 });
  await recordShown(page, QUEUED_IDS);

  const toScreen: number[] = [];
  const createdToScreen: number[] = [];
  const triggerToCreated: number[] = [];
  const measured = new Set<string>();
  while (toScreen.length < PROPOSALS) {
    const row = await eventually('a new proposal on screen', async () => (await shownSoFar(page)).find((s) => !measured.has(s.key)), 30_000, 10);
    measured.add(row.key);
    const proposal = await eventually(`proposal ${row.key} on the bench's stream`, () => find(row.key), 10_000, 10);
    const trigger = triggeredAt(proposal);
    toScreen.push(row.t - trigger);
    createdToScreen.push(row.t - proposal.createdAt);
    triggerToCreated.push(proposal.createdAt - trigger);
    if (process.env.BENCH_TRACE) console.error(`${row.key}: trigger → screen ${row.t - trigger} ms (→ created ${proposal.createdAt - trigger})`);
    await client.call('rejectProposal', { id: row.key, reason: 'benchmark' });
  }
  reportSpread('trigger_to_screen', toScreen);
  reportSpread('created_to_screen', createdToScreen);
  reportSpread('trigger_to_created', triggerToCreated);
  report('proposals', toScreen.length, 'count');
} finally {
  close();
  await browser.close();
  await engine.stop('SIGTERM');
}
