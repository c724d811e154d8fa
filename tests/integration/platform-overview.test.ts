import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { parseYuan } from "~/domain/money";
import { shanghaiDay } from "~/domain/report-period";
import { loader as platformCsvLoader } from "~/routes/dashboard.income[.]csv";
import { loader as dashboardLoader } from "~/routes/dashboard._index";
import { loader as reportsLoader } from "~/routes/dashboard.$coopSlug.reports._index";
import { ids } from "~/seed/seed.server";
import { expectFieldErrors } from "../support/form-reply";
import { settle } from "../support/route-call";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// The platform admin's overview on /dashboard and its CSV: every cooperative's income side
// by side, each row equal to that cooperative's own report; nobody else gets either.
let t: TestDatabase;
let context: AppContext;
let platform: string;
let coopAdmin: string;
const today = shanghaiDay(new Date());
const COOPS = ["daguliu", "dongsheng", "huangjiuguan", "laohutou", "liujiawobao", "zhengjia"];

beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  [platform, coopAdmin] = await Promise.all(["admin@platform.demo", "admin@zhengjia.demo"].map((email) => signIn(context, email)));
  // One order buying from two cooperatives (counted once in the platform's total), one
  // live sale, and a partial refund.
  const productOf = async (slug: string) =>
    (
      await t.db.query<{ id: string }>(
        `select p.id from public.products p join public.product_stock s on s.product_id = p.id
          where p.cooperative_id = $1 and p.status = 'active' and s.stock >= 5 order by p.slug limit 1`,
        [ids.cooperative(slug)],
      )
    ).rows[0].id;
  const mixed = new Shopper(context);
  await mixed.add(await productOf("zhengjia"), 2);
  await mixed.add(await productOf("daguliu"), 1);
  const mixedOrder = await mixed.placeOrder();
  await mixed.pay(mixedOrder);
  const live = new Shopper(context);
  await live.add(await productOf("liujiawobao"), 3, ids.session("liujiawobao-autumn-harvest-live"));
  await live.pay(await live.placeOrder());
  const item = (
    await t.db.query<{ id: string }>("select id from public.order_items where order_id = $1 and cooperative_id = $2", [
      mixedOrder,
      ids.cooperative("zhengjia"),
    ])
  ).rows[0];
  const refund = await refundAsPlatformAdmin(t.db, {
    refundId: crypto.randomUUID(),
    orderId: mixedOrder,
    items: [{ orderItemId: item.id, quantity: 1 }],
    restock: false,
  });
  expect(refund.ok).toBe(true);
});
afterAll(() => t.destroy());

