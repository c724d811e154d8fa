import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { AppContext } from "~/context.server";
import { timedDatabase } from "~/db/timed-database.server";
import { currentRequest, runInRequestContext } from "~/observability/request-context.server";
import { loader as rootLoader } from "~/root";
import { loader as homeLoader } from "~/routes/_index";
import { loader as coopLoader } from "~/routes/coops.$slug";
import { loader as disclosureLoader } from "~/routes/coops.$slug_.disclosure";
import { loader as dashboardLayoutLoader } from "~/routes/dashboard.$coopSlug";
import { loader as dashboardIndexLoader } from "~/routes/dashboard._index";
import { loader as platformCsvLoader } from "~/routes/dashboard.income[.]csv";
import { loader as dashboardHomeLoader } from "~/routes/dashboard.$coopSlug._index";
import { loader as householdStatementLoader } from "~/routes/dashboard.$coopSlug.households_.$id.statement";
import { loader as payoutsLoader } from "~/routes/dashboard.$coopSlug.payouts";
import { loader as streamerStatementLoader } from "~/routes/dashboard.$coopSlug.payouts_.streamers.$userId.statement";
import { loader as incomeCsvLoader } from "~/routes/dashboard.$coopSlug.reports.income[.]csv";
import { loader as reportsLoader } from "~/routes/dashboard.$coopSlug.reports._index";
import { loader as splitsLoader } from "~/routes/dashboard.$coopSlug.splits";
import { loader as liveLoader } from "~/routes/live.$sessionId";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as productsLoader } from "~/routes/products._index";
import { loader as studioLoader } from "~/routes/studio.$sessionId";
import { loader as studioIndexLoader } from "~/routes/studio._index";
import { loader as studioPanelLoader } from "~/routes/studio.$sessionId.panel";
import { loader as myStatementLoader } from "~/routes/studio.statement";
import { ids } from "~/seed/seed.server";
import { settle } from "../support/route-call";
import { VISITOR_COOKIE } from "~/http/visitor.server";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// How many statements each page costs, per role: every loader of the page runs together
// in one request context, as Remix runs them, on the measured data port. The budgets are
// today's counts, so an N+1 query or a guard that runs twice fails here, not in production.
// Signed in costs 4 more on every page: the session lookup (2) and the header's one
// statement for cart count and viewer (2, with the claims), each once per request.
let t: TestDatabase;
let context: AppContext;
let admin: string;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(timedDatabase(t.db));
  admin = await signIn(context, "admin@zhengjia.demo");
});
afterAll(() => t.destroy());

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

async function statementsFor(path: string, cookie: string | null, loaders: Loader[], params: Record<string, string> = {}) {
  return runInRequestContext(`budget:${path}`, async () => {
    const args = () => ({
      request: new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} }),
      params,
      context,
    });
    const results = await Promise.all(loaders.map((loader) => settle(() => loader(args()))));
    expect(results.map((r) => r.status)).toEqual(loaders.map(() => 200));
    return currentRequest()!.dbStatements;
  });
}

const session = ids.session("liujiawobao-autumn-harvest-live");
const pages: { name: string; path: string; loaders: Loader[]; params?: Record<string, string>; anonymous: number; signedIn: number }[] = [
  { name: "home", path: "/", loaders: [rootLoader, homeLoader], anonymous: 6, signedIn: 10 },
  { name: "catalogue", path: "/products", loaders: [rootLoader, productsLoader], anonymous: 4, signedIn: 8 },
  {
    name: "product",
    path: "/products/zhengjia-black-fungus-250g",
    loaders: [rootLoader, productLoader],
    params: { slug: "zhengjia-black-fungus-250g" },
    anonymous: 2,
    signedIn: 6,
  },
  {
    name: "cooperative",
    path: "/coops/zhengjia",
    loaders: [rootLoader, coopLoader],
    params: { slug: "zhengjia" },
    anonymous: 5,
    signedIn: 9,
  },
  {
    name: "live session",
    path: `/live/${session}`,
    loaders: [rootLoader, liveLoader],
    params: { sessionId: session },
    // session, its products, the newest event id the live stream resumes from, the flash sale
    // running, the chat (signed in: and whether this viewer moderates or is muted)
    anonymous: 6,
    signedIn: 11,
  },
];

