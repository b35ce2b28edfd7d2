import { effectiveOcaType, isDone, remainingOf, type WorkingOrder } from './workingOrder';

export type OcaEffect = { order: WorkingOrder; kind: 'cancel' } | { order: WorkingOrder; kind: 'reduce'; by: number };

/**
 * What a fill of `size` on `filled` does to the other orders of its one-cancels-all group (TWS ocaType):
 * 1 cancels them all on any fill; 2 and 3 reduce each by the filled quantity (cancelled when nothing is left).
 * A bracket's children (same parent) form such a group even without a name: a fill of the profit taker reduces the
 * stop by as much, and the order that completes cancels what is left of its sibling.
 */
export function ocaEffects(filled: WorkingOrder, size: number, all: Iterable<WorkingOrder>): OcaEffect[] {
  const effects: OcaEffect[] = [];
  const type = effectiveOcaType(filled.ticket);
  for (const other of all) {
    if (other === filled || isDone(other)) continue;
    const sameGroup = type !== 0 && other.ticket.ocaGroup === filled.ticket.ocaGroup;
    const sibling = filled.ticket.parentId !== 0 && other.clientId === filled.clientId && other.ticket.parentId === filled.ticket.parentId;
    if (sameGroup && type === 1) effects.push({ order: other, kind: 'cancel' });
    else if (sameGroup || sibling) effects.push(reduction(filled, other, size, !sameGroup));
  }
  return effects;
}

function reduction(filled: WorkingOrder, other: WorkingOrder, size: number, bracketSibling: boolean): OcaEffect {
  if ((bracketSibling && remainingOf(filled) === 0) || remainingOf(other) <= size) return { order: other, kind: 'cancel' };
  return { order: other, kind: 'reduce', by: size };
}