const get = (path: string, cookie: string | null, language = "zh-CN") =>
  new Request(`http://localhost${path}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), "Accept-Language": language } });
const page = (query: string, cookie: string | null = platform) =>
  settle(() => dashboardLoader({ request: get(`/dashboard${query}`, cookie), params: {}, context }));
const csv = async (query: string, cookie: string | null = platform, language?: string) => {
  try {
    return await platformCsvLoader({ request: get(`/dashboard/income.csv${query}`, cookie, language), params: {}, context });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

const FIGURES = ["orders", "grossFen", "refundsFen", "netFen", "householdFen", "collectiveFen", "streamerFen", "platformFen"] as const;
type Figures = Record<(typeof FIGURES)[number], number>;
type Overview = { range: { from: string; to: string } | null; income: { coops: (Figures & { slug: string })[]; total: Figures } | null };

describe("platform overview", () => {
  it("shows every cooperative's income, each equal to its own report, with the platform's total", async () => {
    const answer = await page(`?from=${today}&to=${today}`);
    expect(answer.status).toBe(200);
    const { overview } = answer.body as { overview: Overview };
    expect(overview.range).toEqual({ from: today, to: today });
    const { coops, total } = overview.income!;
    expect(coops.map((c) => c.slug).sort()).toEqual(COOPS);
    for (const coop of coops) {
      const report = await settle(() =>
        reportsLoader({
          request: get(`/dashboard/${coop.slug}/reports?from=${today}&to=${today}&group=day`, platform),
          params: { coopSlug: coop.slug },
          context,
        }),
      );
      const current = (report.body as { report: { totals: { current: Figures } } }).report.totals.current;
      for (const key of FIGURES) expect(coop[key], `${coop.slug} ${key}`).toBe(current[key]);
      expect(coop.householdFen + coop.collectiveFen + coop.streamerFen + coop.platformFen).toBe(coop.netFen);
    }
    for (const key of FIGURES.filter((k) => k !== "orders")) expect(total[key]).toBe(coops.reduce((sum, c) => sum + c[key], 0));
    // the two-cooperative order is one order of the platform's
    expect(coops.reduce((sum, c) => sum + c.orders, 0)).toBe(total.orders + 1);
    expect(total.refundsFen).toBeGreaterThan(0);
    expect(coops.find((c) => c.slug === "liujiawobao")!.streamerFen).toBeGreaterThan(0);
  });

  it("defaults to this Shanghai year and answers bad input with field errors and a 400", async () => {
    const { overview } = (await page("")).body as { overview: Overview };
    expect(overview.range).toEqual({ from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` });
    // the form's reply is the overview's
    const refused = async (query: string) => {
      const answer = await page(query);
      return { status: answer.status, body: (answer.body as { overview: unknown }).overview };
    };
    expectFieldErrors(await refused("?from=2026-02-30"), 400, { from: "dash.reports.errors.from" });
    expectFieldErrors(await refused("?from=2026-03-02&to=2026-03-01"), 400, { to: "dash.reports.errors.order" });
    expectFieldErrors(await refused("?from=2020-01-01&to=2100-01-01"), 400, { to: "dash.reports.errors.to" });
  });

  it("is not shown to a cooperative admin, and a signed-out visitor is sent to sign in", async () => {
    const answer = await page("?from=2026-02-30", coopAdmin);
    expect(answer.status).toBe(200);
    expect((answer.body as { overview: unknown }).overview).toBeNull();
    const signedOut = await page("", null);
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toMatch(/^\/login\?redirectTo=/);
  });
});

/** The body as it was sent: Response.text() would drop the BOM. */
const bodyOf = async (answer: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await answer.arrayBuffer());

describe("platform income.csv", () => {
  it("has one row per cooperative, in yuan, equal to the page, parts adding up to the net", async () => {
    const answer = await csv(`?from=${today}&to=${today}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Disposition")).toBe(`attachment; filename="income_platform_${today}_${today}.csv"`);
    expect(answer.headers.get("Cache-Control")).toBe("private, no-store");
    const text = await bodyOf(answer);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = text.slice(1).split("\r\n").slice(0, -1);
    expect(header).toBe(
      "cooperative,name,orders,gross_sales,refunds,net_sales,household_income,collective_income,streamer_commission,platform_fee",
    );
    const { overview } = (await page(`?from=${today}&to=${today}`)).body as { overview: Overview };
    expect(rows).toHaveLength(COOPS.length);
    for (const row of rows) {
      const [slug, , orders, ...amounts] = row.split(",");
      const coop = overview.income!.coops.find((c) => c.slug === slug)!;
      expect(Number(orders)).toBe(coop.orders);
      for (const a of amounts) expect(a).toMatch(/^-?\d+\.\d{2}$/);
      const fen = amounts.map((a) => parseYuan(a)!);
      expect(fen).toEqual([
        coop.grossFen,
        coop.refundsFen,
        coop.netFen,
        coop.householdFen,
        coop.collectiveFen,
        coop.streamerFen,
        coop.platformFen,
      ]);
      expect(fen[3] + fen[4] + fen[5] + fen[6]).toBe(fen[2]);
    }
    expect(text).toContain("郑家村黑木耳专业合作社");
  });

  it("refuses bad input with a 400 in the request's language", async () => {
    const bad = await csv("?from=2026-03-02&to=2026-03-01", platform, "en");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("This report cannot be exported: The end date is before the start date.");
  });

  it("is a 404 for a cooperative admin and a sign-in redirect for a visitor", async () => {
    const answer = await csv("", coopAdmin);
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain("net_sales");
    const signedOut = await csv("", null);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});
