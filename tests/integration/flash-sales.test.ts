import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import type { Database } from "~/db/database.server";
import { actingAs, withRole, type RequestIdentity } from "~/db/request-role.server";
import { hashToken } from "~/http/visitor.server";
import { addToCart } from "~/models/cart.server";
import { endExpiredFlashSales } from "~/jobs/end-flash-sales.server";
import { currentFlashSale, endFlashSale, startFlashSale, type FlashStartInput } from "~/models/flash-sale.server";
import { liveEventsAfter } from "~/models/live-event.server";
import { pinProduct } from "~/models/live-pin.server";
import { CheckoutRefusedError, placeOrder } from "~/models/order.server";
import { ids } from "~/seed/seed.server";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { GOOD_DETAILS, Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Issue 9, item 4: flash sales. Who may start one, what the database enforces when an order
// is placed inside the window (the flash price frozen on the item, the allotment, the
// per-buyer limit), what ends it, what goes back when an unpaid order expires, and the
// events every viewer sees. The 500-buyer race runs on the Postgres server (PGlite
// serialises every transaction).

const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const ENDED = ids.session("zhengjia-fungus-drying-replay");
const host: RequestIdentity = { role: "authenticated", userId: ids.user("host@liujiawobao.demo") };
const admin: RequestIdentity = { role: "authenticated", userId: ids.user("admin@liujiawobao.demo") };
const otherAdmin: RequestIdentity = { role: "authenticated", userId: ids.user("admin@zhengjia.demo") };

let t: TestDatabase;
let db: Database;
let context: AppContext;
let product: string;
let regularFen: number;

const startAs = (who: RequestIdentity, input: Partial<FlashStartInput> = {}, session = LIVE) =>
  withRole(db, who, (tx) =>
    startFlashSale(tx, session, { productId: product, priceFen: 990, units: 3, perBuyerLimit: null, durationSeconds: 60, ...input }),
  );
const endAs = (who: RequestIdentity) => withRole(db, who, (tx) => endFlashSale(tx, LIVE));
const events = () => withRole(db, { role: "anon" }, (tx) => liveEventsAfter(tx, LIVE, 0));
const phone = (n: number) => `137${String(n).padStart(8, "0")}`;

async function shopperFromLive(n: number, quantity = 1) {
  const shopper = new Shopper(context);
  const added = await shopper.add(product, quantity, LIVE);
  expect(added.status).toBeLessThan(400);
  return { shopper, checkout: () => shopper.checkout({ ...GOOD_DETAILS, contactPhone: phone(n) }) };
}

const orderedItem = async (orderId: string) =>
  (
    await db.query<{ unit_price_fen: number; line_total_fen: number; flash_sale_id: string | null; live_session_id: string | null }>(
      "select unit_price_fen::int, line_total_fen::int, flash_sale_id, live_session_id from public.order_items where order_id = $1",
      [orderId],
    )
  ).rows[0];

const orderIdFrom = (result: { location?: string | null }) => /\/pay\/demo\/([0-9a-f-]{36})$/.exec(result.location ?? "")?.[1] ?? null;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  context = testContext(db);
  const { rows } = await db.query<{ product_id: string; price_fen: number }>(
    `select sp.product_id, p.price_fen::int from public.live_session_products sp join public.products p on p.id = sp.product_id
      where sp.session_id = $1 order by sp.position limit 1`,
    [LIVE],
  );
  product = rows[0].product_id;
  regularFen = rows[0].price_fen;
  expect(regularFen).toBeGreaterThan(990);
  await db.query("update public.products set per_buyer_limit = null where id = $1", [product]);
  await db.query("update public.product_stock set stock = 1000 where product_id = $1", [product]);
  expect(await withRole(db, host, (tx) => pinProduct(tx, LIVE, product))).toMatchObject({ ok: true });
});
afterAll(() => t?.destroy());

describe("start_flash_sale: who and what", () => {
  it("refuses an admin of another cooperative as if the session did not exist, and the anonymous outright", async () => {
    expect(await startAs(otherAdmin)).toEqual({ ok: false, reason: "unknown_session" });
    await expect(startAs({ role: "anon" })).rejects.toThrow(/permission denied/);
  });

  it("refuses what would not be a real flash sale", async () => {
    const other = (
      await db.query<{ id: string }>(
        "select product_id as id from public.live_session_products where session_id = $1 and product_id <> $2 limit 1",
        [LIVE, product],
      )
    ).rows[0].id;
    expect(await startAs(host, { productId: other })).toEqual({ ok: false, reason: "not_pinned" });
    expect(await startAs(host, { priceFen: regularFen })).toEqual({ ok: false, reason: "price_not_lower" });
    expect(await startAs(host, { priceFen: 0 })).toEqual({ ok: false, reason: "price_not_lower" });
    expect(await startAs(host, { units: 1001 })).toEqual({ ok: false, reason: "not_enough_stock", stock: 1000 });
    expect(await startAs(host, { durationSeconds: 5 })).toEqual({ ok: false, reason: "bad_duration" });
    expect(await startAs(host, { perBuyerLimit: 0 })).toEqual({ ok: false, reason: "bad_limit" });
    expect(await startAs(host, {}, ENDED)).toMatchObject({ ok: false });
    expect(await db.query("select 1 from public.flash_sales")).toMatchObject({ rows: [] });
  });
});

