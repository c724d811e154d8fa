import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { requestScope } from "~/http/request-scope.server";
import { landingPathFor } from "~/http/landing.server";
import { getViewer } from "~/models/user.server";
import { loader as dashboardIndexLoader } from "~/routes/dashboard._index";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { loader as studioLoader } from "~/routes/studio._index";
import { ids } from "~/seed/seed.server";
import { request, settle } from "../support/route-call";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Issue 7 item 13: where each role lands after signing in, and the /dashboard index and
// /studio pages each role may (or may not) open.
let t: TestDatabase;
let context: AppContext;
const cookies: Record<string, string> = {};
const CONSUMER = { email: `consumer-${Date.now().toString(36)}@example.com`, password: "long-enough-password", displayName: "Li Na" };

beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  const signedUp = await settle(() =>
    signupAction({ request: request("/signup", null, { ...CONSUMER, redirectTo: "" }), params: {}, context }),
  );
  expect(signedUp).toMatchObject({ status: 302, location: "/account" });
  cookies.consumer = signedUp.headers!.get("Set-Cookie")!.split(";")[0];
  for (const email of ["admin@zhengjia.demo", "admin@platform.demo", "host@daguliu.demo", "host@liujiawobao.demo"]) {
    cookies[email] = await signIn(context, email);
  }
});
afterAll(() => t.destroy());

async function viewerOf(cookie: string) {
  const scope = requestScope(context, request("/", cookie));
  const user = await scope.user();
  return scope.run((tx) => getViewer(tx, user!.id, "en"));
}

const login = (email: string, redirectTo?: string) =>
  settle(() =>
    loginAction({
      request: request("/login", null, { email, password: "harvest-demo", ...(redirectTo === undefined ? {} : { redirectTo }) }),
      params: {},
      context,
    }),
  );

describe("landingPathFor", () => {
  it.each([
    ["admin@zhengjia.demo", "/dashboard/zhengjia"],
    ["admin@platform.demo", "/dashboard"],
    ["host@daguliu.demo", "/studio"],
    ["consumer", "/account"],
  ])("sends %s to %s", async (who, path) => {
    expect(landingPathFor(await viewerOf(cookies[who]))).toBe(path);
  });

  it("sends an admin of several cooperatives to the /dashboard index, and one who also hosts to their dashboard", () => {
    const two = { dashboardPath: "/dashboard", isHost: false };
    expect(landingPathFor(two)).toBe("/dashboard");
    expect(landingPathFor({ dashboardPath: "/dashboard/zhengjia", isHost: true })).toBe("/dashboard/zhengjia");
    expect(landingPathFor(null)).toBe("/account");
  });

  it("gives an admin of two cooperatives the /dashboard index", async () => {
    const admin = (await t.db.query<{ id: string }>("select id from auth.users where email = 'admin@daguliu.demo'")).rows[0].id;
    await t.db.query("insert into public.memberships (user_id, cooperative_id, role) values ($1, $2, 'admin')", [
      admin,
      ids.cooperative("laohutou"),
    ]);
    try {
      const viewer = await viewerOf(await signIn(context, "admin@daguliu.demo"));
      expect(viewer?.dashboardPath).toBe("/dashboard");
      expect(landingPathFor(viewer)).toBe("/dashboard");
    } finally {
      await t.db.query("delete from public.memberships where user_id = $1 and cooperative_id = $2", [admin, ids.cooperative("laohutou")]);
    }
  });
});

