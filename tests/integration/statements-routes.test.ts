import { createRemixStub } from "@remix-run/testing";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { AppContext } from "~/context.server";
import { withRole } from "~/db/request-role.server";
import { shanghaiDay } from "~/domain/report-period";
import { listIncomePeriods } from "~/models/dashboard/income-report.server";
import { listPayeeBalances, recordPayout } from "~/models/payout.server";
import { loader as disclosureCsvLoader } from "~/routes/coops.$slug_.disclosure[.]csv";
import DisclosurePage, { loader as disclosureLoader } from "~/routes/coops.$slug_.disclosure";
import { loader as householdStatementLoader } from "~/routes/dashboard.$coopSlug.households_.$id.statement";
import { loader as streamerStatementLoader } from "~/routes/dashboard.$coopSlug.payouts_.streamers.$userId.statement";
import { action as reportsAction } from "~/routes/dashboard.$coopSlug.reports._index";
import { loader as myStatementLoader } from "~/routes/studio.statement";
import { ids } from "~/seed/seed.server";
import remixConfig from "../../remix.config.js";
import { expectFieldErrors } from "../support/form-reply";
import { request, settle } from "../support/route-call";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Statements and the disclosure through the real routes: who gets what (a 404 for any other
// cooperative, a host's own statement only), bad input (field errors / 400, never a 500),
// and the disclosure: 404 until switched on by the cooperative's admin (in the database),
// then aggregates only — no household's name and no buyer in its HTML or CSV.
let t: TestDatabase;
let context: AppContext;
let admin: string;
let otherAdmin: string;
let host: string;
const COOP = ids.cooperative("liujiawobao");
const HOST = ids.user("host@liujiawobao.demo");
const today = shanghaiDay(new Date());
let householdId: string;
let householdNames: string[];
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  [admin, otherAdmin, host] = await Promise.all(
    ["admin@liujiawobao.demo", "admin@zhengjia.demo", "host@liujiawobao.demo"].map((email) => signIn(context, email)),
  );
  const product = (
    await t.db.query<{ id: string; household_id: string }>(
      "select id, household_id from public.products where cooperative_id = $1 and household_id is not null and status = 'active' order by slug limit 1",
      [COOP],
    )
  ).rows[0];
  householdId = product.household_id;
  householdNames = (
    await t.db.query<{ name_zh: string; name_en: string; head_name_zh: string; head_name_en: string }>(
      "select name_zh, name_en, head_name_zh, head_name_en from public.households where cooperative_id = $1",
      [COOP],
    )
  ).rows.flatMap((h) => [h.name_zh, h.name_en, h.head_name_zh, h.head_name_en]);
  const shopper = new Shopper(context);
  await shopper.add(product.id, 2, ids.session("liujiawobao-autumn-harvest-live"));
  const orderId = await shopper.placeOrder();
  await shopper.pay(orderId);
  const balances = await withRole(t.db, { role: "authenticated", userId: ids.user("admin@liujiawobao.demo") }, (tx) =>
    listPayeeBalances(tx, COOP, "zh-CN"),
  );
  const household = balances.find((b) => b.householdId === householdId)!;
  const paid = await withRole(t.db, { role: "authenticated", userId: ids.user("admin@liujiawobao.demo") }, (tx) =>
    recordPayout(tx, {
      idempotencyKey: crypto.randomUUID(),
      cooperativeId: COOP,
      accountId: household.accountId!,
      amountFen: 100,
      method: "bank",
      note: "回单 8812",
      paidOn: today,
    }),
  );
  expect(paid.ok).toBe(true);
});
afterAll(() => t.destroy());

