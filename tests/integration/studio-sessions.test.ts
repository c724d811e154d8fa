import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import { asServiceRole, withRole, type RequestIdentity } from "~/db/request-role.server";
import { liveEventsAfter, livePresence } from "~/models/live-event.server";
import { pinProduct } from "~/models/live-pin.server";
import {
  cancelLiveSession,
  checkStreamKey,
  createLiveSession,
  endLiveSession,
  goLive,
  rotateStreamKey,
  updateLiveSession,
} from "~/models/studio-session.server";
import { getStudioStats } from "~/models/studio.server";
import { ids } from "~/seed/seed.server";
import { Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Issue 9, item 6: the studio's database functions — who may schedule, edit, go live, end,
// cancel and rotate the key (rights checked inside each function), the session state
// machine as the database enforces it, the RTMP key check and the live panel's figures.

const COOP = ids.cooperative("liujiawobao");
const OTHER_COOP = ids.cooperative("zhengjia");
const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const as = (email: string): RequestIdentity => ({ role: "authenticated", userId: ids.user(email) });
const host = as("host@liujiawobao.demo");
const admin = as("admin@liujiawobao.demo");
const otherAdmin = as("admin@zhengjia.demo");
const otherHost = as("host@zhengjia.demo");
const platform = as("admin@platform.demo");
const plain: RequestIdentity = { role: "authenticated", userId: randomUUID() };
const anon: RequestIdentity = { role: "anon" };
const OUTSIDERS: [string, RequestIdentity][] = [
  ["an admin of another cooperative", otherAdmin],
  ["a host of another cooperative", otherHost],
  ["a platform admin", platform],
  ["a signed-in user with no role", plain],
];

let t: TestDatabase;
let db: Database;
let products: string[];
let foreignProduct: string;
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const input = (over: Partial<Parameters<typeof createLiveSession>[2]> = {}) => ({
  titleZh: "晒场直播",
  titleEn: "Drying yard live",
  descriptionZh: "",
  descriptionEn: "",
  scheduledStart: inAnHour(),
  productIds: products.slice(0, 2),
  ...over,
});
const create = (who: RequestIdentity, over = {}, coop = COOP) => withRole(db, who, (tx) => createLiveSession(tx, coop, input(over)));
const row = async (id: string) =>
  (
    await db.query<{
      status: string;
      started_at: Date | null;
      ended_at: Date | null;
      playback_url: string | null;
      replay_url: string | null;
      pinned: string | null;
    }>(
      "select status, started_at, ended_at, playback_url, replay_url, pinned_product_id as pinned from public.live_sessions where id = $1",
      [id],
    )
  ).rows[0];
const keyOf = async (id: string) =>
  (
    await asServiceRole(db, (tx) =>
      tx.query<{ k: string }>("select stream_key as k from public.live_session_secrets where session_id = $1", [id]),
    )
  ).rows[0]?.k;
const check = (key: string, source = `test:${randomUUID()}`) => withRole(db, anon, (tx) => checkStreamKey(tx, key, [source]));
const scheduled = async (who = host) => {
  const created = await create(who);
  if (!created.ok) throw new Error(`create failed: ${created.reason}`);
  return created.sessionId;
};

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  products = (
    await db.query<{ id: string }>("select id from public.products where cooperative_id = $1 and status = 'active' order by slug", [COOP])
  ).rows.map((r) => r.id);
  foreignProduct = (await db.query<{ id: string }>("select id from public.products where cooperative_id = $1 limit 1", [OTHER_COOP]))
    .rows[0].id;
});
afterAll(() => t?.destroy());

