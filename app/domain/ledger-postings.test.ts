import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocateItem,
  paymentPostingLines,
  refundPostingLines,
  RefundQuantityError,
  totalsByPayee,
  type PostableItem,
} from "./ledger-postings";
import { SPLIT_PARTIES } from "./split-rule";

const ruleArb = fc
  .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }))
  .map(([a, b, c]) => {
    const [x, y, z] = [a, b, c].sort((m, n) => m - n);
    return { household: x, collective: y - x, streamer: z - y, platform: 10000 - z };
  });

const itemArb: fc.Arbitrary<PostableItem> = fc.record({
  id: fc.uuid(),
  unitPriceFen: fc.integer({ min: 1, max: 2_000_000 }),
  quantity: fc.integer({ min: 1, max: 50 }),
  refundedQuantity: fc.constant(0),
  rule: ruleArb,
  hasHousehold: fc.boolean(),
  soldLive: fc.boolean(),
});

const sum = (xs: { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0);

describe("ledger postings", () => {
  it("a payment posting balances, and the payees receive exactly what was paid", () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 6 }), (items) => {
        const lines = paymentPostingLines(items);
        expect(sum(lines)).toBe(0);
        const paid = items.reduce((s, i) => s + i.unitPriceFen * i.quantity, 0);
        expect(totalsByPayee(lines).clearing).toBe(paid);
        expect(lines.every((l) => l.amountFen !== 0)).toBe(true);
      }),
    );
  });

  it("streamer and household parts fall to the collective when they do not apply", () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        const totals = totalsByPayee(paymentPostingLines([item]));
        if (!item.soldLive) expect(totals.streamer).toBe(0);
        if (!item.hasHousehold) expect(totals.household).toBe(0);
      }),
    );
  });

  it("any sequence of partial refunds balances each step and, refunded in full, returns every party to zero", () => {
    fc.assert(
      fc.property(itemArb, fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), (item, steps) => {
        const all = [...paymentPostingLines([item])];
        let refunded = 0;
        for (const step of steps) {
          const q = Math.min(step, item.quantity - refunded);
          if (q === 0) break;
          const refund = refundPostingLines([{ item: { ...item, refundedQuantity: refunded }, quantity: q }]);
          expect(sum(refund.lines)).toBe(0);
          expect(refund.amountFen).toBe(item.unitPriceFen * q);
          all.push(...refund.lines);
          refunded += q;
          // Net of refunds, each party holds exactly its share of what is still paid for.
          const remaining = allocateItem(item, item.unitPriceFen * (item.quantity - refunded));
          const net = totalsByPayee(all);
          for (const party of SPLIT_PARTIES) expect(-net[party] + 0).toBe(remaining[party]);
        }
        if (refunded < item.quantity) {
          all.push(...refundPostingLines([{ item: { ...item, refundedQuantity: refunded }, quantity: item.quantity - refunded }]).lines);
        }
        const totals = totalsByPayee(all);
        for (const payee of [...SPLIT_PARTIES, "clearing" as const]) expect(totals[payee]).toBe(0);
      }),
    );
  });

  it("never refunds more than was bought", () => {
    const item = {
      id: "i",
      unitPriceFen: 100,
      quantity: 2,
      refundedQuantity: 1,
      rule: { household: 10000, collective: 0, streamer: 0, platform: 0 },
      hasHousehold: true,
      soldLive: false,
    };
    expect(() => refundPostingLines([{ item, quantity: 2 }])).toThrow(RefundQuantityError);
    expect(() => refundPostingLines([{ item, quantity: 0 }])).toThrow(RefundQuantityError);
    expect(refundPostingLines([{ item, quantity: 1 }]).amountFen).toBe(100);
  });
});
