import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { readMigrationFiles } from "~/db/migrations.server";
import { loader as coopLoader } from "~/routes/coops.$slug";
import { loader as healthLoader } from "~/routes/healthz";
import { loader as liveLoader } from "~/routes/live.$sessionId";
import { action as localeAction } from "~/routes/locale";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as productsLoader } from "~/routes/products._index";
import { loader as homeLoader } from "~/routes/_index";
import { ids } from "~/seed/seed.server";
import { settle } from "../support/route-call";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";
import { fieldErrorsOf } from "../support/form-reply";

// Route loaders and actions against the real seeded database, as Remix calls them.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
});
afterAll(() => t.destroy());

const args = (path: string, params: Record<string, string> = {}, init?: RequestInit) => ({
  request: new Request(`http://localhost${path}`, init),
  params,
  context,
});

/** Loaders signal 4xx either by throwing a Response or returning data() with a status. */
const statusOf = async (run: () => Promise<unknown>) => (await settle(run)).status;

describe("home", () => {
  it("shows live now, upcoming, replays, featured products and cooperatives", async () => {
    const data = await homeLoader(args("/"));
    expect(data.sessions.live.map((s) => s.id)).toEqual([ids.session("liujiawobao-autumn-harvest-live")]);
    expect(data.sessions.upcoming.length).toBeGreaterThanOrEqual(1);
    expect(data.sessions.replays.length).toBeGreaterThanOrEqual(1);
    expect(data.featured.length).toBeGreaterThanOrEqual(6);
    expect(data.coops).toHaveLength(6);
  });
});

describe("/products", () => {
  it("lists everything on sale, in-stock first", async () => {
    const data = (await productsLoader(args("/products"))) as Awaited<ReturnType<typeof productsLoader>> & {
      products: { stock: number }[];
    };
    expect(data.products.length).toBeGreaterThanOrEqual(28);
    const firstSoldOut = data.products.findIndex((p) => p.stock === 0);
    expect(firstSoldOut).toBeGreaterThan(0);
    expect(data.products.slice(firstSoldOut).every((p) => p.stock === 0)).toBe(true);
  });

  it("filters by category, cooperative, stock and text in either language", async () => {
    const get = async (query: string) =>
      (
        (await productsLoader(args(`/products?${query}`))) as {
          products: { slug: string; categorySlug: string; coopSlug: string; stock: number }[];
        }
      ).products;
    const fungi = await get("category=fungi");
    expect(fungi.length).toBeGreaterThan(0);
    expect(fungi.every((p) => p.categorySlug === "fungi")).toBe(true);
    const zhengjiaInStock = await get("coop=zhengjia&inStock=on");
    expect(zhengjiaInStock.every((p) => p.coopSlug === "zhengjia" && p.stock > 0)).toBe(true);
    expect((await get("coop=zhengjia")).length).toBeGreaterThan(zhengjiaInStock.length);
    expect((await get("q=black%20fungus")).map((p) => p.slug)).toContain("zhengjia-black-fungus-250g");
    expect((await get(`q=${encodeURIComponent("黑木耳")}`)).map((p) => p.slug)).toContain("zhengjia-black-fungus-250g");
    expect(await get("q=%25%25%25")).toEqual([]); // LIKE wildcards are searched literally
  });

  it("answers bad filters with 400 and field errors, never a 500", async () => {
    expect(await statusOf(() => productsLoader(args(`/products?q=${"x".repeat(81)}`)))).toBe(400);
    expect(await statusOf(() => productsLoader(args("/products?category=no-such-thing")))).toBe(400);
    expect(await statusOf(() => productsLoader(args("/products?coop=DROP%20TABLE")))).toBe(400);
    const result = (await productsLoader(args("/products?category=no-such-thing"))) as unknown as { data: unknown };
    expect(fieldErrorsOf(result.data)).toEqual({ category: "products.errors.category" });
  });
});

describe("/products/:slug", () => {
  it("shows grower, village and the split rule in force (override before default)", async () => {
    const { product } = await productLoader(
      args("/products/zhengjia-black-fungus-250g", { slug: "zhengjia-black-fungus-250g" }, { headers: { "Accept-Language": "en" } }),
    );
    expect(product.household?.name).toMatch(/household/);
    expect(product.coop.slug).toBe("zhengjia");
    expect(product.splitRule).not.toBeNull();
    const { rows } = await t.db.query<{ slug: string; household_bp: number }>(
      "select p.slug, r.household_bp from public.split_rules r join public.products p on p.id = r.product_id limit 1",
    );
    const overridden = await productLoader(args(`/products/${rows[0].slug}`, { slug: rows[0].slug }));
    expect(overridden.product.splitRule?.household).toBe(rows[0].household_bp);
  });

  it("404s for unknown and draft products", async () => {
    expect(await statusOf(() => productLoader(args("/products/nope", { slug: "nope" })))).toBe(404);
    await restoreAfterThisTest(t.db, "public.products", { slug: "daguliu-harvest-box" });
    await t.db.query("update public.products set status = 'draft' where slug = 'daguliu-harvest-box'");
    expect(await statusOf(() => productLoader(args("/products/daguliu-harvest-box", { slug: "daguliu-harvest-box" })))).toBe(404);
  });
});

describe("/coops/:slug and /live/:id", () => {
  it("shows the cooperative's story, households, products and sessions", async () => {
    const data = await coopLoader(args("/coops/zhengjia", { slug: "zhengjia" }));
    expect(data.coop.householdCount).toBe(data.coop.households.length);
    expect(data.coop.story.length).toBeGreaterThan(20);
    expect(data.products.length).toBeGreaterThan(0);
    expect(data.sessions.some((s) => s.status === "ended")).toBe(true);
    expect(await statusOf(() => coopLoader(args("/coops/atlantis", { slug: "atlantis" })))).toBe(404);
  });

  it("shows a session with its pinned product, and 404s malformed ids", async () => {
    const id = ids.session("liujiawobao-autumn-harvest-live");
    const data = await liveLoader(args(`/live/${id}`, { sessionId: id }));
    expect(data.products.some((p) => p.id === data.session.pinnedProductId)).toBe(true);
    // The newest stored event: the live page's event stream resumes after it.
    const { rows } = await t.db.query<{ id: number }>(
      "select coalesce(max(id), 0)::int as id from public.live_events where session_id = $1",
      [id],
    );
    expect(data.lastEventId).toBe(rows[0].id);
    expect(await statusOf(() => liveLoader(args("/live/not-a-uuid", { sessionId: "not-a-uuid" })))).toBe(404);
  });
});

describe("language switch and health", () => {
  const post = (body: Record<string, string>) => localeAction(args("/locale", {}, { method: "POST", body: new URLSearchParams(body) }));

  it("stores the choice in a cookie and returns to the page", async () => {
    const response = await post({ locale: "en", returnTo: "/products?category=rice" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/products?category=rice");
    expect(response.headers.get("Set-Cookie")).toMatch(/^hl_lang=en; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });

  it("never redirects off-site and refuses unknown languages", async () => {
    expect((await post({ locale: "zh-CN", returnTo: "//evil.example/" })).headers.get("Location")).toBe("/");
    expect((await post({ locale: "zh-CN", returnTo: "https://evil.example/" })).headers.get("Location")).toBe("/");
    expect(await statusOf(() => post({ locale: "fr", returnTo: "/" }))).toBe(400);
  });

  it("reports the database in /healthz", async () => {
    const response = await healthLoader(args("/healthz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: t.kind, migrations: (await readMigrationFiles()).length });
  });
});
