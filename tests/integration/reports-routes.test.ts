import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { parseYuan } from "~/domain/money";
import { shanghaiDay } from "~/domain/report-period";
import { loader as householdsCsvLoader } from "~/routes/dashboard.$coopSlug.reports.households[.]csv";
import { loader as incomeCsvLoader } from "~/routes/dashboard.$coopSlug.reports.income[.]csv";
import { loader as reportsLoader } from "~/routes/dashboard.$coopSlug.reports._index";
import { ids } from "~/seed/seed.server";
import { expectFieldErrors } from "../support/form-reply";
import { settle } from "../support/route-call";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// The reports page and its two CSV exports through the real routes: what an admin gets,
// what bad input gets (field errors / 400, never a 500), and that no other cooperative's
// admin gets anything but a 404.
let t: TestDatabase;
let context: AppContext;
let admin: string;
let otherAdmin: string;
const today = shanghaiDay(new Date());
const year = today.slice(0, 4);
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  [admin, otherAdmin] = await Promise.all(["admin@liujiawobao.demo", "admin@zhengjia.demo"].map((email) => signIn(context, email)));
  const products = (
    await t.db.query<{ id: string }>(
      "select id from public.products where cooperative_id = $1 and household_id is not null and status = 'active' order by slug limit 2",
      [ids.cooperative("liujiawobao")],
    )
  ).rows.map((r) => r.id);
  // A live sale and a plain one, the plain one partly refunded.
  const live = new Shopper(context);
  await live.add(products[0], 3, ids.session("liujiawobao-autumn-harvest-live"));
  const liveOrder = await live.placeOrder();
  await live.pay(liveOrder);
  const plain = new Shopper(context);
  await plain.add(products[1], 2);
  const plainOrder = await plain.placeOrder();
  await plain.pay(plainOrder);
  const item = (await t.db.query<{ id: string }>("select id from public.order_items where order_id = $1", [plainOrder])).rows[0];
  const refund = await refundAsPlatformAdmin(t.db, {
    refundId: crypto.randomUUID(),
    orderId: plainOrder,
    items: [{ orderItemId: item.id, quantity: 1 }],
    restock: false,
  });
  expect(refund.ok).toBe(true);
});
afterAll(() => t.destroy());

