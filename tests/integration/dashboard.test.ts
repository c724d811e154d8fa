import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { action as householdsAction, loader as householdsLoader } from "~/routes/dashboard.$coopSlug.households";
import { action as ordersAction, loader as ordersLoader } from "~/routes/dashboard.$coopSlug.orders";
import { action as editProductAction } from "~/routes/dashboard.$coopSlug.products.$productId";
import { action as newProductAction } from "~/routes/dashboard.$coopSlug.products.new";
import { action as splitsAction } from "~/routes/dashboard.$coopSlug.splits";
import { loader as productLoader } from "~/routes/products.$slug";
import { ids } from "~/seed/seed.server";
import { Shopper } from "../support/shopper";
import { request, settle } from "../support/route-call";
import { expectFieldErrors } from "../support/form-reply";
import { signIn } from "../support/signed-in";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";
import { fungusProductForm } from "../support/fungus-product-form";

// The cooperative dashboard's actions, as an admin uses them, against the real database.
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
const params = (extra: Record<string, string> = {}) => ({ coopSlug: "zhengjia", ...extra });
const zhengjiaHousehold = async () =>
  (
    await t.db.query<{ id: string }>(
      "select id from public.households where cooperative_id = $1 and status = 'active' order by key limit 1",
      [ids.cooperative("zhengjia")],
    )
  ).rows[0].id;
const productForm = (overrides: Record<string, string> = {}) => fungusProductForm(overrides);

describe("products", () => {
  it("an admin's new price shows on the public product page", async () => {
    await restoreAfterThisTest(t.db, "public.products", { id: FUNGUS });
    await restoreAfterThisTest(t.db, "public.product_stock", { product_id: FUNGUS });
    const householdId = await zhengjiaHousehold();
    const saved = await settle(() =>
      editProductAction({
        request: request(`/dashboard/zhengjia/products/${FUNGUS}`, admin, productForm({ householdId })),
        params: params({ productId: FUNGUS }),
        context,
      }),
    );
    expect(saved).toMatchObject({ status: 200, body: { saved: true } });
    const page = await productLoader({
      request: request("/products/zhengjia-black-fungus-250g", null),
      params: { slug: "zhengjia-black-fungus-250g" },
      context,
    });
    expect(page.product.priceFen).toBe(4250);
    expect(page.product.stock).toBe(120);
  });

  it("applies an admin's stock change on top of orders placed since the page was opened", async () => {
    const shiitake = ids.product("zhengjia-dried-shiitake-250g");
    await restoreAfterThisTest(t.db, "public.products", { id: shiitake });
    await restoreAfterThisTest(t.db, "public.product_stock", { product_id: shiitake });
    await t.db.query("update public.product_stock set stock = 90 where product_id = $1", [shiitake]);
    const buyer = new Shopper(context);
    await buyer.add(shiitake, 3);
    await buyer.placeOrder(); // stock is now 87; the admin's page still says 90
    const form = productForm({
      titleEn: "Zhengjia dried shiitake, 250 g bag",
      stock: "100",
      stockSeen: "90",
      householdId: await zhengjiaHousehold(),
    });
    expect(
      (
        await settle(() =>
          editProductAction({
            request: request(`/dashboard/zhengjia/products/${shiitake}`, admin, form),
            params: params({ productId: shiitake }),
            context,
          }),
        )
      ).status,
    ).toBe(200);
    const { rows } = await t.db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [shiitake]);
    expect(rows[0].stock).toBe(97); // 87 + (100 − 90), not 100
  });

  it("explains bad fields, and refuses another cooperative's grower or product", async () => {
    await restoreAfterThisTest(t.db, "public.products", { id: FUNGUS });
    const bad = await settle(() =>
      editProductAction({
        request: request(`/dashboard/zhengjia/products/${FUNGUS}`, admin, productForm({ price: "12.345", stock: "-1", titleEn: "" })),
        params: params({ productId: FUNGUS }),
        context,
      }),
    );
    expectFieldErrors(bad, 422, { price: "dash.errors.price", stock: "dash.errors.stock", titleEn: "dash.errors.title" });
    const foreignHousehold = (
      await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 limit 1", [ids.cooperative("daguliu")])
    ).rows[0].id;
    const foreign = await settle(() =>
      editProductAction({
        request: request(`/dashboard/zhengjia/products/${FUNGUS}`, admin, productForm({ householdId: foreignHousehold })),
        params: params({ productId: FUNGUS }),
        context,
      }),
    );
    expectFieldErrors(foreign, 422, { householdId: "dash.errors.household" });
    const rice = ids.product("daguliu-rice-5kg");
    expect(
      (
        await settle(() =>
          editProductAction({
            request: request(`/dashboard/zhengjia/products/${rice}`, admin, productForm()),
            params: params({ productId: rice }),
            context,
          }),
        )
      ).status,
    ).toBe(404);
  });

  it("creates a collective-owned draft product with its stock", async () => {
    const created = await settle(() =>
      newProductAction({
        request: request(
          "/dashboard/zhengjia/products/new",
          admin,
          productForm({ titleEn: "Zhengjia dried wood ear, 1 kg", status: "draft", stock: "30" }),
        ),
        params: params(),
        context,
      }),
    );
    expect(created.status).toBe(302);
    const id = /products\/([0-9a-f-]{36})\?saved=1$/.exec(created.location ?? "")![1];
    const { rows } = await t.db.query<{ status: string; household_id: string | null; stock: number }>(
      "select p.status, p.household_id, s.stock from public.products p join public.product_stock s on s.product_id = p.id where p.id = $1",
      [id],
    );
    expect(rows[0]).toEqual({ status: "draft", household_id: null, stock: 30 });
  });
});

