import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { withRole } from "~/db/request-role.server";
import { ids } from "~/seed/seed.server";
import { refundAs } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// public.refund_order is granted to every signed-in user (PostgREST exposes it), so it
// decides per item who may refund what: the admins of the item's cooperative, or a
// platform admin. Everyone else finds no such order; nobody can pass an amount.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
});
afterAll(() => t.destroy());

const FUNGUS = ids.product("zhengjia-black-fungus-250g"); // zhengjia
const RICE = ids.product("daguliu-rice-5kg"); // daguliu
const ADMIN_A = ids.user("admin@zhengjia.demo");
const ADMIN_B = ids.user("admin@daguliu.demo");
const HOST_A = ids.user("host@zhengjia.demo");

async function paidMixedOrder() {
  const shopper = new Shopper(context);
  await shopper.add(FUNGUS, 2);
  await shopper.add(RICE, 1);
  const orderId = await shopper.placeOrder();
  await shopper.pay(orderId);
  const { rows } = await t.db.query<{ id: string; slug: string }>(
    `select oi.id, c.slug from public.order_items oi join public.cooperatives c on c.id = oi.cooperative_id where oi.order_id = $1`,
    [orderId],
  );
  const item = (slug: string) => rows.find((r) => r.slug === slug)!.id;
  return { orderId, fungusItem: item("zhengjia"), riceItem: item("daguliu") };
}

const refundsOf = async (orderId: string) =>
  (await t.db.query<{ n: number }>("select count(*)::int as n from public.refunds where order_id = $1", [orderId])).rows[0].n;

describe("who may refund", () => {
  it("lets a cooperative admin refund their own cooperative's items only, recorded as them", async () => {
    const { orderId, fungusItem, riceItem } = await paidMixedOrder();
    expect(
      await refundAs(t.db, ADMIN_A, {
        refundId: crypto.randomUUID(),
        orderId,
        items: [{ orderItemId: riceItem, quantity: 1 }],
        restock: false,
      }),
    ).toEqual({ ok: false, reason: "unknown_item" });
    expect(
      await refundAs(t.db, ADMIN_A, {
        refundId: crypto.randomUUID(),
        orderId,
        restock: false,
        items: [
          { orderItemId: fungusItem, quantity: 1 },
          { orderItemId: riceItem, quantity: 1 },
        ],
      }),
    ).toEqual({ ok: false, reason: "unknown_item" });
    expect(await refundsOf(orderId)).toBe(0);

    const refundId = crypto.randomUUID();
    expect(
      await refundAs(t.db, ADMIN_A, { refundId, orderId, items: [{ orderItemId: fungusItem, quantity: 1 }], restock: false }),
    ).toMatchObject({ ok: true, status: "partially_refunded", repeated: false });
    const { rows } = await t.db.query<{ created_by: string }>("select created_by from public.refunds where id = $1", [refundId]);
    expect(rows[0].created_by).toBe(ADMIN_A);
  });

  it("refunds only the caller's items on 'all', leaving the other cooperative's untouched", async () => {
    const { orderId, fungusItem, riceItem } = await paidMixedOrder();
    expect(await refundAs(t.db, ADMIN_B, { refundId: crypto.randomUUID(), orderId, items: "all", restock: false })).toMatchObject({
      ok: true,
      status: "partially_refunded",
    });
    const { rows } = await t.db.query<{ id: string; refunded_quantity: number }>(
      "select id, refunded_quantity from public.order_items where order_id = $1",
      [orderId],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.refunded_quantity]))).toEqual({ [riceItem]: 1, [fungusItem]: 0 });
  });

  it("finds no order for a user with no rights on any of its items", async () => {
    const shopper = new Shopper(context);
    await shopper.add(FUNGUS, 1);
    const orderId = await shopper.placeOrder();
    await shopper.pay(orderId);
    const { rows } = await t.db.query<{ id: string }>("select id from public.order_items where order_id = $1", [orderId]);
    for (const who of [ADMIN_B, HOST_A]) {
      expect(await refundAs(t.db, who, { refundId: crypto.randomUUID(), orderId, items: "all", restock: false })).toEqual({
        ok: false,
        reason: "unknown_order",
      });
      expect(
        await refundAs(t.db, who, {
          refundId: crypto.randomUUID(),
          orderId,
          items: [{ orderItemId: rows[0].id, quantity: 1 }],
          restock: false,
        }),
      ).toEqual({ ok: false, reason: "unknown_order" });
    }
    expect(await refundsOf(orderId)).toBe(0);
  });

  it("is not executable by anonymous callers, and takes no amounts", async () => {
    await expect(
      withRole(t.db, { role: "anon" }, (tx) =>
        tx.query("select public.refund_order(gen_random_uuid(), gen_random_uuid(), null, null, false, '')"),
      ),
    ).rejects.toThrow(/permission denied/);
    const { rows } = await t.db.query<{ args: string }>(
      "select pg_get_function_identity_arguments('public.refund_order'::regproc) as args",
    );
    expect(rows[0].args).not.toMatch(/amount|fen/);
  });

  it("refuses fractional and excessive quantities as too_many, not a 500", async () => {
    const { orderId, fungusItem } = await paidMixedOrder();
    for (const quantity of [1.5, 3, Number.NaN]) {
      expect(
        await refundAs(t.db, ADMIN_A, {
          refundId: crypto.randomUUID(),
          orderId,
          items: [{ orderItemId: fungusItem, quantity }],
          restock: false,
        }),
      ).toEqual({ ok: false, reason: "too_many", orderItemId: fungusItem, available: 2 });
    }
  });
});
