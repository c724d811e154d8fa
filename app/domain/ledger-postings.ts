import type { Fen } from "./money";
import { allocate, type Allocation } from "./split-allocation";
import { effectiveShares, SPLIT_PARTIES, type SplitParty, type SplitRule } from "./split-rule";

// Builds the lines of payment and refund postings. Pure: the caller maps each line's
// payee to a ledger account and writes it. Sign convention (see the schema): a posting
// sums to zero; payees are credited with negative amounts, the payments clearing
// account (money received) is debited with a positive one. Refunds mirror payments.

/** What a posting needs to know about an order item (copied onto it at order time). */
export type PostableItem = {
  id: string;
  unitPriceFen: Fen;
  quantity: number;
  refundedQuantity: number;
  rule: SplitRule;
  hasHousehold: boolean;
  soldLive: boolean;
};

export type Payee = SplitParty | "clearing";
export type PostingLine = { itemId: string; payee: Payee; amountFen: Fen };

/** How one item's line total divides between the four parties (frozen rule + fallbacks). */
export function allocateItem(item: PostableItem, amountFen: Fen): Allocation {
  return allocate(amountFen, effectiveShares(item.rule, { hasHousehold: item.hasHousehold, soldLive: item.soldLive }));
}

function linesFor(itemId: string, parts: Allocation, sign: 1 | -1): PostingLine[] {
  const lines: PostingLine[] = [];
  let total = 0;
  for (const party of SPLIT_PARTIES) {
    if (parts[party] === 0) continue;
    lines.push({ itemId, payee: party, amountFen: -sign * parts[party] });
    total += parts[party];
  }
  if (total !== 0) lines.push({ itemId, payee: "clearing", amountFen: sign * total });
  return lines;
}

/** The payment posting: every item's full line total, split by its frozen rule. */
export function paymentPostingLines(items: PostableItem[]): PostingLine[] {
  return items.flatMap((item) => linesFor(item.id, allocateItem(item, item.unitPriceFen * item.quantity), 1));
}

export class RefundQuantityError extends Error {
  constructor(
    readonly itemId: string,
    readonly available: number,
  ) {
    super(`only ${available} unit(s) of item ${itemId} can still be refunded`);
    this.name = "RefundQuantityError";
  }
}

/**
 * Refund posting for `quantity` more units of each item, by the frozen rule. Each party
 * gives back allocation(still paid before) − allocation(still paid after), so after any
 * sequence of refunds every party holds exactly its share of what is still paid for —
 * and a line refunded in full, in however many steps, leaves every party at zero.
 */
export function refundPostingLines(requests: { item: PostableItem; quantity: number }[]): {
  lines: PostingLine[];
  amountFen: Fen;
  perItem: { itemId: string; quantity: number; amountFen: Fen }[];
} {
  const lines: PostingLine[] = [];
  const perItem: { itemId: string; quantity: number; amountFen: Fen }[] = [];
  for (const { item, quantity } of requests) {
    const available = item.quantity - item.refundedQuantity;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > available) {
      throw new RefundQuantityError(item.id, available);
    }
    const before = allocateItem(item, item.unitPriceFen * available);
    const after = allocateItem(item, item.unitPriceFen * (available - quantity));
    let clearing = 0;
    for (const party of SPLIT_PARTIES) {
      const delta = before[party] - after[party];
      if (delta !== 0) lines.push({ itemId: item.id, payee: party, amountFen: delta });
      clearing += delta;
    }
    if (clearing !== 0) lines.push({ itemId: item.id, payee: "clearing", amountFen: -clearing });
    perItem.push({ itemId: item.id, quantity, amountFen: clearing });
  }
  return { lines, amountFen: perItem.reduce((sum, i) => sum + i.amountFen, 0), perItem };
}

/** Totals per payee across lines (e.g. for "¥X to the Wang household"). */
export function totalsByPayee(lines: PostingLine[]): Record<Payee, Fen> {
  const totals: Record<Payee, Fen> = { household: 0, collective: 0, streamer: 0, platform: 0, clearing: 0 };
  for (const line of lines) totals[line.payee] += line.amountFen;
  return totals;
}
