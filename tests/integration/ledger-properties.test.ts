import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { allocateItem } from "~/domain/ledger-postings";
import { SPLIT_PARTIES } from "~/domain/split-rule";
import { loadMoneyItems } from "~/models/order-items.server";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { ids } from "~/seed/seed.server";
import { Shopper } from "../support/shopper";
import { type TestDatabase, unlimitedStockDatabase } from "../support/test-database";

// Ledger invariants over random sequences of orders, payments and partial refunds,
// written by the real code into the real database.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  ({ t, context } = await unlimitedStockDatabase());
});
afterAll(() => t.destroy());

const PRODUCTS = ["zhengjia-black-fungus-250g", "daguliu-rice-5kg", "daguliu-harvest-box", "zhengjia-fungus-gift-box"].map(ids.product);
const LIVE = ids.session("liujiawobao-autumn-harvest-live");

const scenario = fc.record({
  lines: fc.uniqueArray(fc.record({ product: fc.constantFrom(...PRODUCTS), quantity: fc.integer({ min: 1, max: 6 }) }), {
    minLength: 1,
    maxLength: 3,
    selector: (l) => l.product,
  }),
  pay: fc.boolean(),
  viaLive: fc.boolean(),
  refunds: fc.array(fc.record({ pick: fc.nat(), quantity: fc.integer({ min: 1, max: 4 }), restock: fc.boolean() }), { maxLength: 4 }),
});

async function liveProduct(): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(
    "select p.id from public.products p join public.cooperatives c on c.id = p.cooperative_id where c.slug = 'liujiawobao' order by p.slug limit 1",
  );
  return rows[0].id;
}

describe("ledger over random order histories", () => {
  it("balances every posting and keeps each party's share exact, net of refunds", async () => {
    const live = await liveProduct();
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const shopper = new Shopper(context);
        for (const line of s.lines) await shopper.add(line.product, line.quantity);
        if (s.viaLive) await shopper.add(live, 1, LIVE);
        const orderId = await shopper.placeOrder();
        if (s.pay) await shopper.pay(orderId);
        for (const r of s.refunds) {
          const items = await loadMoneyItems(t.db, orderId);
          const item = items[r.pick % items.length];
          const left = item.quantity - item.refundedQuantity;
          const result = await refundAsPlatformAdmin(t.db, {
            refundId: crypto.randomUUID(),
            orderId,
            restock: r.restock,
            items: [{ orderItemId: item.id, quantity: Math.min(r.quantity, Math.max(left, 1)) }],
          });
          if (!s.pay) expect(result).toEqual({ ok: false, reason: "not_refundable" });
          else if (left === 0) expect(result.ok).toBe(false);
          else expect(result.ok).toBe(true);
        }

        const unbalanced = await t.db.query("select posting_id from public.ledger_lines group by posting_id having sum(amount_fen) <> 0");
        expect(unbalanced.rows).toEqual([]);

        const order = (
          await t.db.query<{ status: string; total_fen: number; refunded_fen: number }>(
            "select status, total_fen, refunded_fen from public.orders where id = $1",
            [orderId],
          )
        ).rows[0];
        const lines = await t.db.query<{ item: string; kind: string; amount: number }>(
          `select l.order_item_id as item, a.kind, sum(l.amount_fen)::bigint as amount
             from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
             join public.ledger_accounts a on a.id = l.account_id
            where p.order_id = $1 group by l.order_item_id, a.kind`,
          [orderId],
        );
        const clearing = lines.rows.filter((l) => l.kind === "payments_clearing").reduce((sum, l) => sum + l.amount, 0);
        expect(clearing).toBe(s.pay ? order.total_fen - order.refunded_fen : 0);
        if (s.pay)
          expect(order.status).toBe(
            order.refunded_fen === 0 ? "paid" : order.refunded_fen === order.total_fen ? "refunded" : "partially_refunded",
          );

        // Each party holds exactly its share of what is still paid for, by the frozen rule.
        for (const item of await loadMoneyItems(t.db, orderId)) {
          const expected = s.pay ? allocateItem(item, item.unitPriceFen * (item.quantity - item.refundedQuantity)) : null;
          for (const party of SPLIT_PARTIES) {
            const posted =
              0 - (lines.rows.find((l) => l.item === item.id && l.kind === (party === "platform" ? "platform" : party))?.amount ?? 0);
            expect(posted + 0).toBe(expected ? expected[party] : 0);
          }
        }
        const negative = await t.db.query("select product_id from public.product_stock where stock < 0");
        expect(negative.rows).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });
});