const get = (path: string, cookie: string | null) =>
  new Request(`http://localhost${path}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), "Accept-Language": "zh-CN" } });
const householdStatement = (id: string, query = "", cookie: string | null = admin, slug = "liujiawobao") =>
  settle(() =>
    householdStatementLoader({
      request: get(`/dashboard/${slug}/households/${id}/statement${query}`, cookie),
      params: { coopSlug: slug, id },
      context,
    }),
  );
const streamerStatement = (userId: string, cookie: string | null = admin, slug = "liujiawobao") =>
  settle(() =>
    streamerStatementLoader({
      request: get(`/dashboard/${slug}/payouts/streamers/${userId}/statement`, cookie),
      params: { coopSlug: slug, userId },
      context,
    }),
  );

type Summary = { openingFen: number; earnedFen: number; paidFen: number; closingFen: number };

describe("household statement", () => {
  it("shows the household's sales, payouts (with the receipt note) and balance", async () => {
    const answer = await householdStatement(householdId, `?from=${today}&to=${today}`);
    expect(answer.status).toBe(200);
    const body = answer.body as {
      statement: { summary: Summary; lines: { kind: string }[]; payouts: { method: string; note: string; amountFen: number }[] };
    };
    expect(body.statement.summary.earnedFen).toBeGreaterThan(0);
    expect(body.statement.lines.map((l) => l.kind)).toContain("payment");
    expect(body.statement.payouts).toEqual([expect.objectContaining({ method: "bank", note: "回单 8812", amountFen: 100 })]);
    const s = body.statement.summary;
    expect(s.closingFen).toBe(s.openingFen + s.earnedFen - s.paidFen);
  });

  it("is a 404 for another cooperative's admin, another cooperative's household and an id that is not one", async () => {
    expect((await householdStatement(householdId, "", otherAdmin)).status).toBe(404);
    expect((await householdStatement(householdId, "", otherAdmin, "zhengjia")).status).toBe(404);
    const zhengjiaHousehold = (
      await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 limit 1", [ids.cooperative("zhengjia")])
    ).rows[0].id;
    expect((await householdStatement(zhengjiaHousehold)).status).toBe(404);
    expect((await householdStatement("not-a-uuid")).status).toBe(404);
    expect((await householdStatement(householdId, "", host)).status).toBe(404);
    expect((await householdStatement(householdId, "", null)).status).toBe(302);
  });

  it("answers a bad range with field errors and a 400, never a 500", async () => {
    expectFieldErrors(await householdStatement(householdId, "?from=2026-02-30"), 400, { from: "dash.reports.errors.from" });
    expectFieldErrors(await householdStatement(householdId, "?from=2026-03-02&to=2026-03-01"), 400, { to: "dash.reports.errors.order" });
    expectFieldErrors(await householdStatement(householdId, "?to=2026-01-01%00"), 400, { to: "form.errors.unstorable" });
  });
});

describe("streamer statement", () => {
  it("shows the cooperative's admins the host's commission per live session", async () => {
    const answer = await streamerStatement(HOST);
    expect(answer.status).toBe(200);
    const body = answer.body as { statement: { summary: Summary; sessions: { sessionId: string | null; earnedFen: number }[] } };
    expect(body.statement.sessions).toEqual([expect.objectContaining({ sessionId: ids.session("liujiawobao-autumn-harvest-live") })]);
    expect(body.statement.sessions[0].earnedFen).toBe(body.statement.summary.earnedFen);
  });

  it("is a 404 for another cooperative's admin and for someone who does not stream here", async () => {
    expect((await streamerStatement(HOST, otherAdmin)).status).toBe(404);
    expect((await streamerStatement(HOST, otherAdmin, "zhengjia")).status).toBe(404);
    expect((await streamerStatement(ids.user("admin@zhengjia.demo"))).status).toBe(404);
    expect((await streamerStatement("nope")).status).toBe(404);
  });

  it("shows the host their own statement at /studio/statement, and bad input a 400", async () => {
    const mine = (query: string, cookie: string | null) =>
      settle(() => myStatementLoader({ request: get(`/studio/statement${query}`, cookie), params: {}, context }));
    const answer = await mine(`?from=${today}&to=${today}`, host);
    expect(answer.status).toBe(200);
    const byAdmin = (await streamerStatement(HOST)).body as { statement: { summary: Summary } };
    expect((answer.body as { statement: { summary: Summary } }).statement.summary.earnedFen).toBe(byAdmin.statement.summary.earnedFen);
    // another host's own page has none of this host's commission
    const other = await mine(`?from=${today}&to=${today}`, await signIn(context, "host@zhengjia.demo"));
    expect((other.body as { statement: { summary: Summary } }).statement.summary.earnedFen).toBe(0);
    expectFieldErrors(await mine("?from=someday", host), 400, { from: "dash.reports.errors.from" });
    expect((await mine("", null)).status).toBe(302);
  });
});

describe("public income disclosure", () => {
  const page = () =>
    settle(() => disclosureLoader({ request: get("/coops/liujiawobao/disclosure", null), params: { slug: "liujiawobao" }, context }));
  const csv = async () => {
    try {
      return await disclosureCsvLoader({
        request: get("/coops/liujiawobao/disclosure.csv", null),
        params: { slug: "liujiawobao" },
        context,
      });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };
  const toggle = (cookie: string, enabled: string, slug = "liujiawobao") =>
    settle(() =>
      reportsAction({
        request: request(`/dashboard/${slug}/reports?index&group=month`, cookie, { intent: "disclosure", enabled }),
        params: { coopSlug: slug },
        context,
      }),
    );

  it("is a 404, page and CSV, until the cooperative's admin turns it on; only they can", async () => {
    expect((await page()).status).toBe(404);
    expect((await csv()).status).toBe(404);
    // another cooperative's admin: the guard's 404; calling the function directly: refused by the database
    expect((await toggle(otherAdmin, "on")).status).toBe(404);
    await expect(
      withRole(t.db, { role: "authenticated", userId: ids.user("admin@zhengjia.demo") }, (tx) =>
        tx.query("select public.set_income_disclosure($1, true)", [COOP]),
      ),
    ).rejects.toThrow(/not an admin/);
    await expect(
      withRole(t.db, { role: "anon" }, (tx) => tx.query("select public.set_income_disclosure($1, true)", [COOP])),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withRole(t.db, { role: "authenticated", userId: HOST }, (tx) => tx.query("update public.cooperatives set disclosure_enabled = true")),
    ).rejects.toThrow(/permission denied/);
    expect((await page()).status).toBe(404);
    // bad input: a 400, never a 500
    expect((await toggle(admin, "maybe")).status).toBe(400);
  });

  it("when on, shows only aggregates that match the report, and no household or buyer", async () => {
    onTestFinished(() => t.db.query("update public.cooperatives set disclosure_enabled = false").then(() => undefined));
    const on = await toggle(admin, "on");
    expect(on).toMatchObject({ status: 302, location: "/dashboard/liujiawobao/reports?group=month" });
    const answer = await page();
    expect(answer.status).toBe(200);
    const body = answer.body as { years: { year: number; netFen: number; paidToHouseholdsFen: number; householdsPaid: number }[] };
    const year = body.years.find((y) => y.year === Number(today.slice(0, 4)))!;
    const [reportYear] = await withRole(t.db, { role: "authenticated", userId: ids.user("admin@liujiawobao.demo") }, (tx) =>
      listIncomePeriods(tx, COOP, { from: `${year.year}-01-01`, to: `${year.year}-12-31` }, "year"),
    );
    expect(year.netFen).toBe(reportYear.netFen);
    expect(year.paidToHouseholdsFen).toBe(100);
    expect(year.householdsPaid).toBe(1);

    const html = renderToString(
      createElement(
        createRemixStub([
          {
            id: "root",
            path: "/",
            loader: () => ({ locale: "zh-CN" }),
            children: [{ id: "page", index: true, Component: DisclosurePage }],
          },
        ]),
        {
          initialEntries: ["/"],
          future: remixConfig.future,
          hydrationData: { loaderData: { root: { locale: "zh-CN" }, page: answer.body } },
        },
      ),
    );
    const file = await csv();
    expect(file.status).toBe(200);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await file.arrayBuffer());
    expect(text.startsWith("\uFEFFperiod,net_sales,collective_income,household_income,paid_to_households,households_paid\r\n")).toBe(true);
    expect(text).toContain(`\r\n${year.year},`);
    expect(html).toContain("电商收入");
    expect(html).toContain(`${year.year} 年`);
    expect(html).toMatch(/¥\s?[\d,]+\.\d{2}/);
    for (const leak of [...householdNames, "王小明", "138 0013 8000", "13800138000", "回单 8812"]) {
      expect(html, leak).not.toContain(leak);
      expect(text, leak).not.toContain(leak);
      expect(JSON.stringify(answer.body), leak).not.toContain(leak);
    }
    // and off again
    expect((await toggle(admin, "off")).status).toBe(302);
    expect((await page()).status).toBe(404);
  });
});
