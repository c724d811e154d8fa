import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { asServiceRole } from "~/db/request-role.server";
import { loader as rootLoader } from "~/root";
import { loader as coopLoader } from "~/routes/coops.$slug";
import { loader as dashboardLayoutLoader } from "~/routes/dashboard.$coopSlug";
import { loader as liveLoader } from "~/routes/live.$sessionId";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as productsLoader } from "~/routes/products._index";
import { action as studioAction, loader as studioLoader } from "~/routes/studio.$sessionId";
import { loader as panelLoader } from "~/routes/studio.$sessionId.panel";
import { action as newAction, loader as newLoader } from "~/routes/studio.new";
import { action as onPublish, loader as onPublishGet } from "~/routes/studio.rtmp.on-publish";
import { loader as homeLoader } from "~/routes/_index";
import { ids } from "~/seed/seed.server";
import { fieldErrorsOf } from "../support/form-reply";
import { request, settle } from "../support/route-call";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Issue 9, item 6: /studio/:sessionId for its host and its cooperative's admins only (404 for
// everyone else, sign-in first for a visitor), its one action, /studio/new, the panel
// refresh, the RTMP on_publish callback, and the stream key in no public page's data.

const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const SCHEDULED = ids.session("daguliu-new-rice-evening");
const EMAILS = ["host@liujiawobao.demo", "admin@liujiawobao.demo", "admin@zhengjia.demo", "host@daguliu.demo", "admin@platform.demo"];

let t: TestDatabase;
let context: AppContext;
const cookies: Record<string, string> = {};
const keyOf = async (id: string) =>
  (
    await asServiceRole(t.db, (tx) =>
      tx.query<{ k: string }>("select stream_key as k from public.live_session_secrets where session_id = $1", [id]),
    )
  ).rows[0].k;
const allKeys = async () =>
  (await asServiceRole(t.db, (tx) => tx.query<{ k: string }>("select stream_key as k from public.live_session_secrets"))).rows.map(
    (r) => r.k,
  );

const page = (id: string, cookie: string | null) =>
  settle(() => studioLoader({ request: request(`/studio/${id}`, cookie), params: { sessionId: id }, context }));
const act = (id: string, cookie: string | null, form: Record<string, string>) =>
  settle(() => studioAction({ request: request(`/studio/${id}`, cookie, form), params: { sessionId: id }, context }));
const publish = (fields: Record<string, string>) =>
  onPublish({
    request: new Request("http://localhost/studio/rtmp/on-publish", { method: "POST", body: new URLSearchParams(fields) }),
    params: {},
    context,
  });

beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  for (const email of EMAILS) cookies[email] = await signIn(context, email);
});
afterAll(() => t?.destroy());

type StudioPage = {
  session: { id: string; status: string; streamKey: string | null; mine: boolean; products: { id: string }[] };
  ingestUrl: string;
};

