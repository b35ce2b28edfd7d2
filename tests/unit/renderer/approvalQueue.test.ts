import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../core/contract/contract';
import type { ProposalDecision, ProposalView } from '../../../core/contract/proposalView';
import { decisionNotice, needsConfirming, proposalErrorText } from '../../../renderer/src/panels/approvals/proposalActions';
import { exitText, fateText, instrumentText, movedText, queueOrder, timeLeftText } from '../../../renderer/src/panels/approvals/proposalFormat';

const NOW = Date.UTC(2026, 11, 7, 20, 10);

function proposal(id: string, changes: Partial<ProposalView> = {}): ProposalView {
  return {
    id, strategy: 'oneDte', symbol: 'SPY', confidence: 0.5, reasons: [], createdAt: NOW - 30_000, expiresAt: NOW + 90_000, underlyingPrice: 590,
    preCheck: { passed: true }, status: 'pending', ageMs: 30_000, currentPrice: 590.5, movedPercent: 0.0847, needsConfirmation: false, snoozedUntil: null,
    changes: null, decision: null,
    order: { instrument: { kind: 'option', symbol: 'SPY', expiry: '2026-12-08', strike: 586, right: 'put' }, side: 'buy', quantity: 4, limitPrice: 1.23, stopPrice: 0.62, exit: { kind: 'target', targetPrice: 2.46 } },
    ...changes,
  };
}

const decision = (changes: Partial<ProposalDecision>): ProposalDecision => ({ status: 'approved', at: NOW, by: 'trader via cockpit', reason: '', orderIds: [], refusal: null, changes: null, ...changes });

describe('the approval queue as the trader reads it', () => {
  it('walks the pending proposals first, oldest first, and the snoozed ones after them', () => {
    const open = [proposal('a', { status: 'snoozed', snoozedUntil: NOW + 60_000 }), proposal('b'), proposal('c')];
    expect(queueOrder(open).map((p) => p.id)).toEqual(['b', 'c', 'a']);
  });

  it('names an option by its contract, a stock as the stock, and an exit at the close as MOC', () => {
    expect(instrumentText(proposal('a'))).toBe('SPY 2026-12-08 586 P');
    expect(exitText(proposal('a'))).toBe('stop 0.62 · target 2.46');
    const moc = proposal('m', { order: { instrument: { kind: 'stock', symbol: 'SPY' }, side: 'sell', quantity: 100, limitPrice: 590.1, stopPrice: 591.2, exit: { kind: 'close', order: 'MOC' } } });
    expect(instrumentText(moc)).toBe('SPY (stock)');
    expect(exitText(moc)).toBe('stop 591.20 · exit MOC');
  });

  it('shows the time left and the move since the proposal with its sign', () => {
    expect(timeLeftText(proposal('a'), NOW)).toBe('1 m 30 s');
    expect(timeLeftText(proposal('a'), NOW + 91_000)).toBe('expired');
    expect(movedText(0.0847)).toBe('+0.08%');
    expect(movedText(-0.41)).toBe('−0.41%');
    expect(movedText(null)).toBe('—');
  });

  it("gives a decided proposal's fate with who decided, the reason and the orders, or the refusal's code first", () => {
    const rejected = proposal('r', { status: 'rejected', decision: decision({ status: 'rejected', reason: 'spread too wide' }) });
    expect(fateText(rejected)).toBe('rejected by trader via cockpit: spread too wide');
    const approved = proposal('p', { status: 'approved', decision: decision({ orderIds: [12, 13, 14] }) });
    expect(fateText(approved)).toBe('approved by trader via cockpit · orders #12, #13, #14');
    const refused = proposal('x', { status: 'refused', decision: decision({ status: 'refused', refusal: { code: 'HALTED', message: 'trading is halted' } }) });
    expect(fateText(refused)).toBe('refused HALTED: trading is halted');
    expect(decisionNotice(refused, refused.decision!)).toEqual({ kind: 'error', text: 'x refused — HALTED: trading is halted' });
    expect(decisionNotice(approved, approved.decision!)).toEqual({ kind: 'ok', text: 'p approved: orders #12, #13, #14' });
  });

  it("leads a refused command with its reason code and knows when the engine asks for confirmation", () => {
    const notConfirmed = new ContractError('REFUSED', 'approveProposal: SPY moved 0.42% since the proposal; approve with confirmed', 'NOT_CONFIRMED');
    expect(proposalErrorText(notConfirmed)).toBe('NOT_CONFIRMED: SPY moved 0.42% since the proposal; approve with confirmed');
    expect(needsConfirming(notConfirmed)).toBe(true);
    expect(needsConfirming(new ContractError('REFUSED', 'rejectProposal: there is no proposal z'))).toBe(false);
    expect(proposalErrorText(new ContractError('BAD_REQUEST', 'modifyProposal: a new quantity or limitPrice'))).toBe('Not accepted: a new quantity or limitPrice');
  });
});