describe("households", () => {
  it("adds, edits and deactivates a household of the admin's own cooperative only", async () => {
    const form = {
      intent: "create",
      nameZh: "郑春花家",
      nameEn: "Zheng Chunhua household",
      headNameZh: "郑春花",
      headNameEn: "Zheng Chunhua",
      members: "3",
    };
    expect(
      (await settle(() => householdsAction({ request: request("/dashboard/zhengjia/households", admin, form), params: params(), context })))
        .status,
    ).toBe(200);
    const list = (await householdsLoader({ request: request("/dashboard/zhengjia/households", admin), params: params(), context }))
      .households;
    const added = list.find((h) => h.nameEn === "Zheng Chunhua household")!;
    expect(added).toMatchObject({ members: 3, status: "active" });
    expect(
      (
        await settle(() =>
          householdsAction({
            request: request("/dashboard/zhengjia/households", admin, { intent: "deactivate", householdId: added.id }),
            params: params(),
            context,
          }),
        )
      ).status,
    ).toBe(200);
    const invalid = await settle(() =>
      householdsAction({
        request: request("/dashboard/zhengjia/households", admin, { ...form, intent: "update", householdId: added.id, members: "0" }),
        params: params(),
        context,
      }),
    );
    expectFieldErrors(invalid, 422, { members: "dash.errors.members" });
    const foreign = (
      await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 limit 1", [ids.cooperative("daguliu")])
    ).rows[0].id;
    expect(
      (
        await settle(() =>
          householdsAction({
            request: request("/dashboard/zhengjia/households", admin, { intent: "deactivate", householdId: foreign }),
            params: params(),
            context,
          }),
        )
      ).status,
    ).toBe(404);
  });
});