describe("a flash sale from start to sold out", () => {
  let saleId = "";

  it("the host starts one on the pinned product: one flash.start event, a second is refused while it runs", async () => {
    const started = await startAs(host);
    expect(started).toMatchObject({ ok: true });
    saleId = started.ok ? started.flashSaleId : "";
    const last = (await events()).at(-1);
    expect(last).toMatchObject({ type: "flash.start", payload: { flashSaleId: saleId, productId: product, priceFen: 990, units: 3 } });
    expect(await startAs(admin)).toEqual({ ok: false, reason: "flash_running" });
    expect(await withRole(db, { role: "anon" }, (tx) => currentFlashSale(tx, LIVE))).toMatchObject({ unitsLeft: 3, endedReason: null });
  });

  it("a viewer's cart shows the flash price; a line added outside the stream does not get it", async () => {
    const viewer = new Shopper(context);
    await viewer.add(product, 1, LIVE);
    const cart = (await viewer.cart()) as {
      cart: { lines: Array<{ priceFen: number; regularPriceFen: number; flashSaleId: string | null }> };
    };
    expect(cart.cart.lines[0]).toMatchObject({ priceFen: 990, regularPriceFen: regularFen, flashSaleId: saleId });

    const browser = new Shopper(context);
    await browser.add(product, 1);
    const orderId = await browser.placeOrder({ ...GOOD_DETAILS, contactPhone: phone(900) });
    expect(await orderedItem(orderId)).toMatchObject({ unit_price_fen: regularFen, flash_sale_id: null, live_session_id: null });
  });

  it("orders from the stream get the flash price frozen on the item, the split follows it, units-left follows them", async () => {
    const first = await shopperFromLive(1, 2);
    const firstOrder = orderIdFrom(await first.checkout());
    expect(firstOrder).not.toBeNull();
    expect(await orderedItem(firstOrder!)).toMatchObject({
      unit_price_fen: 990,
      line_total_fen: 1980,
      flash_sale_id: saleId,
      live_session_id: LIVE,
    });
    expect((await events()).at(-1)).toMatchObject({ type: "units-left", payload: { flashSaleId: saleId, unitsLeft: 1 } });

    // Paid: the ledger splits 19.80, not the regular price; the ticker says a city, never a name.
    const paid = await first.shopper.pay(firstOrder!);
    expect(paid.status).toBeLessThan(400);
    const posted = await db.query<{ total: number }>(
      `select coalesce(sum(l.amount_fen) filter (where l.amount_fen > 0), 0)::int as total
         from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id where p.order_id = $1`,
      [firstOrder],
    );
    expect(posted.rows[0].total).toBe(1980);
    const sale = (await events()).filter((e) => e.type === "sale").at(-1);
    expect(sale).toMatchObject({ payload: { productId: product, quantity: 2, cityZh: GOOD_DETAILS.city } });
    expect(JSON.stringify(sale)).not.toContain(GOOD_DETAILS.contactName);
    expect(JSON.stringify(sale)).not.toContain(phone(1));
  });

  it("past the allotment a buyer is told sold out; the last unit ends the sale for every viewer", async () => {
    const waiting = await shopperFromLive(5, 1); // added under the sale, checks out after the last unit
    const tooMany = await shopperFromLive(2, 2);
    expect((await tooMany.checkout()).status).toBeGreaterThanOrEqual(400);
    const last = await shopperFromLive(3, 1);
    expect(orderIdFrom(await last.checkout())).not.toBeNull();
    const tail = (await events()).slice(-2);
    expect(tail.map((e) => e.type)).toEqual(["units-left", "flash.end"]);
    expect(tail[1]).toMatchObject({ payload: { flashSaleId: saleId, reason: "sold-out" } });
    expect(await withRole(db, { role: "anon" }, (tx) => currentFlashSale(tx, LIVE))).toMatchObject({
      unitsLeft: 0,
      endedReason: "sold-out",
    });
    const waited = await waiting.checkout();
    expect(waited.status).toBe(409); // sold out
    const stale = (await waiting.shopper.cart()) as { cart: { lines: Array<{ available: boolean; flashSoldOut: boolean }> } };
    expect(stale.cart.lines[0]).toMatchObject({ available: false, flashSoldOut: true });
    // After it: the regular price again.
    const after = await shopperFromLive(4, 1);
    const orderId = orderIdFrom(await after.checkout());
    expect(await orderedItem(orderId!)).toMatchObject({ unit_price_fen: regularFen, flash_sale_id: null, live_session_id: LIVE });
  });
});

