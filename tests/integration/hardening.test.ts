import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { paymentProviderFor } from "~/payments/payment-provider.server";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { action as cartAction } from "~/routes/cart";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$orderId";
import { ids } from "~/seed/seed.server";
import { Shopper } from "../support/shopper";
import { request, settle } from "../support/route-call";
import { signIn } from "../support/signed-in";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Bad input and edge cases found in review: each must be a clear 4xx or refusal, never a 500,
// never a half-written order, never someone else's order.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
});
afterAll(() => t.destroy());

const FUNGUS = ids.product("zhengjia-black-fungus-250g");

describe("review findings", () => {
  it("a cooperative admin cannot open (or get the signed link of) a buyer's order page", async () => {
    const buyer = new Shopper(context);
    await buyer.add(FUNGUS, 1);
    const orderId = await buyer.placeOrder();
    const admin = await signIn(context, "admin@zhengjia.demo");
    expect((await settle(() => orderLoader({ request: request(`/orders/${orderId}`, admin), params: { orderId }, context }))).status).toBe(
      404,
    );
    expect(
      (
        await settle(() =>
          orderAction({ request: request(`/orders/${orderId}`, admin, { intent: "cancel" }), params: { orderId }, context }),
        )
      ).status,
    ).toBe(409);
    const status = await t.db.query<{ status: string }>("select status from public.orders where id = $1", [orderId]);
    expect(status.rows[0].status).toBe("pending_payment");
  });

  it("refuses an order for a product with no split rule in force, leaving nothing behind", async () => {
    const coop = ids.cooperative("dongsheng");
    const { rows } = await t.db.query<{ id: string }>(
      "select id from public.products where cooperative_id = $1 and status = 'active' order by slug limit 1",
      [coop],
    );
    const product = rows[0].id;
    await restoreAfterThisTest(t.db, "public.split_rules", { cooperative_id: coop });
    await t.db.query("delete from public.split_rules where cooperative_id = $1", [coop]);
    const stockBefore = (await t.db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [product]))
      .rows[0].stock;
    const orders = async () => (await t.db.query<{ n: number }>("select count(*)::int as n from public.orders")).rows[0].n;
    const before = await orders();
    const buyer = new Shopper(context);
    await buyer.add(product, 1);
    const refused = await buyer.checkout();
    expect(refused).toMatchObject({ status: 422, body: { kind: "refused", refusal: { reason: "unavailable" } } });
    expect(await orders()).toBe(before);
    expect(
      (await t.db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [product])).rows[0].stock,
    ).toBe(stockBefore);
  });

  it("refuses a refund id already used on another order", async () => {
    const buyer = new Shopper(context);
    await buyer.add(FUNGUS, 2);
    const first = await buyer.placeOrder();
    await buyer.pay(first);
    await buyer.add(FUNGUS, 1);
    const second = await buyer.placeOrder();
    await buyer.pay(second);
    const refundId = crypto.randomUUID();
    expect(await refundAsPlatformAdmin(t.db, { refundId, orderId: first, items: "all", restock: false })).toMatchObject({ ok: true });
    expect(await refundAsPlatformAdmin(t.db, { refundId, orderId: second, items: "all", restock: false })).toEqual({
      ok: false,
      reason: "unknown_order",
    });
  });

  it("answers malformed requests with 4xx", async () => {
    expect(
      (
        await settle(() =>
          orderAction({ request: request("/orders/nope", null, { intent: "cancel" }), params: { orderId: "nope" }, context }),
        )
      ).status,
    ).toBe(409);
    const json = new Request("http://localhost/cart", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect((await settle(() => cartAction({ request: json, params: {}, context }))).status).toBe(400);
    const badCookie = new Request("http://localhost/cart", {
      method: "POST",
      headers: { Cookie: "hl_lang=%; hl_visitor=%E0%A4%A" },
      body: new URLSearchParams({ intent: "add", productId: FUNGUS }),
    });
    expect((await settle(() => cartAction({ request: badCookie, params: {}, context }))).status).toBeLessThan(500);
  });

  it("refuses demo payments in a production deployment", () => {
    expect(() => paymentProviderFor({ NODE_ENV: "production", DEMO_DATA: "off" })).toThrow(/STRIPE_SECRET_KEY/);
    expect(paymentProviderFor({ NODE_ENV: "production", DEMO_DATA: "on" }).name).toBe("demo");
  });
});