describe("create_live_session", () => {
  it("a streamer of the cooperative schedules a session they host, with its products in order and a stream key", async () => {
    const id = await scheduled();
    const s = await db.query<{ host: string; status: string }>(
      "select host_user_id as host, status from public.live_sessions where id = $1",
      [id],
    );
    expect(s.rows[0]).toEqual({ host: host.role === "authenticated" ? host.userId : "", status: "scheduled" });
    const sp = await db.query<{ product_id: string }>(
      "select product_id from public.live_session_products where session_id = $1 order by position",
      [id],
    );
    expect(sp.rows.map((r) => r.product_id)).toEqual(products.slice(0, 2));
    expect(await keyOf(id)).toMatch(/^hl_[0-9a-f]{64}$/);
  });

  it("an admin of the cooperative schedules one too (hosting it)", async () => {
    expect(await create(admin)).toMatchObject({ ok: true });
  });

  it.each(OUTSIDERS)("%s may not schedule for the cooperative", async (_name, who) => {
    expect(await create(who)).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("anon may not call it at all; nobody writes the tables directly", async () => {
    await expect(create(anon)).rejects.toThrow(/permission denied/);
    await expect(
      withRole(db, host, (tx) =>
        tx.query(
          "insert into public.live_sessions (cooperative_id, host_user_id, title_zh, title_en, scheduled_start) values ($1, auth.uid(), 'x', 'x', now())",
          [COOP],
        ),
      ),
    ).rejects.toThrow(/permission denied/);
    for (const who of [host, admin]) {
      await expect(
        withRole(db, who, (tx) => tx.query("update public.live_sessions set status = 'ended' where id = $1", [LIVE])),
      ).rejects.toThrow(/permission denied/);
      await expect(
        withRole(db, who, (tx) =>
          tx.query("insert into public.live_session_products (session_id, product_id) values ($1, $2)", [LIVE, products[0]]),
        ),
      ).rejects.toThrow(/permission denied/);
      await expect(
        withRole(db, who, (tx) => tx.query("delete from public.live_session_products where session_id = $1", [LIVE])),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it("refuses another cooperative's products, a start in the past, a blank title — and writes nothing", async () => {
    const before = (await db.query<{ n: number }>("select count(*)::int as n from public.live_sessions")).rows[0].n;
    expect(await create(host, { productIds: [products[0], foreignProduct] })).toEqual({ ok: false, reason: "bad_products" });
    expect(await create(host, { productIds: [] })).toEqual({ ok: false, reason: "bad_products" });
    expect(await create(host, { productIds: [products[0], products[0]] })).toEqual({ ok: false, reason: "bad_products" });
    expect(await create(host, { scheduledStart: new Date(Date.now() - 86400_000).toISOString() })).toEqual({
      ok: false,
      reason: "bad_time",
    });
    expect(await create(host, { titleEn: "   " })).toEqual({ ok: false, reason: "bad_input" });
    expect(await create(host, {}, OTHER_COOP)).toEqual({ ok: false, reason: "not_allowed" });
    expect((await db.query<{ n: number }>("select count(*)::int as n from public.live_sessions")).rows[0].n).toBe(before);
  });
});

describe("update_live_session", () => {
  it("the host and the cooperative's admins edit a scheduled session: titles, time and products", async () => {
    const id = await scheduled();
    const when = new Date(Date.now() + 2 * 86400_000).toISOString();
    expect(
      await withRole(db, host, (tx) =>
        updateLiveSession(tx, id, { ...input(), titleEn: "Renamed", scheduledStart: when, productIds: [products[2] ?? products[0]] }),
      ),
    ).toEqual({
      ok: true,
    });
    expect(await withRole(db, admin, (tx) => updateLiveSession(tx, id, { ...input(), scheduledStart: null, productIds: null }))).toEqual({
      ok: true,
    });
    const s = await db.query<{ title_en: string; scheduled_start: Date }>(
      "select title_en, scheduled_start from public.live_sessions where id = $1",
      [id],
    );
    expect(s.rows[0].title_en).toBe("Drying yard live");
    expect(s.rows[0].scheduled_start.toISOString()).toBe(when);
  });

  it.each(OUTSIDERS)("%s is refused as if the session did not exist", async (_name, who) => {
    const id = await scheduled();
    expect(await withRole(db, who, (tx) => updateLiveSession(tx, id, { ...input(), scheduledStart: null, productIds: null }))).toEqual({
      ok: false,
      reason: "unknown_session",
    });
  });
});

describe("the state machine, as the database enforces it", () => {
  it("scheduled → live → ended: once each, never backwards, and only titles change while live", async () => {
    const id = await scheduled();
    expect(await withRole(db, host, (tx) => endLiveSession(tx, id))).toEqual({ ok: false, reason: "wrong_status", status: "scheduled" });
    const live = await withRole(db, host, (tx) => goLive(tx, id, "/media/sample/live.m3u8"));
    expect(live).toMatchObject({ ok: true });
    const r = await row(id);
    expect(r).toMatchObject({ status: "live", playback_url: "/media/sample/live.m3u8", ended_at: null });
    expect(r.started_at).not.toBeNull();
    expect(await withRole(db, admin, (tx) => goLive(tx, id, "/media/sample/live.m3u8"))).toEqual({
      ok: false,
      reason: "wrong_status",
      status: "live",
    });
    expect(await withRole(db, host, (tx) => cancelLiveSession(tx, id))).toEqual({ ok: false, reason: "wrong_status", status: "live" });
    expect(await withRole(db, host, (tx) => updateLiveSession(tx, id, input()))).toMatchObject({ ok: false, reason: "wrong_status" });
    expect(
      await withRole(db, host, (tx) =>
        updateLiveSession(tx, id, { ...input(), titleEn: "Live title", scheduledStart: null, productIds: null }),
      ),
    ).toEqual({
      ok: true,
    });

    expect(await withRole(db, host, (tx) => pinProduct(tx, id, products[0]))).toMatchObject({ ok: true });
    const ended = await withRole(db, host, (tx) => endLiveSession(tx, id));
    expect(ended).toMatchObject({ ok: true, replayUrl: "/media/sample/master.m3u8" });
    expect(await row(id)).toMatchObject({ status: "ended", pinned: null, replay_url: "/media/sample/master.m3u8" });
    // Viewers learn it: the open pin closed (unpin), then the status with the replay URL.
    const events = await withRole(db, anon, (tx) => liveEventsAfter(tx, id, 0));
    expect(events.slice(-2).map((e) => [e.type, e.payload])).toEqual([
      ["unpin", expect.objectContaining({ productId: products[0] })],
      ["session", { status: "ended", replayUrl: "/media/sample/master.m3u8" }],
    ]);
    expect(events.find((e) => e.type === "session")?.payload).toEqual({ status: "live", replayUrl: null });
    expect(ended.ok && ended.eventIds).toEqual(events.slice(-2).map((e) => e.id));
    for (const action of [goLive, endLiveSession, cancelLiveSession] as const) {
      expect(await withRole(db, host, (tx) => action(tx, id, null))).toEqual({ ok: false, reason: "wrong_status", status: "ended" });
    }
    expect(await withRole(db, host, (tx) => pinProduct(tx, id, products[0]))).toEqual({ ok: false, reason: "session_over" });
  });

  it("keeps a session's own playback URL, refuses going live without any, and takes a given replay URL at the end", async () => {
    const id = await scheduled();
    expect(await withRole(db, host, (tx) => goLive(tx, id, null))).toEqual({ ok: false, reason: "no_playback" });
    expect(await withRole(db, host, (tx) => goLive(tx, id, "https://cdn.example.com/hls/x.m3u8"))).toMatchObject({ ok: true });
    expect(await withRole(db, host, (tx) => endLiveSession(tx, id, "javascript:alert(1)"))).toEqual({
      ok: false,
      reason: "bad_replay_url",
    });
    expect(await withRole(db, host, (tx) => endLiveSession(tx, id, "https://vod.example.com/x/master.m3u8"))).toMatchObject({
      ok: true,
      replayUrl: "https://vod.example.com/x/master.m3u8",
    });
    // The seeded live session keeps its configured playback URL.
    expect(await withRole(db, admin, (tx) => goLive(tx, LIVE, "https://elsewhere.example.com/x.m3u8"))).toMatchObject({
      reason: "wrong_status",
    });
  });

  it("scheduled → cancelled, after which nothing is possible", async () => {
    const id = await scheduled();
    expect(await withRole(db, admin, (tx) => cancelLiveSession(tx, id))).toEqual({ ok: true });
    expect((await row(id)).status).toBe("cancelled");
    expect(await withRole(db, host, (tx) => goLive(tx, id, "/media/sample/live.m3u8"))).toEqual({
      ok: false,
      reason: "wrong_status",
      status: "cancelled",
    });
  });

  it.each(OUTSIDERS)("%s may not go live, end or cancel", async (_name, who) => {
    const id = await scheduled();
    expect(await withRole(db, who, (tx) => goLive(tx, id, "/media/sample/live.m3u8"))).toEqual({ ok: false, reason: "unknown_session" });
    expect(await withRole(db, who, (tx) => cancelLiveSession(tx, id))).toEqual({ ok: false, reason: "unknown_session" });
    expect(await withRole(db, who, (tx) => endLiveSession(tx, LIVE))).toEqual({ ok: false, reason: "unknown_session" });
    expect((await row(id)).status).toBe("scheduled");
  });

  it("anon may call none of them", async () => {
    for (const sql of [
      "public.go_live($1)",
      "public.end_live_session($1)",
      "public.cancel_live_session($1)",
      "public.rotate_stream_key($1)",
      "public.studio_session_stats($1)",
    ]) {
      await expect(withRole(db, anon, (tx) => tx.query(`select ${sql}`, [LIVE]))).rejects.toThrow(/permission denied/);
    }
  });
});

describe("the stream key", () => {
  it("rotating answers the new key to the caller: the old one is refused by on_publish, the new one accepted", async () => {
    const id = await scheduled();
    const old = (await keyOf(id))!;
    expect(await check(old)).toEqual({ ok: true, throttled: false, sessionId: id });
    const rotated = await withRole(db, admin, (tx) => rotateStreamKey(tx, id));
    expect(rotated.ok).toBe(true);
    const fresh = rotated.ok ? rotated.streamKey : "";
    expect(fresh).toBe(await keyOf(id));
    expect(fresh).not.toBe(old);
    expect(await check(old)).toEqual({ ok: false, throttled: false, sessionId: null });
    expect(await check(fresh)).toEqual({ ok: true, throttled: false, sessionId: id });
  });

  it.each(OUTSIDERS)("%s may not rotate it", async (_name, who) => {
    expect(await withRole(db, who, (tx) => rotateStreamKey(tx, LIVE))).toEqual({ ok: false, reason: "unknown_session" });
  });

  it("a key of a session that is over may not publish; failures from one source are throttled", async () => {
    const ended = ids.session("zhengjia-fungus-drying-replay");
    expect(await check((await keyOf(ended))!)).toEqual({ ok: false, throttled: false, sessionId: null });
    const liveKey = (await keyOf(LIVE))!;
    const source = `test:${randomUUID()}`;
    for (let i = 0; i < 20; i++) expect((await check(`guess-${i}-aaaaaaaaaaaaaaaa`, source)).ok).toBe(false);
    expect(await check(liveKey, source)).toEqual({ ok: false, throttled: true, sessionId: null });
    expect(await check(liveKey)).toMatchObject({ ok: true, throttled: false });
  });
});

describe("the live panel", () => {
  it("counts viewers, paid orders, GMV and top products of the session, and the host's commission from the ledger", async () => {
    const shopper = new Shopper(testContext(db));
    expect((await shopper.add(products[0], 2, LIVE)).status).toBe(200);
    const orderId = await shopper.placeOrder();
    const empty = await withRole(db, host, (tx) => getStudioStats(tx, LIVE, "en"));
    expect(empty).toMatchObject({ orders: 0, gmvFen: 0, commissionFen: 0, topProducts: [] }); // not paid yet
    expect((await shopper.pay(orderId)).status).toBe(302);
    await withRole(db, anon, (tx) => livePresence(tx, LIVE, "viewer-studio-aaaaaaaa"));

    const stats = await withRole(db, host, (tx) => getStudioStats(tx, LIVE, "en"));
    const line = await db.query<{ total: string; bp: number }>(
      "select line_total_fen::text as total, split_streamer_bp as bp from public.order_items where order_id = $1",
      [orderId],
    );
    const ledger = await db.query<{ fen: string }>(
      `select (-sum(l.amount_fen))::text as fen from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
        join public.order_items oi on oi.id = l.order_item_id where oi.order_id = $1 and a.kind = 'streamer'`,
      [orderId],
    );
    expect(stats).toMatchObject({
      viewers: 1,
      orders: 1,
      gmvFen: Number(line.rows[0].total),
      commissionFen: Number(ledger.rows[0].fen),
      topProducts: [{ productId: products[0], quantity: 2, salesFen: Number(line.rows[0].total) }],
    });
    expect(stats!.commissionFen).toBeGreaterThan(0);
    expect(Number.isInteger(stats!.gmvFen)).toBe(true);
    expect(await withRole(db, admin, (tx) => getStudioStats(tx, LIVE, "en"))).toEqual(stats);
    for (const [, who] of OUTSIDERS) expect(await withRole(db, who, (tx) => getStudioStats(tx, LIVE, "en"))).toBeNull();
  });

  it("no event of any session carries a stream key", async () => {
    const keys = await asServiceRole(db, (tx) => tx.query<{ stream_key: string }>("select stream_key from public.live_session_secrets"));
    const text = JSON.stringify((await db.query("select payload from public.live_events")).rows);
    expect(keys.rows.length).toBeGreaterThan(5);
    for (const { stream_key } of keys.rows) expect(text).not.toContain(stream_key);
  });
});