describe("signing in", () => {
  it.each([
    ["admin@zhengjia.demo", "/dashboard/zhengjia"],
    ["admin2@zhengjia.demo", "/dashboard/zhengjia"],
    ["admin@platform.demo", "/dashboard"],
    ["host@daguliu.demo", "/studio"],
  ])("lands %s on %s when no page was asked for", async (email, path) => {
    expect(await login(email)).toMatchObject({ status: 302, location: path });
    expect(await login(email, "")).toMatchObject({ status: 302, location: path });
  });

  it("changes identity with a document load, so the page and its header arrive together (item 14)", async () => {
    const signedIn = await login("admin@zhengjia.demo");
    expect(signedIn.headers?.get("X-Remix-Reload-Document")).toBe("true");
    expect(signedIn.headers?.get("Set-Cookie")).toMatch(/^hl_session=/);
    const cookie = signedIn.headers!.get("Set-Cookie")!.split(";")[0];
    const out = await settle(() => logoutAction({ request: request("/logout", cookie, {}), params: {}, context }));
    expect(out).toMatchObject({ status: 302, location: "/" });
    expect(out.headers?.get("X-Remix-Reload-Document")).toBe("true");
    const signedUp = await settle(() =>
      signupAction({
        request: request("/signup", null, {
          email: `doc-${Date.now().toString(36)}@example.com`,
          password: "long-enough-password",
          displayName: "Wu",
        }),
        params: {},
        context,
      }),
    );
    expect(signedUp).toMatchObject({ status: 302, location: "/account" });
    expect(signedUp.headers?.get("X-Remix-Reload-Document")).toBe("true");
  });

  it("keeps a safe redirectTo, and ignores an unsafe one", async () => {
    expect(await login("admin@zhengjia.demo", "/products?q=rice")).toMatchObject({ status: 302, location: "/products?q=rice" });
    expect(await login("host@daguliu.demo", "/account")).toMatchObject({ status: 302, location: "/account" });
    expect(await login("admin@platform.demo", "//evil.example/")).toMatchObject({ status: 302, location: "/dashboard" });
  });

  it("sends a signed-in visitor of /login to their landing page, or the page asked for", async () => {
    const go = (path: string, cookie: string | null) => settle(() => loginLoader({ request: request(path, cookie), params: {}, context }));
    expect(await go("/login", cookies["admin@zhengjia.demo"])).toMatchObject({ status: 302, location: "/dashboard/zhengjia" });
    expect(await go("/login", cookies["host@daguliu.demo"])).toMatchObject({ status: 302, location: "/studio" });
    expect(await go("/login", cookies.consumer)).toMatchObject({ status: 302, location: "/account" });
    expect(await go("/login?redirectTo=/cart", cookies["admin@platform.demo"])).toMatchObject({ status: 302, location: "/cart" });
    expect(await go("/login", null)).toMatchObject({ status: 200, body: { redirectTo: "" } });
    expect(await go("/login?redirectTo=/studio", null)).toMatchObject({ status: 200, body: { redirectTo: "/studio" } });
  });
});

type DashboardIndex = {
  isPlatformAdmin: boolean;
  isAdmin: boolean;
  isHost: boolean;
  coops: { slug: string; productsOnSale: number; paidOrders: number; monthSalesFen: number }[];
};
const dashboardIndex = (cookie: string | null) =>
  settle(() => dashboardIndexLoader({ request: request("/dashboard", cookie), params: {}, context }));

describe("/dashboard", () => {
  it("lists every cooperative for the platform admin, with figures from one query", async () => {
    const page = await dashboardIndex(cookies["admin@platform.demo"]);
    expect(page.status).toBe(200);
    const body = page.body as DashboardIndex;
    const all = (await t.db.query<{ slug: string }>("select slug from public.cooperatives order by slug")).rows.map((r) => r.slug);
    expect(body.isPlatformAdmin).toBe(true);
    expect(body.coops.map((c) => c.slug).sort()).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const coop of body.coops) {
      const { rows } = await t.db.query<{ n: number }>(
        "select count(*)::int as n from public.products p join public.cooperatives c on c.id = p.cooperative_id where c.slug = $1 and p.status = 'active'",
        [coop.slug],
      );
      expect(coop.productsOnSale, coop.slug).toBe(rows[0].n);
    }
  });

  it("counts a paid order in this month's sales of its cooperative", async () => {
    const before = (await dashboardIndex(cookies["admin@zhengjia.demo"])).body as DashboardIndex;
    const buyer = new Shopper(context);
    await buyer.add(ids.product("zhengjia-black-fungus-250g"), 2);
    const orderId = await buyer.placeOrder();
    await buyer.pay(orderId);
    const { rows } = await t.db.query<{ total: number }>(
      "select sum(unit_price_fen * quantity)::int as total from public.order_items where order_id = $1",
      [orderId],
    );
    const after = (await dashboardIndex(cookies["admin@zhengjia.demo"])).body as DashboardIndex;
    expect(after.coops).toHaveLength(1);
    expect(after.coops[0].slug).toBe("zhengjia");
    expect(after.coops[0].paidOrders).toBe(before.coops[0].paidOrders + 1);
    expect(after.coops[0].monthSalesFen).toBe(before.coops[0].monthSalesFen + rows[0].total);
  });

  it("shows a cooperative admin only their cooperative, and a host the way to the studio", async () => {
    expect((await dashboardIndex(cookies["admin@zhengjia.demo"])).body).toMatchObject({
      isPlatformAdmin: false,
      isAdmin: true,
      isHost: false,
    });
    const host = await dashboardIndex(cookies["host@daguliu.demo"]);
    expect(host).toMatchObject({ status: 200, body: { isAdmin: false, isHost: true, coops: [] } });
  });

  it("sends a visitor to sign in, and shows a consumer nothing (404)", async () => {
    expect(await dashboardIndex(null)).toMatchObject({ status: 302, location: "/login?redirectTo=/dashboard" });
    expect((await dashboardIndex(cookies.consumer)).status).toBe(404);
  });
});

