import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import { asServiceRole, withRole, type RequestIdentity } from "~/db/request-role.server";
import { liveEventsAfter, livePresence } from "~/models/live-event.server";
import { pinProduct, sessionPins, unpinProduct } from "~/models/live-pin.server";
import { ids } from "~/seed/seed.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Issue 9, items 5–7: who may pin a product during a live session, what a pin records (its
// stream time, for the shoppable replay) and the event it writes — never the stream key.

const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const ENDED = ids.session("zhengjia-fungus-drying-replay");
const host: RequestIdentity = { role: "authenticated", userId: ids.user("host@liujiawobao.demo") };
const admin: RequestIdentity = { role: "authenticated", userId: ids.user("admin@liujiawobao.demo") };
const otherAdmin: RequestIdentity = { role: "authenticated", userId: ids.user("admin@zhengjia.demo") };
const otherHost: RequestIdentity = { role: "authenticated", userId: ids.user("host@zhengjia.demo") };
const anon: RequestIdentity = { role: "anon" };

let t: TestDatabase;
let db: Database;
let products: string[];
let foreignProduct: string;

const pinAs = (who: RequestIdentity, productId: string, session = LIVE) => withRole(db, who, (tx) => pinProduct(tx, session, productId));
const state = async () =>
  (await db.query<{ pinned: string | null }>("select pinned_product_id as pinned from public.live_sessions where id = $1", [LIVE])).rows[0]
    .pinned;
const eventCount = async () => Number((await db.query<{ n: number }>("select count(*)::int as n from public.live_events")).rows[0].n);

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  products = (
    await db.query<{ product_id: string }>("select product_id from public.live_session_products where session_id = $1 order by position", [
      LIVE,
    ])
  ).rows.map((r) => r.product_id);
  foreignProduct = (
    await db.query<{ id: string }>(
      "select id from public.products where id not in (select product_id from public.live_session_products where session_id = $1) limit 1",
      [LIVE],
    )
  ).rows[0].id;
});
afterAll(() => t?.destroy());