describe("/studio/:sessionId", () => {
  it("sends a visitor to sign in and back", async () => {
    expect(await page(LIVE, null)).toMatchObject({ status: 302, location: `/login?redirectTo=${encodeURIComponent(`/studio/${LIVE}`)}` });
    expect(await act(LIVE, null, { intent: "unpin" })).toMatchObject({ status: 302 });
  });

  it("shows the host and the cooperative's admins the session with its ingest URL and stream key", async () => {
    for (const [email, mine] of [
      ["host@liujiawobao.demo", true],
      ["admin@liujiawobao.demo", false],
    ] as const) {
      const answer = await page(LIVE, cookies[email]);
      expect(answer.status).toBe(200);
      const body = answer.body as StudioPage;
      expect(body.session).toMatchObject({ id: LIVE, status: "live", mine, streamKey: await keyOf(LIVE) });
      expect(body.ingestUrl).toBe("rtmp://127.0.0.1:1935/live");
    }
  });

  it.each(["admin@zhengjia.demo", "host@daguliu.demo", "admin@platform.demo"])("is a 404 for %s, and so is every action", async (email) => {
    expect((await page(LIVE, cookies[email])).status).toBe(404);
    for (const intent of ["go-live", "end", "unpin", "rotate-key"]) expect((await act(LIVE, cookies[email], { intent })).status).toBe(404);
    expect(
      (await settle(() => panelLoader({ request: request(`/studio/${LIVE}/panel`, cookies[email]), params: { sessionId: LIVE }, context })))
        .status,
    ).toBe(404);
  });

  it("is a 404 for a malformed or unknown id", async () => {
    expect((await page("not-a-uuid", cookies["host@liujiawobao.demo"])).status).toBe(404);
    expect((await page("00000000-0000-4000-8000-000000000000", cookies["host@liujiawobao.demo"])).status).toBe(404);
  });

  it("pins and unpins through the action, writing the events viewers receive", async () => {
    const host = cookies["host@liujiawobao.demo"];
    const product = ((await page(LIVE, host)).body as StudioPage).session.products[1].id;
    expect((await act(LIVE, host, { intent: "pin", productId: product })).status).toBe(200);
    expect(((await page(LIVE, host)).body as StudioPage).session).toMatchObject({ pinnedProductId: product });
    expect((await act(LIVE, host, { intent: "unpin" })).status).toBe(200);
    const types = (
      await t.db.query<{ type: string }>("select type from public.live_events where session_id = $1 order by id", [LIVE])
    ).rows.map((r) => r.type);
    expect(types.slice(-2)).toEqual(["pin", "unpin"]);
  });

  it("answers bad input with a 4xx: an unknown intent 400, a forged product 400, a bad edit 422 with field errors", async () => {
    const host = cookies["host@daguliu.demo"];
    expect((await act(SCHEDULED, host, { intent: "teleport" })).status).toBe(400);
    expect((await act(SCHEDULED, host, { intent: "pin", productId: "nope" })).status).toBe(400);
    const bad = await act(SCHEDULED, host, { intent: "update", titleZh: "", titleEn: "x", scheduledStart: "tomorrow" });
    expect(bad.status).toBe(422);
    expect(fieldErrorsOf(bad.body)).toMatchObject({
      titleZh: "studio.errors.title",
      scheduledStart: "studio.errors.start",
      productIds: "studio.errors.products",
    });
    const foreign = (
      await t.db.query<{ id: string }>("select id from public.products where cooperative_id = $1 limit 1", [ids.cooperative("zhengjia")])
    ).rows[0].id;
    const wrong = await act(SCHEDULED, host, {
      intent: "update",
      titleZh: "新米",
      titleEn: "New rice",
      scheduledStart: "2027-01-05T19:30",
      productIds: foreign,
    });
    expect(wrong.status).toBe(422);
    expect(fieldErrorsOf(wrong.body)).toEqual({ productIds: "studio.errors.products" });
    expect((await act(SCHEDULED, host, { intent: "end" })).status).toBe(409); // not live yet
  });

  it("edits a scheduled session, reading the start as Beijing time", async () => {
    const host = cookies["host@daguliu.demo"];
    const products = ((await page(SCHEDULED, host)).body as StudioPage).session.products.map((p) => p.id);
    const form = new URLSearchParams({
      intent: "update",
      titleZh: "新米之夜",
      titleEn: "New rice night",
      scheduledStart: "2027-01-05T19:30",
    });
    for (const id of products.slice(0, 1)) form.append("productIds", id);
    const answer = await settle(() =>
      studioAction({
        request: new Request(`http://localhost/studio/${SCHEDULED}`, { method: "POST", headers: { Cookie: host }, body: form }),
        params: { sessionId: SCHEDULED },
        context,
      }),
    );
    expect(answer.status).toBe(200);
    const row = await t.db.query<{ title_en: string; scheduled_start: Date }>(
      "select title_en, scheduled_start from public.live_sessions where id = $1",
      [SCHEDULED],
    );
    expect(row.rows[0].title_en).toBe("New rice night");
    expect(row.rows[0].scheduled_start.toISOString()).toBe("2027-01-05T11:30:00.000Z");
    expect(((await page(SCHEDULED, host)).body as StudioPage).session.products.map((p) => p.id)).toEqual(products.slice(0, 1));
  });

  it("rotates the key without echoing it: on_publish refuses the old key and takes the new one", async () => {
    const host = cookies["host@daguliu.demo"];
    const old = await keyOf(SCHEDULED);
    expect((await publish({ app: "live", name: old, addr: "192.0.2.1", call: "publish" })).status).toBe(204);
    const rotated = await act(SCHEDULED, host, { intent: "rotate-key" });
    expect(rotated.status).toBe(200);
    const fresh = await keyOf(SCHEDULED);
    expect(fresh).not.toBe(old);
    expect(JSON.stringify(rotated.body)).not.toContain(fresh);
    expect(((await page(SCHEDULED, host)).body as StudioPage).session.streamKey).toBe(fresh);
    expect((await publish({ app: "live", name: old, addr: "192.0.2.1" })).status).toBe(403);
    expect((await publish({ app: "live", name: fresh, addr: "192.0.2.1" })).status).toBe(204);
  });

  it("goes live and ends from the action; the panel route answers the figures", async () => {
    const host = cookies["host@daguliu.demo"];
    expect((await act(SCHEDULED, host, { intent: "go-live" })).status).toBe(200);
    expect((await act(SCHEDULED, host, { intent: "go-live" })).status).toBe(409);
    const panel = await settle(() =>
      panelLoader({ request: request(`/studio/${SCHEDULED}/panel`, host), params: { sessionId: SCHEDULED }, context }),
    );
    expect(panel).toMatchObject({ status: 200, body: { orders: 0, gmvFen: 0 } });
    expect((await act(SCHEDULED, host, { intent: "end", replayUrl: "javascript:1" })).status).toBe(422);
    expect((await act(SCHEDULED, host, { intent: "end", replayUrl: "" })).status).toBe(200);
    const row = await t.db.query<{ status: string; replay_url: string }>(
      "select status, replay_url from public.live_sessions where id = $1",
      [SCHEDULED],
    );
    expect(row.rows[0]).toEqual({ status: "ended", replay_url: "/media/sample/master.m3u8" });
    // Its key no longer publishes.
    expect((await publish({ app: "live", name: await keyOf(SCHEDULED), addr: "192.0.2.1" })).status).toBe(403);
  });
});