describe("split rules", () => {
  const split = (form: Record<string, string>) =>
    settle(() => splitsAction({ request: request("/dashboard/zhengjia/splits", admin, form), params: params(), context }));

  it("saves a default that sums to 100 % and refuses one that does not", async () => {
    await restoreAfterThisTest(t.db, "public.split_rules", { cooperative_id: ids.cooperative("zhengjia"), product_id: null });
    expectFieldErrors(await split({ intent: "set-default", household: "70", collective: "15", streamer: "10", platform: "4" }), 422, {
      platform: "dash.errors.splitSum",
    });
    expect(await split({ intent: "set-default", household: "62.5", collective: "22.5", streamer: "10", platform: "5" })).toMatchObject({
      status: 200,
    });
    const { rows } = await t.db.query(
      "select household_bp, collective_bp from public.split_rules where cooperative_id = $1 and product_id is null",
      [ids.cooperative("zhengjia")],
    );
    expect(rows[0]).toEqual({ household_bp: 6250, collective_bp: 2250 });
  });

  it("sets a product override only on the cooperative's own products", async () => {
    await restoreAfterThisTest(t.db, "public.split_rules", { product_id: FUNGUS }, { removeAdded: true });
    const rule = { household: "60", collective: "25", streamer: "10", platform: "5" };
    expect(await split({ intent: "set-override", productId: FUNGUS, ...rule })).toMatchObject({ status: 200 });
    expect(await split({ intent: "set-override", productId: ids.product("daguliu-rice-5kg"), ...rule })).toMatchObject({ status: 422 });
  });
});

describe("orders and refunds", () => {
  it("lists the cooperative's orders with their split, and refunds only its own items", async () => {
    const buyer = new Shopper(context);
    await buyer.add(FUNGUS, 2);
    await buyer.add(ids.product("daguliu-rice-5kg"), 1);
    const orderId = await buyer.placeOrder();
    await buyer.pay(orderId);

    const { orders } = await ordersLoader({ request: request("/dashboard/zhengjia/orders", admin), params: params(), context });
    const order = orders.find((o) => o.id === orderId)!;
    expect(order.items.map((i) => i.title)).toEqual([expect.stringContaining("黑木耳")]); // not the rice (zh: no Accept-Language)
    expect(order.split.reduce((sum, s) => sum + s.amountFen, 0)).toBe(order.items[0].lineTotalFen);

    const riceItem = (
      await t.db.query<{ id: string }>("select id from public.order_items where order_id = $1 and product_id = $2", [
        orderId,
        ids.product("daguliu-rice-5kg"),
      ])
    ).rows[0].id;
    const review = {
      intent: "review-refund",
      orderId,
      refundId: order.refundId,
      restock: "on",
      [`qty-${order.items[0].id}`]: "1",
      [`qty-${riceItem}`]: "1",
    };
    // Step one only reviews (tests/integration/refund-confirmation.test.ts); step two confirms it.
    const reviewed = await settle(() =>
      ordersAction({ request: request("/dashboard/zhengjia/orders", admin, review), params: params(), context }),
    );
    const form = { ...review, intent: "refund", confirmation: (reviewed.body as { confirmation: string }).confirmation };
    const refunded = await settle(() =>
      ordersAction({ request: request("/dashboard/zhengjia/orders", admin, form), params: params(), context }),
    );
    expect(refunded).toMatchObject({ status: 200, body: { ok: true, amountFen: order.items[0].unitPriceFen } });
    const rice = await t.db.query<{ refunded_quantity: number }>("select refunded_quantity from public.order_items where id = $1", [
      riceItem,
    ]);
    expect(rice.rows[0].refunded_quantity).toBe(0);
    const again = await settle(() =>
      ordersAction({ request: request("/dashboard/zhengjia/orders", admin, form), params: params(), context }),
    );
    expect(again).toMatchObject({ body: { ok: true } }); // same refund id: nothing more refunded
    const status = await t.db.query<{ status: string; refunded_fen: number }>(
      "select status, refunded_fen from public.orders where id = $1",
      [orderId],
    );
    expect(status.rows[0]).toEqual({ status: "partially_refunded", refunded_fen: order.items[0].unitPriceFen });
  });
});
