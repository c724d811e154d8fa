import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRole } from "~/db/request-role.server";
import { pinProduct } from "~/models/live-pin.server";
import type { LiveEvent } from "~/realtime/live-event";
import type { RealtimePort } from "~/realtime/realtime-port.server";
import { realtimeFor } from "~/realtime/realtime-provider.server";
import { ids } from "~/seed/seed.server";
import { createSupabaseRealtimeMock } from "../mocks/supabase-realtime";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// The Supabase Realtime Broadcast adapter (issue 9, item 5) between two app instances,
// against msw's WebSocket interception (this file's project runs Node with
// --experimental-websocket: see vitest.config.ts). The broadcast carries a stored event's
// id only; each instance reads the event from the table, so order and content come from
// the database.

const URL_ = "https://harvest-test.supabase.co";
const ANON_KEY = "anon-key-for-tests";
const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const host = { role: "authenticated" as const, userId: ids.user("host@liujiawobao.demo") };

const mock = createSupabaseRealtimeMock({ url: URL_, anonKey: ANON_KEY });
const server = setupServer(...mock.handlers);
let t: TestDatabase;
let a: RealtimePort;
let b: RealtimePort;

const until = async (predicate: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  t = await createTestDatabase();
  const env = { SUPABASE_URL: URL_, SUPABASE_ANON_KEY: ANON_KEY };
  a = realtimeFor(env, t.db);
  b = realtimeFor(env, t.db);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  server.close();
  await t?.destroy();
});

describe.skipIf(typeof (globalThis as { WebSocket?: unknown }).WebSocket === "undefined")("Supabase Realtime Broadcast adapter", () => {
  it("is the adapter chosen when SUPABASE_URL is set", () => {
    expect(a.kind).toBe("supabase");
  });

  it("a pin published by instance A reaches a subscriber of instance B, read from the table", async () => {
    const seen: LiveEvent[] = [];
    const sub = await b.subscribe(LIVE, (e) => seen.push(e));
    const product = (
      await t.db.query<{ product_id: string }>("select product_id from public.live_session_products where session_id = $1 limit 1", [LIVE])
    ).rows[0].product_id;
    const result = await withRole(t.db, host, (tx) => pinProduct(tx, LIVE, product));
    expect(result.ok && result.eventId).toBeTruthy();
    // The sweep would find it too, in 5 s; the broadcast makes it immediate.
    await a.announce(LIVE, result.ok ? result.eventId! : 0);
    await until(() => seen.some((e) => e.type === "pin"), 3_000);
    expect(seen.find((e) => e.type === "pin")).toMatchObject({ id: result.ok ? result.eventId : -1, payload: { productId: product } });
    expect(mock.relayed.at(-1)).toMatchObject({
      topic: `realtime:live:${LIVE}`,
      event: "live",
      payload: { id: result.ok ? result.eventId : -1 },
    });
    sub.unsubscribe();
  });

  it("an ephemeral viewer count travels whole, to the other instance's subscribers", async () => {
    const seen: LiveEvent[] = [];
    const sub = await b.subscribe(LIVE, (e) => seen.push(e));
    await a.publish(LIVE, { type: "viewers", payload: { count: 7 } });
    await until(() => seen.some((e) => e.type === "viewers"));
    expect(seen).toContainEqual({ type: "viewers", payload: { count: 7 } });
    sub.unsubscribe();
  });
});