describe("the way in for admins", () => {
  it("a cooperative admin's dashboard links to the studio; a platform admin's (who runs no session) does not", async () => {
    const layout = (email: string) =>
      settle(() =>
        dashboardLayoutLoader({ request: request("/dashboard/liujiawobao", cookies[email]), params: { coopSlug: "liujiawobao" }, context }),
      );
    expect(await layout("admin@liujiawobao.demo")).toMatchObject({ status: 200, body: { coop: { runsSessions: true } } });
    expect(await layout("admin@platform.demo")).toMatchObject({ status: 200, body: { coop: { runsSessions: false } } });
  });
});

describe("/studio/new", () => {
  it("schedules a session for a host's cooperative and opens its studio; 404 for anyone without a role", async () => {
    const host = cookies["host@liujiawobao.demo"];
    const loaded = await settle(() => newLoader({ request: request("/studio/new", host), params: {}, context }));
    const coop = (loaded.body as { coops: { id: string; products: { id: string }[] }[] }).coops[0];
    const form = new URLSearchParams({
      intent: "create",
      coopId: coop.id,
      titleZh: "新场次",
      titleEn: "New session",
      scheduledStart: "2027-02-01T10:00",
    });
    form.append("productIds", coop.products[0].id);
    const created = await settle(() =>
      newAction({
        request: new Request("http://localhost/studio/new", { method: "POST", headers: { Cookie: host }, body: form }),
        params: {},
        context,
      }),
    );
    expect(created.status).toBe(302);
    expect(created.location).toMatch(/^\/studio\/[0-9a-f-]{36}$/);
    const other = ids.cooperative("zhengjia");
    const refused = await settle(() =>
      newAction({
        request: request("/studio/new", host, {
          intent: "create",
          coopId: other,
          titleZh: "x",
          titleEn: "x",
          scheduledStart: "2027-02-01T10:00",
          productIds: coop.products[0].id,
        }),
        params: {},
        context,
      }),
    );
    expect(refused.status).toBe(422);
    expect(fieldErrorsOf(refused.body)).toEqual({ coopId: "studio.errors.coop" });
    expect(
      (await settle(() => newLoader({ request: request("/studio/new", cookies["admin@platform.demo"]), params: {}, context }))).status,
    ).toBe(404);
    expect(await settle(() => newLoader({ request: request("/studio/new", null), params: {}, context }))).toMatchObject({ status: 302 });
  });
});