describe("pin_product: who may pin", () => {
  it("the session's host pins a product of the session: pinned, recorded with its stream time, one pin event", async () => {
    expect(products.length).toBeGreaterThanOrEqual(2);
    const result = await pinAs(host, products[0]);
    expect(result).toMatchObject({ ok: true, repeated: false });
    expect(await state()).toBe(products[0]);
    const pins = await withRole(db, anon, (tx) => sessionPins(tx, LIVE));
    expect(pins.at(-1)).toMatchObject({ productId: products[0], unpinnedAt: null });
    expect(pins.at(-1)!.offsetMs).toBeGreaterThan(0); // the seeded session is live since before now
    const events = await withRole(db, anon, (tx) => liveEventsAfter(tx, LIVE, 0));
    expect(events.at(-1)).toMatchObject({ type: "pin", id: result.ok ? result.eventId : -1, payload: { productId: products[0] } });
  });

  it("pinning the same product again changes nothing", async () => {
    const before = await eventCount();
    expect(await pinAs(host, products[0])).toMatchObject({ ok: true, repeated: true });
    expect(await eventCount()).toBe(before);
  });

  it("an admin of the session's cooperative pins another: the open pin is closed (unpin, then pin)", async () => {
    const result = await pinAs(admin, products[1]);
    expect(result.ok).toBe(true);
    const pins = await db.query<{ product_id: string; unpinned_at: Date | null }>(
      "select product_id, unpinned_at from public.live_session_pins where session_id = $1 order by id",
      [LIVE],
    );
    expect(pins.rows.map((p) => [p.product_id, p.unpinned_at === null])).toEqual([
      [products[0], false],
      [products[1], true],
    ]);
    const events = await withRole(db, anon, (tx) => liveEventsAfter(tx, LIVE, 0));
    expect(events.slice(-2).map((e) => e.type)).toEqual(["unpin", "pin"]);
  });

  it.each([
    ["an admin of another cooperative", otherAdmin],
    ["a host of another cooperative", otherHost],
  ])("%s is refused as if the session did not exist, and nothing changes", async (_name, who) => {
    const before = await eventCount();
    expect(await pinAs(who, products[0])).toEqual({ ok: false, reason: "unknown_session" });
    expect(await withRole(db, who, (tx) => unpinProduct(tx, LIVE))).toEqual({ ok: false, reason: "unknown_session" });
    expect(await state()).toBe(products[1]);
    expect(await eventCount()).toBe(before);
  });

  it("anon may not call it at all", async () => {
    await expect(withRole(db, anon, (tx) => tx.query("select public.pin_product($1, $2)", [LIVE, products[0]]))).rejects.toThrow(
      /permission denied/,
    );
  });

  it("refuses a product that is not in the session, and a session that is over", async () => {
    expect(await pinAs(host, foreignProduct)).toEqual({ ok: false, reason: "not_in_session" });
    const endedHost: RequestIdentity = { role: "authenticated", userId: ids.user("host@zhengjia.demo") };
    const endedProduct = (
      await db.query<{ product_id: string }>("select product_id from public.live_session_products where session_id = $1 limit 1", [ENDED])
    ).rows[0]?.product_id;
    if (endedProduct) expect(await pinAs(endedHost, endedProduct, ENDED)).toEqual({ ok: false, reason: "session_over" });
  });

  it("writes go through the functions only: no API role may insert an event or a pin", async () => {
    for (const who of [anon, host]) {
      await expect(
        withRole(db, who, (tx) => tx.query("insert into public.live_events (session_id, type) values ($1, 'chat.hidden')", [LIVE])),
      ).rejects.toThrow(/permission denied/);
      await expect(
        withRole(db, who, (tx) =>
          tx.query("insert into public.live_session_pins (session_id, product_id) values ($1, $2)", [LIVE, products[0]]),
        ),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it("unpin closes the open pin and clears the session's pinned product", async () => {
    const result = await withRole(db, host, (tx) => unpinProduct(tx, LIVE));
    expect(result).toMatchObject({ ok: true, repeated: false });
    expect(await state()).toBeNull();
    expect(await withRole(db, host, (tx) => unpinProduct(tx, LIVE))).toMatchObject({ ok: true, repeated: true });
  });

  it("no event carries the session's stream key", async () => {
    const keys = await asServiceRole(db, (tx) => tx.query<{ stream_key: string }>("select stream_key from public.live_session_secrets"));
    const text = JSON.stringify((await db.query("select payload from public.live_events")).rows);
    expect(keys.rows.length).toBeGreaterThan(0);
    for (const { stream_key } of keys.rows) expect(text).not.toContain(stream_key);
  });
});

describe("live_presence", () => {
  it("counts each viewer once, publishes a change once, and forgets a viewer who left", async () => {
    const beat = (viewer: string, leaving = false) => withRole(db, anon, (tx) => livePresence(tx, LIVE, viewer, leaving));
    const first = await beat("viewer-aaaaaaaaaaaaaaaa");
    expect(first).toEqual({ viewers: 1, publish: true });
    expect(await beat("viewer-aaaaaaaaaaaaaaaa")).toEqual({ viewers: 1, publish: false });
    // A change within the throttle window is counted but not published yet.
    expect(await beat("viewer-bbbbbbbbbbbbbbbb")).toEqual({ viewers: 2, publish: false });
    expect(await beat("viewer-bbbbbbbbbbbbbbbb", true)).toMatchObject({ viewers: 1 });
    await expect(beat("bad id")).rejects.toThrow(/live_viewers_viewer_id_check|check constraint/);
    const cancelled = await withRole(db, anon, (tx) => livePresence(tx, "00000000-0000-4000-8000-000000000000", "viewer-aaaaaaaaaaaaaaaa"));
    expect(cancelled).toBeNull();
  });
});