type Studio = {
  hostFor: string[];
  adminOf: string[];
  sessions: Record<"live" | "upcoming" | "past" | "cancelled", { id: string; status: string; scheduledStart: string }[]>;
};
const studio = (cookie: string | null) => settle(() => studioLoader({ request: request("/studio", cookie), params: {}, context }));

describe("/studio", () => {
  it("lists the host's own sessions, grouped, and never their stream key", async () => {
    for (const email of ["host@daguliu.demo", "host@liujiawobao.demo"]) {
      const page = await studio(cookies[email]);
      expect(page.status).toBe(200);
      const body = page.body as Studio;
      const { rows } = await t.db.query<{ id: string; status: string }>(
        "select s.id, s.status from public.live_sessions s join auth.users u on u.id = s.host_user_id where u.email = $1",
        [email],
      );
      const listed = [...body.sessions.live, ...body.sessions.upcoming, ...body.sessions.past, ...body.sessions.cancelled];
      expect(listed.map((s) => s.id).sort()).toEqual(rows.map((r) => r.id).sort());
      expect(rows.length).toBeGreaterThan(0);
      for (const s of body.sessions.live) expect(s.status).toBe("live");
      for (const s of body.sessions.upcoming) expect(s.status).toBe("scheduled");
      const starts = body.sessions.upcoming.map((s) => s.scheduledStart);
      expect(starts).toEqual([...starts].sort());
      const keys = await t.db.query<{ stream_key: string }>(
        "select k.stream_key from public.live_session_secrets k where k.session_id = any($1::uuid[])",
        [rows.map((r) => r.id)],
      );
      for (const k of keys.rows) expect(JSON.stringify(body)).not.toContain(k.stream_key);
    }
  });

  it("shows a host's cancelled session to them too, and nobody else's sessions", async () => {
    const host = (await t.db.query<{ id: string }>("select id from auth.users where email = 'host@daguliu.demo'")).rows[0].id;
    const { rows } = await t.db.query<{ id: string }>(
      `insert into public.live_sessions (cooperative_id, host_user_id, title_zh, title_en, status, scheduled_start)
       values ($1, $2, '取消的场次', 'A cancelled session', 'cancelled', now() + interval '2 days') returning id`,
      [ids.cooperative("daguliu"), host],
    );
    const daguliu = (await studio(cookies["host@daguliu.demo"])).body as Studio;
    expect(daguliu.sessions.cancelled.map((s) => s.id)).toEqual([rows[0].id]);
    const other = (await studio(cookies["host@liujiawobao.demo"])).body as Studio;
    expect(JSON.stringify(other)).not.toContain(rows[0].id);
  });

  it("lists a cooperative admin every session of their cooperative, as admin", async () => {
    const page = await studio(cookies["admin@zhengjia.demo"]);
    expect(page.status).toBe(200);
    const body = page.body as Studio;
    const listed = [...body.sessions.live, ...body.sessions.upcoming, ...body.sessions.past, ...body.sessions.cancelled];
    const { rows } = await t.db.query<{ id: string }>("select id from public.live_sessions where cooperative_id = $1", [
      ids.cooperative("zhengjia"),
    ]);
    expect(listed.map((s) => s.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(listed.every((s) => (s as { mine?: boolean }).mine === false)).toBe(true);
    expect(body.hostFor).toEqual([]);
    expect(body.adminOf.length).toBe(1);
  });

  it("sends a visitor to sign in, and gives anyone who runs no session a 404", async () => {
    expect(await studio(null)).toMatchObject({ status: 302, location: "/login?redirectTo=/studio" });
    expect((await studio(cookies.consumer)).status).toBe(404);
    expect((await studio(cookies["admin@platform.demo"])).status).toBe(404);
  });
});