describe("limits, ends and expiry", () => {
  it("a per-buyer limit counts this buyer's (phone's) flash units across orders", async () => {
    expect(await startAs(host, { units: 10, perBuyerLimit: 2 })).toMatchObject({ ok: true });
    const a = await shopperFromLive(10, 3);
    expect((await a.checkout()).status).toBe(422);
    const b = await shopperFromLive(10, 2);
    expect(orderIdFrom(await b.checkout())).not.toBeNull();
    const c = await shopperFromLive(10, 1);
    expect((await c.checkout()).status).toBe(422);
    const d = await shopperFromLive(11, 2);
    expect(orderIdFrom(await d.checkout())).not.toBeNull();
  });

  it("an unpaid order that expires gives its flash units back, and viewers see the count", async () => {
    const sale = await withRole(db, { role: "anon" }, (tx) => currentFlashSale(tx, LIVE));
    expect(sale?.unitsLeft).toBe(6);
    await db.query("select public.expire_unpaid_orders(now() + interval '1 day')");
    const back = await withRole(db, { role: "anon" }, (tx) => currentFlashSale(tx, LIVE));
    expect(back?.unitsLeft).toBe(10);
    expect((await events()).at(-1)).toMatchObject({ type: "units-left", payload: { unitsLeft: 10 } });
  });

  it("the host ends it early: flash.end (host), and orders get the regular price", async () => {
    expect(await endAs(host)).toMatchObject({ ok: true });
    expect((await events()).at(-1)).toMatchObject({ type: "flash.end", payload: { reason: "host" } });
    expect(await endAs(host)).toEqual({ ok: true, eventId: null });
    const buyer = await shopperFromLive(20, 1);
    expect(await orderedItem(orderIdFrom(await buyer.checkout())!)).toMatchObject({ unit_price_fen: regularFen, flash_sale_id: null });
  });

  it("when the countdown runs out the database stops the flash price at once, and the job writes flash.end", async () => {
    expect(await startAs(admin, { units: 10 })).toMatchObject({ ok: true });
    await db.query(
      "update public.flash_sales set starts_at = now() - interval '2 minutes', ends_at = now() - interval '1 second' where ended_at is null",
    );
    const late = await shopperFromLive(30, 1);
    expect(await orderedItem(orderIdFrom(await late.checkout())!)).toMatchObject({ unit_price_fen: regularFen, flash_sale_id: null });
    const ended = await endExpiredFlashSales(db);
    expect(ended).toHaveLength(1);
    expect((await events()).at(-1)).toMatchObject({ type: "flash.end", payload: { reason: "time" } });
    expect(await endExpiredFlashSales(db)).toEqual([]);
  });

  it("a session that stops being live ends its flash sale", async () => {
    expect(await startAs(host, { units: 5 })).toMatchObject({ ok: true });
    await restoreAfterThisTest(db, "public.live_sessions", { id: LIVE });
    await db.query("update public.live_sessions set status = 'ended', ended_at = now() where id = $1", [LIVE]);
    expect((await events()).at(-1)).toMatchObject({ type: "flash.end", payload: { reason: "host" } });
    expect((await db.query("select 1 from public.flash_sales where session_id = $1 and ended_at is null", [LIVE])).rows).toEqual([]);
  });

  it("the stored sale is the only writer: no role may write flash_sales directly", async () => {
    await expect(
      withRole(db, host, (tx) => tx.query("update public.flash_sales set price_fen = 1 where session_id = $1", [LIVE])),
    ).rejects.toThrow(/permission denied/);
  });
});

// Real concurrency needs a real server.
describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("a flash sale race on a Postgres server", () => {
  it("500 buyers from the stream for 200 flash units: 200 at the flash price, 300 told sold out, nothing else", async () => {
    await restoreAfterThisTest(db, "public.product_stock", { product_id: product });
    await db.query("update public.product_stock set stock = 1000 where product_id = $1", [product]);
    expect(await startAs(host, { units: 200, durationSeconds: 600 })).toMatchObject({ ok: true });
    const visitors: string[] = [];
    for (let n = 0; n < 500; n++) {
      const visitor = hashToken(`flash-race-${n}`);
      await withRole(db, { role: "anon", claims: { visitor } }, (tx) =>
        addToCart(tx, visitor, { productId: product, quantity: 1, liveSessionId: LIVE }),
      );
      visitors.push(visitor);
    }
    const outcomes = await Promise.all(
      visitors.map(async (visitor, n) => {
        try {
          await placeOrder(actingAs(db, { role: "anon", claims: { visitor } }), {
            ...GOOD_DETAILS,
            contactPhone: phone(5000 + n),
            locale: "zh-CN",
            reservationMinutes: 15,
          });
          return "ordered";
        } catch (error) {
          if (error instanceof CheckoutRefusedError && error.refusal.reason === "sold_out") return "sold_out";
          return `error: ${(error as Error).message}`;
        }
      }),
    );
    const tally = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    expect(tally).toEqual({ ordered: 200, sold_out: 300 });
    const { rows } = await db.query<{ flash_units: number; sold: number; reason: string }>(
      `select (select coalesce(sum(quantity), 0)::int from public.order_items where flash_sale_id = f.id and unit_price_fen = 990) as flash_units,
              f.units_sold as sold, f.end_reason as reason
         from public.flash_sales f where f.session_id = $1 order by f.starts_at desc limit 1`,
      [LIVE],
    );
    expect(rows[0]).toEqual({ flash_units: 200, sold: 200, reason: "sold-out" });
  });
});