describe("POST /studio/rtmp/on-publish", () => {
  it("lets a live or scheduled session's key publish (204), refuses anything else (403), never cached, no cookie needed", async () => {
    const ok = await publish({ app: "live", name: await keyOf(LIVE), addr: "198.51.100.7", call: "publish" });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("Cache-Control")).toBe("no-store");
    expect((await publish({ app: "other", name: await keyOf(LIVE), addr: "198.51.100.7" })).status).toBe(403);
    expect((await publish({ app: "live", name: "", addr: "198.51.100.7" })).status).toBe(403);
    expect(
      (await publish({ app: "live", name: await keyOf(ids.session("zhengjia-fungus-drying-replay")), addr: "198.51.100.7" })).status,
    ).toBe(403);
    expect(onPublishGet().status).toBe(405);
    const notForm = await onPublish({
      request: new Request("http://localhost/studio/rtmp/on-publish", {
        method: "POST",
        body: "{",
        headers: { "Content-Type": "application/json" },
      }),
      params: {},
      context,
    });
    expect(notForm.status).toBe(400);
  });

  it("with a packaging relay configured, a valid key is relayed under the session's id, never the key", async () => {
    const relayed = await onPublish({
      request: new Request("http://localhost/studio/rtmp/on-publish", {
        method: "POST",
        body: new URLSearchParams({ app: "live", name: await keyOf(LIVE), addr: "198.51.100.8", call: "publish" }),
      }),
      params: {},
      context: { ...context, env: { ...context.env, RTMP_RELAY_URL: "rtmp://127.0.0.1:1936/hls" } },
    });
    expect(relayed.status).toBe(302);
    expect(relayed.headers.get("Location")).toBe(`rtmp://127.0.0.1:1936/hls/${LIVE}`);
  });

  it("throttles a publisher that keeps guessing: 429 even for a right key, other publishers unaffected", async () => {
    for (let i = 0; i < 20; i++)
      expect((await publish({ app: "live", name: `guess-${i}-xxxxxxxxxxxxxxxx`, addr: "203.0.113.9" })).status).toBe(403);
    const throttled = await publish({ app: "live", name: await keyOf(LIVE), addr: "203.0.113.9" });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("Retry-After")).toBe("600");
    expect((await publish({ app: "live", name: await keyOf(LIVE), addr: "203.0.113.10" })).status).toBe(204);
  });
});

describe("the stream key in public pages", () => {
  it("appears in no public loader's data (the HTML and .data of /, /live/:id, /coops/:slug, /products), signed out or in as its host", async () => {
    const keys = await allKeys();
    expect(keys.length).toBeGreaterThan(5);
    for (const cookie of [null, cookies["host@liujiawobao.demo"], cookies["admin@liujiawobao.demo"]]) {
      const call = <T>(loader: (a: never) => Promise<T>, path: string, params: Record<string, string> = {}) =>
        settle(() => loader({ request: request(path, cookie), params, context } as never));
      const answers = [
        await call(rootLoader, "/"),
        await call(homeLoader, "/"),
        await call(productsLoader, "/products"),
        await call(coopLoader, "/coops/liujiawobao", { slug: "liujiawobao" }),
        await call(productLoader, "/products/x", {
          slug: (await t.db.query<{ slug: string }>("select slug from public.products where status = 'active' limit 1")).rows[0].slug,
        }),
        ...(await Promise.all(
          [LIVE, SCHEDULED, ids.session("zhengjia-fungus-drying-replay")].map((id) => call(liveLoader, `/live/${id}`, { sessionId: id })),
        )),
      ];
      const text = JSON.stringify(answers.map((a) => a.body));
      expect(text).toContain(LIVE);
      for (const key of keys) expect(text).not.toContain(key);
    }
  });
});
