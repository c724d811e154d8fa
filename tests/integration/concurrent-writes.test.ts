import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { withRole } from "~/db/request-role.server";
import { setProductOverride } from "~/models/dashboard/split-rules.server";
import { action as editProductAction } from "~/routes/dashboard.$coopSlug.products.$productId";
import { action as splitsAction } from "~/routes/dashboard.$coopSlug.splits";
import { ids } from "~/seed/seed.server";
import { request, settle } from "../support/route-call";
import { expectFieldErrors } from "../support/form-reply";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Admin writes that arrive together (double submits, two admins at once) and edits that
// add up past a limit: always an answer a person can act on, never a 500.
let t: TestDatabase;
let context: AppContext;
let admin: string;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  admin = await signIn(context, "admin@zhengjia.demo");
});
afterAll(() => t.destroy());

const FUNGUS = ids.product("zhengjia-black-fungus-500g");

describe("split-rule overrides saved at the same moment", () => {
  const override = (household: string) => ({
    intent: "set-override",
    target: "new",
    productId: FUNGUS,
    household,
    collective: "10",
    streamer: "10",
    platform: String(100 - 20 - Number(household)),
  });

  it("ten simultaneous saves for one product all succeed and leave exactly one override (the last writer's)", async () => {
    await restoreAfterThisTest(t.db, "public.split_rules", { product_id: FUNGUS }, { removeAdded: true });
    const households = ["60", "61", "62", "63", "64", "65", "66", "67", "68", "69"];
    const results = await Promise.all(
      households.map((h) =>
        settle(() =>
          splitsAction({ request: request("/dashboard/zhengjia/splits", admin, override(h)), params: { coopSlug: "zhengjia" }, context }),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(households.map(() => 200));
    const { rows } = await t.db.query<{ household_bp: number }>("select household_bp from public.split_rules where product_id = $1", [
      FUNGUS,
    ]);
    expect(rows).toHaveLength(1);
    expect(households.map((h) => Number(h) * 100)).toContain(rows[0].household_bp);
  });

  it("holds when the transactions truly overlap (ten at once, straight into the model)", async () => {
    const product = ids.product("zhengjia-black-fungus-250g");
    await restoreAfterThisTest(t.db, "public.split_rules", { product_id: product }, { removeAdded: true });
    const asAdmin = { role: "authenticated" as const, userId: ids.user("admin@zhengjia.demo") };
    const rules = Array.from({ length: 10 }, (_, i) => ({
      household: 6000 + i * 100,
      collective: 1000,
      streamer: 1000,
      platform: 2000 - i * 100,
    }));
    const saved = await Promise.all(
      rules.map((rule) => withRole(t.db, asAdmin, (tx) => setProductOverride(tx, ids.cooperative("zhengjia"), product, rule))),
    );
    expect(saved).toEqual(rules.map(() => true));
    const { rows } = await t.db.query("select 1 from public.split_rules where product_id = $1", [product]);
    expect(rows).toHaveLength(1);
  });

  it("saving the default rule twice at once keeps one default", async () => {
    await restoreAfterThisTest(t.db, "public.split_rules", { cooperative_id: ids.cooperative("zhengjia"), product_id: null });
    const form = { intent: "set-default", household: "70", collective: "15", streamer: "10", platform: "5" };
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        settle(() =>
          splitsAction({ request: request("/dashboard/zhengjia/splits", admin, form), params: { coopSlug: "zhengjia" }, context }),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const { rows } = await t.db.query("select 1 from public.split_rules where cooperative_id = $1 and product_id is null", [
      ids.cooperative("zhengjia"),
    ]);
    expect(rows).toHaveLength(1);
  });
});

describe("stock edits", () => {
  const edit = (stock: string, stockSeen: string) => ({
    intent: "save",
    titleZh: "郑家村干黑木耳 500克袋装",
    titleEn: "Zhengjia dried black fungus, 500 g bag",
    descriptionZh: "",
    descriptionEn: "",
    categorySlug: "fungi",
    unit: "bag",
    price: "75.80",
    stock,
    stockSeen,
    perBuyerLimit: "",
    householdId: "",
    status: "active",
  });
  const save = (stock: string, stockSeen: string) =>
    settle(() =>
      editProductAction({
        request: request(`/dashboard/zhengjia/products/${FUNGUS}`, admin, edit(stock, stockSeen)),
        params: { coopSlug: "zhengjia", productId: FUNGUS },
        context,
      }),
    );
  const stockNow = async () =>
    (await t.db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [FUNGUS])).rows[0].stock;

  it("refuses, field by field, an edit whose result would pass the cap, and changes nothing", async () => {
    await restoreAfterThisTest(t.db, "public.products", { id: FUNGUS });
    await restoreAfterThisTest(t.db, "public.product_stock", { product_id: FUNGUS });
    const before = await stockNow();
    expect(await save("1000000", "0")).toMatchObject({ status: before === 0 ? 200 : 422 });
    const capped = await stockNow();
    expect(capped).toBeLessThanOrEqual(1_000_000);
    for (let i = 0; i < 3; i++) {
      expectFieldErrors(await save("1000000", "0"), 422, { stock: "dash.errors.stockCap" });
    }
    expect(await stockNow()).toBe(capped);
    // Later edits still work: the product is not stuck.
    expect(await save("10", String(capped))).toMatchObject({ status: 200 });
    expect(await stockNow()).toBe(10);
  });

  it("counts units that unpaid orders hold, so their expiry can never break the cap", async () => {
    const shiitake = ids.product("zhengjia-dried-shiitake-250g");
    await restoreAfterThisTest(t.db, "public.products", { id: shiitake });
    await restoreAfterThisTest(t.db, "public.product_stock", { product_id: shiitake });
    await t.db.query("update public.product_stock set stock = 10 where product_id = $1", [shiitake]);
    const buyer = new Shopper(context);
    await buyer.add(shiitake, 10);
    await buyer.placeOrder(); // stock 0, 10 held by the unpaid order
    const editShiitake = (stock: string, stockSeen: string) =>
      settle(() =>
        editProductAction({
          request: request(`/dashboard/zhengjia/products/${shiitake}`, admin, {
            ...edit(stock, stockSeen),
            titleEn: "Zhengjia dried shiitake, 250 g bag",
          }),
          params: { coopSlug: "zhengjia", productId: shiitake },
          context,
        }),
      );
    expectFieldErrors(await editShiitake("1000000", "0"), 422, { stock: "dash.errors.stockCap" });
    expect(await editShiitake("999990", "0")).toMatchObject({ status: 200 });
    // The reservation expires: its 10 units come back, exactly to the cap, and the job runs.
    await t.db.query("select public.expire_unpaid_orders(now() + interval '1 day')");
    const { rows } = await t.db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [shiitake]);
    expect(rows[0].stock).toBe(1_000_000);
  });

  it("the database itself refuses stock over the cap, whoever writes it", async () => {
    await expect(t.db.query("update public.product_stock set stock = 1000001 where product_id = $1", [FUNGUS])).rejects.toThrow(
      /product_stock_at_most_a_million/,
    );
  });
});
