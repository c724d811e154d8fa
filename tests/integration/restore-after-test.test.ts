import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids } from "~/seed/seed.server";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// The helper other tests rely on to leave seeded rows as they found them.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const ZHENGJIA = ids.cooperative("zhengjia");
const stock = async () =>
  (await t.db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [FUNGUS])).rows[0].stock;
const rules = async () =>
  (await t.db.query("select * from public.split_rules where cooperative_id = $1 order by id", [ZHENGJIA])).rows.map((r) =>
    JSON.stringify(r),
  );
let seededStock: number;
let seededRules: string[];

describe("restoreAfterThisTest", () => {
  it.fails("restores even when the test fails", async () => {
    seededStock = await stock();
    seededRules = await rules();
    await restoreAfterThisTest(t.db, "public.product_stock", { product_id: FUNGUS });
    await restoreAfterThisTest(t.db, "public.split_rules", { cooperative_id: ZHENGJIA });
    await t.db.query("update public.product_stock set stock = 0 where product_id = $1", [FUNGUS]);
    await t.db.query("delete from public.split_rules where cooperative_id = $1", [ZHENGJIA]);
    expect(await stock()).toBe(seededStock); // fails: the test is expected to
  });

  it("found the stock and the deleted rules as seeded", async () => {
    expect(seededRules.length).toBeGreaterThan(0);
    expect(await stock()).toBe(seededStock);
    expect(await rules()).toEqual(seededRules);
  });

  it.fails("removes rows the test added when asked, even when the test fails", async () => {
    await restoreAfterThisTest(t.db, "public.split_rules", { cooperative_id: ZHENGJIA, product_id: FUNGUS }, { removeAdded: true });
    await t.db.query("delete from public.split_rules where product_id = $1", [FUNGUS]);
    await t.db.query(
      "insert into public.split_rules (cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp) values ($1, $2, 2500, 2500, 2500, 2500)",
      [ZHENGJIA, FUNGUS],
    );
    expect.fail("the test fails after adding the row");
  });

  it("left the rules as seeded after that", async () => {
    expect(await rules()).toEqual(seededRules);
  });

  it("refuses a condition that matches nothing, so a typo cannot skip the restore", async () => {
    await expect(restoreAfterThisTest(t.db, "public.products", { slug: "no-such-product" })).rejects.toThrow(/no public.products row/);
  });
});
