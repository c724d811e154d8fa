import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRole, actingAs } from "~/db/request-role.server";
import { hashToken } from "~/http/visitor.server";
import { addToCart } from "~/models/cart.server";
import { CheckoutRefusedError, placeOrder } from "~/models/order.server";
import { recordPaymentSucceeded } from "~/models/payment.server";
import { ids } from "~/seed/seed.server";
import { GOOD_DETAILS } from "../support/shopper";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Real concurrency needs a real server: PGlite serialises every transaction, so these
// run only in the integration-postgres project (CI sets TEST_DATABASE_URL).
const onServer = process.env.TEST_DB_KIND === "postgres";

let t: TestDatabase;
beforeAll(async () => {
  if (onServer) t = await createTestDatabase();
});
afterAll(() => t?.destroy());

const PRODUCT = ids.product("daguliu-rice-5kg");

async function buyer(n: number) {
  const visitor = hashToken(`flash-buyer-${n}`);
  await withRole(t.db, { role: "anon", claims: { visitor } }, (tx) => addToCart(tx, visitor, { productId: PRODUCT, quantity: 1 }));
  return visitor;
}

describe.skipIf(!onServer)("flash sale on a Postgres server", () => {
  it("500 simultaneous buyers for 200 units: 200 orders, 300 clear sold-out answers, no errors, no oversell", async () => {
    await restoreAfterThisTest(t.db, "public.products", { id: PRODUCT });
    await restoreAfterThisTest(t.db, "public.product_stock", { product_id: PRODUCT });
    await t.db.query("update public.products set per_buyer_limit = null where id = $1", [PRODUCT]);
    await t.db.query("update public.product_stock set stock = 200 where product_id = $1", [PRODUCT]);
    const visitors = [];
    for (let n = 0; n < 500; n++) visitors.push(await buyer(n));

    const outcomes = await Promise.all(
      visitors.map(async (visitor, n) => {
        try {
          await placeOrder(actingAs(t.db, { role: "anon", claims: { visitor } }), {
            ...GOOD_DETAILS,
            contactPhone: `139${String(n).padStart(8, "0")}`,
            locale: "zh-CN",
            reservationMinutes: 15,
          });
          return "ordered";
        } catch (error) {
          if (error instanceof CheckoutRefusedError && error.refusal.reason === "sold_out") return "sold_out";
          return `error: ${(error as Error).message}`;
        }
      }),
    );
    const tally = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    expect(tally).toEqual({ ordered: 200, sold_out: 300 });

    const { rows } = await t.db.query<{ stock: number; ordered: number; orders: number }>(
      `select (select stock from public.product_stock s where s.product_id = p.id) as stock,
              (select coalesce(sum(oi.quantity), 0)::int from public.order_items oi where oi.product_id = p.id) as ordered,
              (select count(*)::int from public.orders o where exists (select 1 from public.order_items oi where oi.order_id = o.id and oi.product_id = p.id)) as orders
         from public.products p where p.id = $1`,
      [PRODUCT],
    );
    expect(rows[0]).toEqual({ stock: 0, ordered: 200, orders: 200 });
    // No order exists without its items (and so without its stock).
    const orphans = await t.db.query<{ n: number }>(
      "select count(*)::int as n from public.orders o where not exists (select 1 from public.order_items oi where oi.order_id = o.id)",
    );
    expect(orphans.rows[0].n).toBe(0);
  });

  it("'payment succeeded' delivered 5 times at once, and under 3 different event ids, posts once", async () => {
    await restoreAfterThisTest(t.db, "public.product_stock", { product_id: PRODUCT });
    await t.db.query("update public.product_stock set stock = 10 where product_id = $1", [PRODUCT]);
    const visitor = await buyer(9999);
    const { id: orderId } = await placeOrder(actingAs(t.db, { role: "anon", claims: { visitor } }), {
      ...GOOD_DETAILS,
      locale: "zh-CN",
      reservationMinutes: 15,
    });
    const { rows } = await t.db.query<{ total_fen: number }>("select total_fen from public.orders where id = $1", [orderId]);
    const deliver = (eventId: string) =>
      recordPaymentSucceeded(t.db, {
        provider: "stripe",
        eventId,
        type: "checkout.session.completed",
        orderId,
        amountFen: rows[0].total_fen,
        currency: "cny",
        reference: "pi_test",
        payload: {},
      });
    const outcomes = await Promise.all([
      ...Array.from({ length: 5 }, () => deliver("evt_same")),
      deliver("evt_other_1"),
      deliver("evt_other_2"),
    ]);
    expect(outcomes.filter((o) => o === "paid")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate_event").length + outcomes.filter((o) => o === "already_paid").length).toBe(6);
    const postings = await t.db.query<{ n: number }>("select count(*)::int as n from public.ledger_postings where order_id = $1", [
      orderId,
    ]);
    expect(postings.rows[0].n).toBe(1);
    const events = await t.db.query<{ n: number }>("select count(*)::int as n from public.payment_events where order_id = $1", [orderId]);
    expect(events.rows[0].n).toBe(3);
  });
});
