import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import type { Database } from "~/db/database.server";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { asServiceRole, withRole, type RequestIdentity } from "~/db/request-role.server";
import { pinProduct } from "~/models/live-pin.server";
import { LISTENER_APPLICATION_NAME } from "~/realtime/pg-listener.server";
import { realtimeFor } from "~/realtime/realtime-provider.server";
import { viewerIdOf } from "~/realtime/viewer-id.server";
import { loader } from "~/routes/live.$sessionId.events";
import { ids } from "~/seed/seed.server";
import { openSseClient } from "../support/sse-client";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Issue 9, items 5 and 8: two app instances on one Postgres server, each with its own pool
// and its own LISTEN connection. A pin made through one reaches an event-stream viewer of
// the other; a viewer that reconnects with Last-Event-ID receives exactly what it missed.

const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const host: RequestIdentity = { role: "authenticated", userId: ids.user("host@liujiawobao.demo") };

type Instance = { db: Database; context: AppContext };

/** An SSE client of the session's event stream (../support/sse-client.ts). */
const sseClient = (context: AppContext, headers: Record<string, string> = {}, query = "") => openSseClient(context, LIVE, headers, query);

describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("realtime across two app instances (needs the Postgres server)", () => {
  let t: TestDatabase;
  let a: Instance;
  let b: Instance;
  let products: string[];

  const instance = (url: string): Instance => {
    const db = postgresDatabase(url, { max: 5 });
    const context = testContext(db);
    context.realtime = realtimeFor({ DATABASE_URL: url }, db);
    return { db, context };
  };
  /** Pins a product other than the pinned one: an unpin and a pin event each time. */
  const pin = async (via: Instance) => {
    const { rows } = await t.db.query<{ pinned: string | null }>(
      "select pinned_product_id as pinned from public.live_sessions where id = $1",
      [LIVE],
    );
    const productId = products.find((p) => p !== rows[0].pinned)!;
    const result = await withRole(via.db, host, (tx) => pinProduct(tx, LIVE, productId));
    if (!result.ok || result.repeated) throw new Error(`pin did not write: ${JSON.stringify(result)}`);
    return { ...result, productId };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    a = instance(t.url!);
    b = instance(t.url!);
    products = (
      await t.db.query<{ product_id: string }>(
        "select product_id from public.live_session_products where session_id = $1 order by position",
        [LIVE],
      )
    ).rows.map((r) => r.product_id);
  });
  afterAll(async () => {
    for (const i of [a, b]) {
      await i?.context.realtime?.close();
      await i?.db.close();
    }
    await t?.destroy();
  });

  it("a pin made through instance A reaches an SSE viewer of instance B", async () => {
    const viewer = sseClient(b.context);
    await viewer.until(() => viewer.events.some((e) => e.type === "viewers"));
    const result = await pin(a);
    await viewer.until(() => viewer.stored().some((e) => e.type === "pin"));
    const got = viewer.stored().find((e) => e.type === "pin")!;
    expect(got).toMatchObject({ type: "pin", id: result.eventId, payload: { productId: result.productId } });
    expect(viewer.text()).toMatch(/^retry: \d+\n\n/);
    expect(viewer.text()).toContain(`id: ${got.id}\n`);
    await viewer.close();
  });

  it("a viewer reconnecting with Last-Event-ID receives exactly what it missed, once, in order", async () => {
    const first = sseClient(b.context);
    await first.until(() => first.events.some((e) => e.type === "viewers")); // subscribed
    await pin(a);
    await first.until(() => first.stored().some((e) => e.type === "pin"));
    const lastSeen = first.stored().at(-1)!.id!;
    await first.close();

    // Missed while away: two pins (each closes the open pin first: unpin + pin).
    await pin(a);
    await pin(a);
    const missed = (
      await t.db.query<{ id: number }>("select id from public.live_events where session_id = $1 and id > $2 order by id", [LIVE, lastSeen])
    ).rows.map((r) => Number(r.id));
    expect(missed).toHaveLength(4);

    const again = sseClient(b.context, { "Last-Event-ID": String(lastSeen) });
    await again.until(() => again.stored().length >= 4);
    // And one more live, after the replay: it follows without a gap or a repeat.
    const live = await pin(b);
    await again.until(() => again.stored().length >= 6);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const expected = [
      ...missed,
      ...(await t.db.query<{ id: number }>("select id from public.live_events where id > $1 order by id", [missed.at(-1)])).rows.map((r) =>
        Number(r.id),
      ),
    ];
    expect(again.stored().map((e) => e.id)).toEqual(expected);
    expect(expected.at(-1)).toBe(live.eventId);
    await again.close();
  });

  it("an instance whose LISTEN connection dropped reads what it missed once it is back", async () => {
    const viewer = sseClient(b.context);
    await viewer.until(() => viewer.events.some((e) => e.type === "viewers"));
    const killed = await t.db.query<{ ok: boolean }>(
      "select pg_terminate_backend(pid, 5000) as ok from pg_stat_activity where application_name = $1 and datname = current_database()",
      [LISTENER_APPLICATION_NAME],
    );
    expect(killed.rows.length).toBe(2); // both instances' listeners: nobody hears this NOTIFY
    const result = await pin(a);
    // Well before the 30 s sweep: the reconnect's catch-up delivers it.
    await viewer.until(() => viewer.stored().some((e) => e.id === result.eventId), 5_000);
    expect(viewer.stored().map((e) => e.type)).toEqual(["unpin", "pin"]);
    await viewer.close();
  });

  it("a first connect with ?lastEventId= replays from there too", async () => {
    const latest = Number((await t.db.query<{ id: number }>("select max(id) as id from public.live_events")).rows[0].id);
    await pin(a);
    const viewer = sseClient(a.context, {}, `?lastEventId=${latest}`);
    await viewer.until(() => viewer.stored().length >= 2);
    expect(viewer.stored().map((e) => e.type)).toEqual(["unpin", "pin"]);
    await viewer.close();
  });

  it("both instances count the same viewers", async () => {
    // Two browsers (visitor cookies), one on each instance. Counted by their own viewer ids:
    // the streams of the tests above leave on their own schedule.
    const cookies = ["v", "w"].map((c) => "hl_visitor=" + c.repeat(43));
    const viewerIds = cookies.map((Cookie) => viewerIdOf(new Request("http://localhost/", { headers: { Cookie } })));
    const present = async (fresh = false) =>
      (
        await t.db.query<{ n: number }>(
          `select count(*)::int as n from public.live_viewers where session_id = $1 and viewer_id = any($2::text[])
              and ($3::boolean is false or last_seen > now() - interval '40 seconds')`,
          [LIVE, viewerIds, fresh],
        )
      ).rows[0].n;
    expect(await present()).toBe(0);
    const one = sseClient(a.context, { Cookie: cookies[0] });
    const two = sseClient(b.context, { Cookie: cookies[1] });
    await one.until(() => one.events.some((e) => e.type === "viewers"));
    await two.until(() => two.events.some((e) => e.type === "viewers"));
    expect(await present(true)).toBe(2);
    await one.close();
    await two.close();
    // Leaving removes the viewer at once (not after 40 s).
    for (let waited = 0; (await present()) > 0 && waited < 2_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await present()).toBe(0);
  });

  it("never streams the session's stream key", async () => {
    const viewer = sseClient(b.context, { "Last-Event-ID": "0" });
    await viewer.until(() => viewer.stored().length >= 3);
    const key = await asServiceRole(t.db, (tx) =>
      tx.query<{ stream_key: string }>("select stream_key from public.live_session_secrets where session_id = $1", [LIVE]),
    );
    expect(key.rows[0].stream_key.length).toBeGreaterThan(8);
    expect(viewer.text()).not.toContain(key.rows[0].stream_key);
    await viewer.close();
  });

  it("answers 404 for an unknown session and does not queue it", async () => {
    const request = new Request(`http://localhost/live/00000000-0000-4000-8000-000000000000/events`);
    await expect(
      loader({ request, params: { sessionId: "00000000-0000-4000-8000-000000000000" }, context: a.context }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(loader({ request, params: { sessionId: "nope" }, context: a.context })).rejects.toMatchObject({ status: 404 });
  });
});

describe.skipIf(process.env.TEST_DB_KIND !== "pglite")("realtime on the embedded database (one process)", () => {
  let t: TestDatabase;
  let context: AppContext;

  beforeAll(async () => {
    t = await createTestDatabase();
    context = testContext(t.db);
    context.realtime = realtimeFor({}, t.db);
  });
  afterAll(async () => {
    await context?.realtime?.close();
    await t?.destroy();
  });

  it("is the in-process adapter, and a pin reaches an SSE viewer (announced, and found by the poll unannounced)", async () => {
    expect(context.realtime!.kind).toBe("pglite");
    const products = (
      await t.db.query<{ product_id: string }>(
        "select product_id from public.live_session_products where session_id = $1 order by position",
        [LIVE],
      )
    ).rows.map((r) => r.product_id);
    const viewer = sseClient(context);
    await viewer.until(() => viewer.events.some((e) => e.type === "viewers"));
    const first = await withRole(t.db, host, (tx) => pinProduct(tx, LIVE, products[0]));
    if (first.ok && first.eventId) await context.realtime!.announce(LIVE, first.eventId);
    await viewer.until(() => viewer.stored().some((e) => e.type === "pin"), 2_000);
    const second = await withRole(t.db, host, (tx) => pinProduct(tx, LIVE, products[1]));
    await viewer.until(() => viewer.stored().some((e) => e.id === (second.ok ? second.eventId : -1)), 3_000);
    expect(viewer.stored().map((e) => e.type)).toEqual(["pin", "unpin", "pin"]);
    await viewer.close();
  });
});