const get = (path: string, cookie: string | null, language = "zh-CN") =>
  new Request(`http://localhost${path}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), "Accept-Language": language } });
const page = (query: string, cookie: string | null = admin, slug = "liujiawobao") =>
  settle(() => reportsLoader({ request: get(`/dashboard/${slug}/reports${query}`, cookie), params: { coopSlug: slug }, context }));
const csv = async (
  file: "income" | "households",
  query: string,
  cookie: string | null = admin,
  slug = "liujiawobao",
  language?: string,
) => {
  const load = file === "income" ? incomeCsvLoader : householdsCsvLoader;
  try {
    return await load({
      request: get(`/dashboard/${slug}/reports/${file}.csv${query}`, cookie, language),
      params: { coopSlug: slug },
      context,
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

type Figures = { orders: number; grossFen: number; refundsFen: number; netFen: number; householdFen: number };
type PageData = {
  range: { from: string; to: string; group: string } | null;
  report: {
    periods: (Figures & { label: string })[];
    totals: { current: Figures; previous: Figures; previousRange: { from: string; to: string } };
    households: { name: string; incomeFen: number }[];
    products: { title: string }[];
    sessions: { gmvFen: number; orders: number; peakViewers: number | null }[];
  } | null;
};

describe("reports page", () => {
  it("shows this year by month by default, with the previous year beside it", async () => {
    const answer = await page("");
    expect(answer.status).toBe(200);
    const body = answer.body as PageData;
    expect(body.range).toEqual({ from: `${year}-01-01`, to: `${year}-12-31`, group: "month" });
    expect(body.report!.periods.map((p) => p.label)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`),
    );
    const { current, previous, previousRange } = body.report!.totals;
    expect(current.orders).toBe(2);
    expect(current.refundsFen).toBeGreaterThan(0);
    expect(current.netFen).toBe(current.grossFen - current.refundsFen);
    expect(previous.orders).toBe(0);
    expect(previousRange).toEqual({ from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` });
    expect(body.report!.sessions).toHaveLength(1);
    expect(body.report!.sessions[0]).toMatchObject({ orders: 1, peakViewers: null });
    expect(body.report!.products).toHaveLength(2);
    expect(body.report!.households.reduce((sum, h) => sum + h.incomeFen, 0)).toBe(current.householdFen);
  });

  it("reports per day over a chosen range", async () => {
    const answer = await page(`?from=${today}&to=${today}&group=day`);
    expect(answer.status).toBe(200);
    const body = answer.body as PageData;
    expect(body.report!.periods.map((p) => p.label)).toEqual([today]);
    expect(body.report!.periods[0].orders).toBe(2);
  });

  it("answers bad input with field errors and a 400, never a 500", async () => {
    expectFieldErrors(await page("?from=2026-02-30&to=2026-03-01&group=day"), 400, { from: "dash.reports.errors.from" });
    expectFieldErrors(await page("?from=yesterday&to=2026-03-01"), 400, { from: "dash.reports.errors.from" });
    expectFieldErrors(await page("?from=2026-03-02&to=2026-03-01&group=day"), 400, { to: "dash.reports.errors.order" });
    expectFieldErrors(await page("?from=2025-01-01&to=2026-01-02&group=day"), 400, { to: "dash.reports.errors.tooLong.day" });
    expectFieldErrors(await page("?from=2020-01-01&to=2099-12-31&group=month"), 400, { to: "dash.reports.errors.tooLong.month" });
    expectFieldErrors(await page("?group=week"), 400, { group: "dash.reports.errors.group" });
    expectFieldErrors(await page("?from=2026-01-01%00"), 400, { from: "form.errors.unstorable" });
    expect((await page("?from=2025-01-01&to=2025-12-31&group=day")).status).toBe(200);
  });

  it("is a 404 for another cooperative's admin and sends a signed-out visitor to sign in", async () => {
    expect((await page("", otherAdmin)).status).toBe(404);
    const signedOut = await page("", null);
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toMatch(/^\/login\?redirectTo=/);
  });
});

/** The body as it was sent: Response.text() would drop the BOM. */
const bodyOf = async (answer: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await answer.arrayBuffer());
const csvRows = (text: string) => text.slice(1).split("\r\n").slice(0, -1);

describe("income.csv", () => {
  it("is a UTF-8 CSV download with a BOM, CRLF and yuan amounts whose parts add up to the net", async () => {
    const answer = await csv("income", `?from=${year}-01-01&to=${year}-12-31&group=month`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("text/csv; charset=utf-8; header=present");
    expect(answer.headers.get("Content-Disposition")).toBe(
      `attachment; filename="income_liujiawobao_${year}-01-01_${year}-12-31_month.csv"`,
    );
    expect(answer.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await answer.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await bodyOf(answer);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const [header, ...rows] = csvRows(text);
    expect(header).toBe("period,orders,gross_sales,refunds,net_sales,household_income,collective_income,streamer_commission,platform_fee");
    expect(rows).toHaveLength(12);
    let orders = 0;
    for (const row of rows) {
      const [period, count, ...amounts] = row.split(",");
      expect(period).toMatch(new RegExp(`^${year}-\\d{2}$`));
      orders += Number(count);
      for (const a of amounts) expect(a).toMatch(/^-?\d+\.\d{2}$/);
      const [gross, refunds, net, ...parts] = amounts.map((a) => parseYuan(a)!);
      expect(net).toBe(gross - refunds);
      expect(parts.reduce((sum, p) => sum + p, 0)).toBe(net);
    }
    expect(orders).toBe(2);
  });

  it("refuses bad input with a 400 and a message in the request's language", async () => {
    const bad = await csv("income", "?from=2026-03-02&to=2026-03-01&group=day", admin, "liujiawobao", "en");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await bad.text()).toBe("This report cannot be exported: The end date is before the start date.");
    const zh = await csv("income", "?group=hour");
    expect(zh.status).toBe(400);
    expect(await zh.text()).toContain("请选择按日、按月或按年");
  });

  it("is a 404 for another cooperative's admin", async () => {
    const answer = await csv("income", "", otherAdmin);
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain("period");
  });
});

describe("households.csv", () => {
  it("lists every household with orders and net income in yuan, Chinese names intact", async () => {
    const answer = await csv("households", `?from=${today}&to=${today}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Disposition")).toBe(`attachment; filename="households_liujiawobao_${today}_${today}.csv"`);
    const text = await bodyOf(answer);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = csvRows(text);
    expect(header).toBe("household,orders,net_income");
    const { rows: households } = await t.db.query<{ name_zh: string }>("select name_zh from public.households where cooperative_id = $1", [
      ids.cooperative("liujiawobao"),
    ]);
    expect(rows).toHaveLength(households.length);
    expect(rows.map((r) => r.split(",")[0]).sort()).toEqual(households.map((h) => h.name_zh).sort());
    const shown = (await page(`?from=${today}&to=${today}`)).body as PageData;
    const total = rows.reduce((sum, r) => sum + parseYuan(r.split(",")[2])!, 0);
    expect(total).toBe(shown.report!.totals.current.householdFen);
    expect(total).toBeGreaterThan(0);
  });

  it("refuses bad input with a 400 and is a 404 for another cooperative's admin", async () => {
    expect((await csv("households", "?from=2026-13-01")).status).toBe(400);
    expect((await csv("households", "?from=2026-03-02&to=2026-03-01")).status).toBe(400);
    expect((await csv("households", "", otherAdmin)).status).toBe(404);
    expect((await csv("households", "", admin, "no-such-coop")).status).toBe(404);
  });
});
