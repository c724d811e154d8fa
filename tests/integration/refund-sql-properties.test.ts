import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { asServiceRole, withRole } from "~/db/request-role.server";
import { refundPostingLines, type Payee } from "~/domain/ledger-postings";
import { allocate } from "~/domain/split-allocation";
import { SPLIT_PARTIES, type SplitRule } from "~/domain/split-rule";
import { loadMoneyItems } from "~/models/order-items.server";
import { previewRefund } from "~/models/refund.server";
import { ids } from "~/seed/seed.server";
import { PLATFORM_ADMIN, refundAsPlatformAdmin } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { type TestDatabase, unlimitedStockDatabase } from "../support/test-database";

// Refunds are computed in SQL (public.refund_order, app_private.allocate_split) so that a
// caller can pass no amounts. The domain functions in app/domain stay the specification:
// these properties prove the database computes exactly what they compute, and that the
// preview (domain) shows exactly what the confirm (database) posts.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  ({ t, context } = await unlimitedStockDatabase());
});
afterAll(() => t.destroy());

const PRODUCTS = ["zhengjia-black-fungus-250g", "daguliu-rice-5kg", "daguliu-harvest-box", "zhengjia-fungus-gift-box"].map(ids.product);
const LIVE = ids.session("liujiawobao-autumn-harvest-live");

/** Four non-negative parts summing to 10000, edge cases (0 and 10000) included. */
const splitRule = fc
  .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }))
  .map(([a, b, c]) => {
    const [x, y, z] = [a, b, c].sort((p, q) => p - q);
    return { household: x, collective: y - x, streamer: z - y, platform: 10000 - z } satisfies SplitRule;
  });

describe("app_private.allocate_split", () => {
  it("equals the domain's allocate for any total and rule", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ total: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2_000_000_000 })), rule: splitRule }),
          { minLength: 1, maxLength: 40 },
        ),
        async (samples) => {
          const { rows } = await asServiceRole(t.db, (tx) =>
            tx.query<{ n: number; party: string; amount: string | number }>(
              `select s.n::int as n, a.party, a.amount
                 from unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::int[]) with ordinality as s (total, h, c, st, p, n)
                 cross join lateral app_private.allocate_split(s.total, s.h, s.c, s.st, s.p) a
                order by s.n, a.party_order`,
              [samples.map((s) => s.total), ...SPLIT_PARTIES.map((party) => samples.map((s) => s.rule[party]))],
            ),
          );
          const posted = samples.map((_, i) =>
            Object.fromEntries(rows.filter((r) => r.n === i + 1).map((r) => [r.party, Number(r.amount)])),
          );
          expect(posted).toEqual(samples.map((s) => allocate(s.total, s.rule)));
        },
      ),
      { numRuns: 40 },
    );
  });
});

const history = fc.record({
  lines: fc.uniqueArray(fc.record({ product: fc.constantFrom(...PRODUCTS), quantity: fc.integer({ min: 1, max: 7 }) }), {
    minLength: 1,
    maxLength: 3,
    selector: (l) => l.product,
  }),
  viaLive: fc.boolean(),
  rules: fc.array(splitRule, { minLength: 4, maxLength: 4 }),
  refunds: fc.array(fc.array(fc.record({ pick: fc.nat(), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 2 }), {
    minLength: 1,
    maxLength: 4,
  }),
});

async function liveProduct(): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(
    "select p.id from public.products p join public.cooperatives c on c.id = p.cooperative_id where c.slug = 'liujiawobao' order by p.slug limit 1",
  );
  return rows[0].id;
}

const asAdmin = { role: "authenticated", userId: PLATFORM_ADMIN } as const;

describe("public.refund_order", () => {
  it("posts exactly the domain's refund lines, and what the preview showed, over random partial-refund sequences", async () => {
    const live = await liveProduct();
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const shopper = new Shopper(context);
        for (const line of h.lines) await shopper.add(line.product, line.quantity);
        if (h.viaLive) await shopper.add(live, 1, LIVE);
        const orderId = await shopper.placeOrder();
        // Random frozen rules (as if each product's rule had been anything), before payment.
        const placed = await loadMoneyItems(t.db, orderId);
        for (const [i, item] of placed.entries()) {
          const rule = h.rules[i % h.rules.length];
          await t.db.query(
            `update public.order_items set split_household_bp = $2, split_collective_bp = $3, split_streamer_bp = $4, split_platform_bp = $5
              where id = $1`,
            [item.id, rule.household, rule.collective, rule.streamer, rule.platform],
          );
        }
        await shopper.pay(orderId);

        for (const step of h.refunds) {
          const items = await loadMoneyItems(t.db, orderId);
          const wanted = new Map<string, number>();
          for (const r of step) {
            const item = items[r.pick % items.length];
            const left = item.quantity - item.refundedQuantity - (wanted.get(item.id) ?? 0);
            if (left > 0) wanted.set(item.id, (wanted.get(item.id) ?? 0) + Math.min(r.quantity, left));
          }
          if (wanted.size === 0) continue;
          const request = [...wanted].map(([orderItemId, quantity]) => ({ orderItemId, quantity }));
          const expected = refundPostingLines(
            request.map((w) => ({ item: items.find((i) => i.id === w.orderItemId)!, quantity: w.quantity })),
          );
          const refundId = crypto.randomUUID();
          const preview = await withRole(t.db, asAdmin, (tx) => previewRefund(tx, orderId, request, refundId, "en"));
          const result = await refundAsPlatformAdmin(t.db, { refundId, orderId, items: request, restock: false });

          expect(result).toMatchObject({ ok: true, amountFen: expected.amountFen, repeated: false });
          expect(preview).toMatchObject({ ok: true, amountFen: expected.amountFen });
          const posted = await t.db.query<{ item: string; kind: string; amount: string | number }>(
            `select l.order_item_id as item, a.kind, l.amount_fen as amount
               from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
               join public.ledger_postings p on p.id = l.posting_id
              where p.idempotency_key = $1`,
            [`refund:${refundId}`],
          );
          const payee = (kind: string): Payee => (kind === "payments_clearing" ? "clearing" : (kind as Payee));
          const key = (l: { itemId: string; payee: Payee; amountFen: number }) => `${l.itemId}:${l.payee}:${l.amountFen}`;
          expect(posted.rows.map((r) => key({ itemId: r.item, payee: payee(r.kind), amountFen: Number(r.amount) })).sort()).toEqual(
            expected.lines.map(key).sort(),
          );
          const perItem = await t.db.query<{ id: string; quantity: number; amount: string | number }>(
            "select order_item_id as id, quantity, amount_fen as amount from public.refund_items where refund_id = $1",
            [refundId],
          );
          expect(
            perItem.rows
              .map((r) => ({ itemId: r.id, quantity: r.quantity, amountFen: Number(r.amount) }))
              .sort((a, b) => a.itemId.localeCompare(b.itemId)),
          ).toEqual([...expected.perItem].sort((a, b) => a.itemId.localeCompare(b.itemId)));
        }
      }),
      { numRuns: 10 },
    );
  });
});
