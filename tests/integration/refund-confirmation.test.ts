import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { action as ordersAction, loader as ordersLoader } from "~/routes/dashboard.$coopSlug.orders";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { ids } from "~/seed/seed.server";
import { request, settle } from "../support/route-call";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Refunds take two steps: "review-refund" shows exactly what will happen and moves nothing;
// "refund" moves money only with the confirmation the review issued for that very refund.
let t: TestDatabase;
let context: AppContext;
let admin: string;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  admin = await signIn(context, "admin@zhengjia.demo");
});
afterAll(() => t.destroy());

const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const params = { coopSlug: "zhengjia" };
const post = (form: Record<string, string>) =>
  settle(() => ordersAction({ request: request("/dashboard/zhengjia/orders", admin, form), params, context }));
const refundsOf = async (orderId: string) =>
  (await t.db.query<{ n: number }>("select count(*)::int as n from public.refunds where order_id = $1", [orderId])).rows[0].n;
const stockOf = async () =>
  (await t.db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [FUNGUS])).rows[0].stock;

async function paidOrder() {
  const buyer = new Shopper(context);
  await buyer.add(FUNGUS, 3);
  const orderId = await buyer.placeOrder();
  await buyer.pay(orderId);
  const { orders } = await ordersLoader({ request: request("/dashboard/zhengjia/orders", admin), params, context });
  const order = orders.find((o) => o.id === orderId)!;
  return { orderId, order, item: order.items[0] };
}

describe("refund confirmation", () => {
  it("refuses to refund without the confirm step's fields, or with a confirmation for something else", async () => {
    const { orderId, order, item } = await paidOrder();
    const form = { orderId, refundId: order.refundId, restock: "on", reason: "broken bag", [`qty-${item.id}`]: "1" };

    expect(await post({ intent: "refund", ...form })).toMatchObject({
      status: 422,
      body: { ok: false, error: "dash.refund.errors.unconfirmed" },
    });
    expect(await post({ intent: "refund", ...form, confirmation: "made-up" })).toMatchObject({ status: 422, body: { ok: false } });

    const review = await post({ intent: "review-refund", ...form });
    const confirmation = (review.body as { confirmation: string }).confirmation;
    // the confirmation covers exactly what was reviewed: two units, or no restock, are other refunds
    expect(await post({ intent: "refund", ...form, [`qty-${item.id}`]: "2", confirmation })).toMatchObject({ status: 422 });
    const { restock: _restock, ...noRestock } = form;
    expect(await post({ intent: "refund", ...noRestock, confirmation })).toMatchObject({ status: 422 });
    expect(await refundsOf(orderId)).toBe(0);
    expect((await t.db.query("select status from public.orders where id = $1", [orderId])).rows[0]).toEqual({ status: "paid" });
  });

  it("reviews without moving money, then refunds once with the same refund id, even when confirmed twice", async () => {
    const { orderId, order, item } = await paidOrder();
    const stockBefore = await stockOf();
    const form = { orderId, refundId: order.refundId, restock: "on", reason: "", [`qty-${item.id}`]: "2" };

    const review = await post({ intent: "review-refund", ...form });
    expect(review).toMatchObject({
      status: 200,
      body: {
        stage: "review",
        orderId,
        refundId: order.refundId,
        restock: true,
        amountFen: 2 * item.unitPriceFen,
        items: [{ orderItemId: item.id, quantity: 2, amountFen: 2 * item.unitPriceFen, title: item.title }],
      },
    });
    const body = review.body as { confirmation: string; reversal: { party: string; name: string; amountFen: number }[] };
    // the reversal takes back from the parties exactly what the buyer gets back, party by party
    expect(body.reversal.reduce((sum, r) => sum + r.amountFen, 0)).toBe(2 * item.unitPriceFen);
    expect(body.reversal.map((r) => r.party)).toEqual(["household", "collective", "platform"]);
    // in the admin's language (zh-CN when the browser names none), like the rest of the page
    const household = (
      await t.db.query<{ name_zh: string }>(
        "select h.name_zh from public.order_items oi join public.households h on h.id = oi.household_id where oi.id = $1",
        [item.id],
      )
    ).rows[0];
    expect(body.reversal[0].name).toBe(household.name_zh);
    expect(await refundsOf(orderId)).toBe(0);
    expect(await stockOf()).toBe(stockBefore);

    const confirm = { intent: "refund", ...form, confirmation: body.confirmation };
    expect(await post(confirm)).toMatchObject({ status: 200, body: { stage: "done", ok: true, amountFen: 2 * item.unitPriceFen } });
    expect(await post(confirm)).toMatchObject({ status: 200, body: { ok: true, amountFen: 2 * item.unitPriceFen } });
    expect(await refundsOf(orderId)).toBe(1);
    expect(await stockOf()).toBe(stockBefore + 2);
    const row = await t.db.query<{ status: string; refunded_fen: number }>("select status, refunded_fen from public.orders where id = $1", [
      orderId,
    ]);
    expect(row.rows[0]).toEqual({ status: "partially_refunded", refunded_fen: 2 * item.unitPriceFen });
  });

  it("explains a review it cannot do (too many units) instead of showing a confirmation", async () => {
    const { orderId, order, item } = await paidOrder();
    const review = await post({ intent: "review-refund", orderId, refundId: order.refundId, [`qty-${item.id}`]: "9" });
    expect(review).toMatchObject({ status: 422, body: { ok: false, error: "dash.refund.errors.too_many", count: 3 } });
  });
});

describe("refund forms from a stale page or with bad text", () => {
  it("refuses the same refund id for other units (a second tab), in review and on confirm", async () => {
    const { orderId, order, item } = await paidOrder();
    const first = { orderId, refundId: order.refundId, reason: "", [`qty-${item.id}`]: "1" };
    const review = await post({ intent: "review-refund", ...first });
    const confirmation = (review.body as { confirmation: string }).confirmation;
    expect(await post({ intent: "refund", ...first, confirmation })).toMatchObject({ status: 200, body: { stage: "done" } });

    // The stale page still carries that refund id: reviewing two units with it is refused…
    const stale = { ...first, [`qty-${item.id}`]: "2" };
    expect(await post({ intent: "review-refund", ...stale })).toMatchObject({
      status: 422,
      body: { error: "dash.refund.errors.refund_id_reused" },
    });
    expect(await refundsOf(orderId)).toBe(1);
    // …and the refund command itself tells a repeat from a reuse.
    const again = { refundId: order.refundId, orderId, restock: false };
    expect(await refundAsPlatformAdmin(t.db, { ...again, items: [{ orderItemId: item.id, quantity: 1 }] })).toMatchObject({
      ok: true,
      repeated: true,
    });
    expect(await refundAsPlatformAdmin(t.db, { ...again, items: [{ orderItemId: item.id, quantity: 2 }] })).toEqual({
      ok: false,
      reason: "refund_id_reused",
    });
    expect(await refundsOf(orderId)).toBe(1);
  });

  it("answers a refund reason with control characters with a message, not a bare 400", async () => {
    const { orderId, order, item } = await paidOrder();
    const result = await post({
      intent: "review-refund",
      orderId,
      refundId: order.refundId,
      reason: "bag\u0000torn",
      [`qty-${item.id}`]: "1",
    });
    expect(result).toMatchObject({ status: 422, body: { ok: false, orderId, error: "form.errors.unstorable" } });
    expect(await refundsOf(orderId)).toBe(0);
  });
});