describe("statements per page", () => {
  it.each(pages)("$name: at most $anonymous anonymous, $signedIn signed in", async (page) => {
    expect(await statementsFor(page.path, null, page.loaders, page.params)).toBeLessThanOrEqual(page.anonymous);
    expect(await statementsFor(page.path, admin, page.loaders, page.params)).toBeLessThanOrEqual(page.signedIn);
  });

  it("a guest with a cart gets the header (cart count, no viewer) in the same budget as anyone", async () => {
    const guest = new Shopper(context);
    await guest.add(ids.product("zhengjia-black-fungus-250g"), 2);
    const cookie = `${VISITOR_COOKIE}=${guest.token}`;
    expect(
      await statementsFor("/products/zhengjia-black-fungus-250g", cookie, [rootLoader, productLoader], {
        slug: "zhengjia-black-fungus-250g",
      }),
    ).toBeLessThanOrEqual(4);
    const root = await settle(() =>
      rootLoader({ request: new Request("http://localhost/", { headers: { Cookie: cookie } }), params: {}, context }),
    );
    expect(root.body).toMatchObject({ cartCount: 2, viewer: null });
  });

  it("the cooperative dashboard resolves who is asking and guards once for all its loaders", async () => {
    const params = { coopSlug: "zhengjia" };
    const splits = await statementsFor("/dashboard/zhengjia/splits", admin, [rootLoader, dashboardLayoutLoader, splitsLoader], params);
    const overview = await statementsFor("/dashboard/zhengjia", admin, [rootLoader, dashboardLayoutLoader, dashboardHomeLoader], params);
    // sign-in lookup 2, header 2, guard 2 (once, not per loader), the page's own reads
    expect(splits).toBeLessThanOrEqual(9);
    expect(overview).toBeLessThanOrEqual(8);
    // sign-in lookup 2, header 2, guard 2, then the role, every payee's balance (one set-based statement) and the payouts
    const payouts = await statementsFor("/dashboard/zhengjia/payouts", admin, [rootLoader, dashboardLayoutLoader, payoutsLoader], params);
    expect(payouts).toBeLessThanOrEqual(9);
  });

  it("the income report costs one statement per figure group, however many periods it shows", async () => {
    const params = { coopSlug: "zhengjia" };
    const report = (query: string) =>
      statementsFor(`/dashboard/zhengjia/reports${query}`, admin, [rootLoader, dashboardLayoutLoader, reportsLoader], params);
    // sign-in lookup 2, header 2, guard 2, then the role, periods, totals, households, products, sessions
    const byMonth = await report("");
    expect(byMonth).toBeLessThanOrEqual(12);
    expect(await report("?from=2026-01-01&to=2026-12-31&group=day")).toBe(byMonth);
    // the CSV: sign-in lookup 2, guard 2, the role and its one statement
    expect(await statementsFor("/dashboard/zhengjia/reports/income.csv?group=day", admin, [incomeCsvLoader], params)).toBeLessThanOrEqual(
      6,
    );
  });

  it("the platform overview reads every cooperative's income in one statement", async () => {
    const platform = await signIn(context, "admin@platform.demo");
    // sign-in lookup 2, header 2, then the role, viewer, cooperatives and one statement for all cooperatives' income
    const page = await statementsFor("/dashboard?from=2026-01-01&to=2026-12-31", platform, [rootLoader, dashboardIndexLoader]);
    expect(page).toBeLessThanOrEqual(8);
    // the CSV: sign-in lookup 2, the role and viewer, the role and its one statement
    expect(await statementsFor("/dashboard/income.csv", platform, [platformCsvLoader])).toBeLessThanOrEqual(6);
  });

  it("the studio's front page reads a streamer's sessions and own earnings in one transaction", async () => {
    const host = await signIn(context, "host@liujiawobao.demo");
    const page = await statementsFor("/studio", host, [rootLoader, studioIndexLoader]);
    // sign-in lookup 2, header 2, then the role, viewer, sessions, and the earnings (balances, payouts)
    expect(page).toBeLessThanOrEqual(9);
  });

  it("a live session's studio reads the session, its key and the panel in one transaction; the panel refresh costs one call", async () => {
    const host = await signIn(context, "host@liujiawobao.demo");
    const params = { sessionId: session };
    const page = await statementsFor(`/studio/${session}`, host, [rootLoader, studioLoader], params);
    const panel = await statementsFor(`/studio/${session}/panel`, host, [studioPanelLoader], params);
    // sign-in lookup 2, header 2, the studio's transaction (role, session + key + products, panel, flash sale)
    expect(page).toBeLessThanOrEqual(8);
    // sign-in lookup 2, then the role and studio_session_stats
    expect(panel).toBeLessThanOrEqual(4);
  });

  it("a statement reads its payee and figures in one transaction, whatever the period", async () => {
    const params = { coopSlug: "zhengjia" };
    const household = (
      await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 limit 1", [ids.cooperative("zhengjia")])
    ).rows[0].id;
    const householdPage = (query: string) =>
      statementsFor(
        `/dashboard/zhengjia/households/${household}/statement${query}`,
        admin,
        [rootLoader, dashboardLayoutLoader, householdStatementLoader],
        {
          ...params,
          id: household,
        },
      );
    // sign-in lookup 2, header 2, guard 2, then the role, household, summary, lines, payouts
    const month = await householdPage("?from=2026-03-01&to=2026-03-31");
    expect(month).toBeLessThanOrEqual(11);
    expect(await householdPage("?from=2020-01-01&to=2026-12-31")).toBe(month);
    const streamer = ids.user("host@zhengjia.demo");
    // sign-in lookup 2, header 2, guard 2, then the role, streamer, summary, sessions, payouts
    expect(
      await statementsFor(
        `/dashboard/zhengjia/payouts/streamers/${streamer}/statement`,
        admin,
        [rootLoader, dashboardLayoutLoader, streamerStatementLoader],
        {
          ...params,
          userId: streamer,
        },
      ),
    ).toBeLessThanOrEqual(11);
    const host = await signIn(context, "host@zhengjia.demo");
    // sign-in lookup 2, header 2, then the role, summary, sessions, payouts
    expect(await statementsFor("/studio/statement", host, [rootLoader, myStatementLoader])).toBeLessThanOrEqual(8);
  });

  it("the public disclosure is one lookup and one aggregate call", async () => {
    await t.db.query("update public.cooperatives set disclosure_enabled = true where slug = 'zhengjia'");
    onTestFinished(() =>
      t.db.query("update public.cooperatives set disclosure_enabled = false where slug = 'zhengjia'").then(() => undefined),
    );
    // the role, the cooperative, the disclosure
    expect(await statementsFor("/coops/zhengjia/disclosure", null, [disclosureLoader], { slug: "zhengjia" })).toBeLessThanOrEqual(3);
  });
});
