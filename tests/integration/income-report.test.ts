import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import type { Queryable } from "~/db/database.server";
import { withRole } from "~/db/request-role.server";
import { paymentPostingLines } from "~/domain/ledger-postings";
import { addDays, shanghaiDay, type DayRange } from "~/domain/report-period";
import {
  listHouseholdIncome,
  listProductIncome,
  listSessionIncome,
  ordersPer100ViewersTenths,
} from "~/models/dashboard/income-breakdowns.server";
import { getIncomeTotals, listIncomePeriods, NO_INCOME, type IncomeFigures } from "~/models/dashboard/income-report.server";
import { loadMoneyItems } from "~/models/order-items.server";
import { ids } from "~/seed/seed.server";
import { refundAsPlatformAdmin, refundPickedUnits } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { type TestDatabase, unlimitedStockDatabase } from "../support/test-database";

// The income report against the ledger itself: over random sequences of orders, payments
// and partial refunds written by the real code, the report's figures (read as the
// cooperative's admin, through RLS) equal sums taken straight from the ledger's lines —
// including the clearing side, which the report never reads — and every row's parts add
// up to its net sales. Periods are Shanghai days: 23:59:59 and 00:00:00 are two days.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  ({ t, context } = await unlimitedStockDatabase());
});
afterAll(() => t.destroy());

const COOP = ids.cooperative("liujiawobao");
const ADMIN = ids.user("admin@liujiawobao.demo");
const OTHER_ADMIN = ids.user("admin@zhengjia.demo");
const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const as = <T>(userId: string, fn: (tx: Queryable) => Promise<T>) => withRole(t.db, { role: "authenticated", userId }, fn);

async function coopProducts(cooperativeId = COOP): Promise<string[]> {
  const { rows } = await t.db.query<{ id: string }>(
    "select id from public.products where cooperative_id = $1 and status = 'active' order by slug",
    [cooperativeId],
  );
  return rows.map((r) => r.id);
}

/** The cooperative's figures straight from the ledger (as the database owner, no RLS), clearing side included. */
async function ledgerFigures(range: DayRange): Promise<Omit<IncomeFigures, "buyers">> {
  const { rows } = await t.db.query<Record<string, number>>(
    `select count(distinct p.order_id) filter (where p.kind = 'payment')::int as orders,
            coalesce(sum(l.amount_fen) filter (where p.kind = 'payment' and a.kind = 'payments_clearing'), 0)::bigint as gross,
            coalesce(-sum(l.amount_fen) filter (where p.kind = 'refund' and a.kind = 'payments_clearing'), 0)::bigint as refunds,
            coalesce(sum(l.amount_fen) filter (where a.kind = 'payments_clearing'), 0)::bigint as net,
            coalesce(-sum(l.amount_fen) filter (where a.kind = 'household'), 0)::bigint as household,
            coalesce(-sum(l.amount_fen) filter (where a.kind = 'collective'), 0)::bigint as collective,
            coalesce(-sum(l.amount_fen) filter (where a.kind = 'streamer'), 0)::bigint as streamer,
            coalesce(-sum(l.amount_fen) filter (where a.kind = 'platform'), 0)::bigint as platform
       from public.ledger_lines l
       join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id
       join public.order_items oi on oi.id = l.order_item_id
      where oi.cooperative_id = $1 and p.kind in ('payment', 'refund')
        and (p.created_at at time zone 'Asia/Shanghai')::date between $2::date and $3::date`,
    [COOP, range.from, range.to],
  );
  const r = rows[0];
  return {
    orders: r.orders,
    grossFen: r.gross,
    refundsFen: r.refunds,
    netFen: r.net,
    householdFen: r.household,
    collectiveFen: r.collective,
    streamerFen: r.streamer,
    platformFen: r.platform,
  };
}

const partsOf = (f: IncomeFigures) => f.householdFen + f.collectiveFen + f.streamerFen + f.platformFen;
const withoutBuyers = ({ buyers: _b, ...rest }: IncomeFigures) => rest;

const op = fc.oneof(
  fc.record({ kind: fc.constant("pay" as const), product: fc.nat(), quantity: fc.integer({ min: 1, max: 5 }), viaLive: fc.boolean() }),
  fc.record({ kind: fc.constant("unpaid" as const), product: fc.nat() }),
  fc.record({ kind: fc.constant("refund" as const), order: fc.nat(), item: fc.nat(), quantity: fc.integer({ min: 1, max: 3 }) }),
);

describe("income report over random order and refund histories", () => {
  it("equals the ledger's sums, and every row's parts add up to its net sales", async () => {
    const products = await coopProducts();
    const orders: string[] = [];
    let refunds = 0;
    let lastNet = 0;
    const today = shanghaiDay(new Date());
    // today, with a day either side (a run that crosses midnight stays inside)
    const range = { from: addDays(today, -1), to: addDays(today, 1) };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === "refund") {
            if (await refundPickedUnits(t.db, orders, o)) refunds += 1;
            continue;
          }
          const shopper = new Shopper(context);
          const quantity = o.kind === "pay" ? o.quantity : 1;
          await shopper.add(products[o.product % products.length], quantity, o.kind === "pay" && o.viaLive ? LIVE : undefined);
          const orderId = await shopper.placeOrder();
          // an unpaid order is not income: it never reaches the ledger
          if (o.kind === "unpaid") continue;
          await shopper.pay(orderId);
          orders.push(orderId);
        }

        const report = await as(ADMIN, async (tx) => ({
          periods: await listIncomePeriods(tx, COOP, range, "day"),
          totals: await getIncomeTotals(tx, COOP, range),
          households: await listHouseholdIncome(tx, COOP, range, "zh-CN"),
          products: await listProductIncome(tx, COOP, range, "en"),
          sessions: await listSessionIncome(tx, COOP, range, "en"),
        }));
        const ledger = await ledgerFigures(range);
        const totals = report.totals.current;
        expect(withoutBuyers(totals)).toEqual(ledger);
        expect(totals.netFen).toBe(totals.grossFen - totals.refundsFen);
        expect(partsOf(totals)).toBe(totals.netFen);

        // the periods add up to the totals (orders paid on one day each), each row balanced
        expect(report.periods.map((p) => p.start)).toEqual([range.from, today, range.to]);
        for (const key of [
          "orders",
          "grossFen",
          "refundsFen",
          "netFen",
          "householdFen",
          "collectiveFen",
          "streamerFen",
          "platformFen",
        ] as const)
          expect(
            report.periods.reduce((sum, p) => sum + p[key], 0),
            key,
          ).toBe(totals[key]);
        for (const p of report.periods) expect(partsOf(p)).toBe(p.netFen);
        const perDay = await Promise.all(report.periods.map((p) => ledgerFigures({ from: p.start, to: p.start })));
        expect(report.periods.map(({ start: _s, label: _l, ...figures }) => withoutBuyers(figures))).toEqual(perDay);

        // breakdowns: households' income is the household part; products' net is the net
        expect(report.households.reduce((sum, h) => sum + h.incomeFen, 0)).toBe(totals.householdFen);
        expect(report.products.reduce((sum, p) => sum + p.netFen, 0)).toBe(totals.netFen);
        expect(report.products.reduce((sum, p) => sum + p.grossFen, 0)).toBe(totals.grossFen);
        for (const p of report.products) expect(partsOf(p)).toBe(p.netFen);
        expect(report.sessions.reduce((sum, s) => sum + s.gmvFen, 0)).toBeLessThanOrEqual(totals.grossFen);
        expect(totals.buyers).toBeLessThanOrEqual(totals.orders);
        lastNet = totals.netFen;
      }),
      { numRuns: 12 },
    );
    // the histories did sell and refund
    expect(orders.length).toBeGreaterThan(0);
    expect(refunds).toBeGreaterThan(0);
    expect(lastNet).toBeGreaterThan(0);
  });
});

/** A payment posting for an unpaid order, dated `at`: the ledger as the payment path writes it, at a chosen instant. */
async function postPaymentAt(orderId: string, at: string) {
  const items = await loadMoneyItems(t.db, orderId);
  const lines = paymentPostingLines(items);
  const byItem = new Map(items.map((i) => [i.id, i]));
  const kinds = lines.map((l) => (l.payee === "clearing" ? "payments_clearing" : l.payee));
  const party = (pick: (i: (typeof items)[number]) => string | null, when: string[]) =>
    lines.map((l) => (when.includes(l.payee) ? pick(byItem.get(l.itemId)!) : null));
  await t.db.transaction(async (tx) => {
    const posting = await tx.query<{ id: string }>(
      "insert into public.ledger_postings (kind, idempotency_key, order_id, created_at) values ('payment', $1, $2, $3) returning id",
      [`test-payment:${orderId}`, orderId, at],
    );
    await tx.query(
      `insert into public.ledger_lines (posting_id, account_id, order_item_id, amount_fen)
       select $1, acc.account_id, l.item_id, l.amount
         from unnest($2::uuid[], $3::bigint[]) with ordinality as l (item_id, amount, n)
         join app_private.ledger_account_ids($4::text[], $5::uuid[], $6::uuid[], $7::uuid[]) acc on acc.n = l.n`,
      [
        posting.rows[0].id,
        lines.map((l) => l.itemId),
        lines.map((l) => l.amountFen),
        kinds,
        party((i) => i.cooperativeId, ["household", "collective", "streamer"]),
        party((i) => i.householdId, ["household"]),
        party((i) => i.streamerUserId, ["streamer"]),
      ],
    );
    // the order as the payment path leaves it, so it can be refunded later
    await tx.query("update public.orders set status = 'paid', paid_at = $2 where id = $1", [orderId, at]);
  });
  return lines.filter((l) => l.payee === "clearing").reduce((sum, l) => sum + l.amountFen, 0);
}

describe("report periods", () => {
  it("put a payment at 23:59:59 and one at 00:00:00 Shanghai time in two days, months and years", async () => {
    const [product] = await coopProducts();
    const place = async () => {
      const shopper = new Shopper(context);
      await shopper.add(product, 1);
      return shopper.placeOrder();
    };
    const late = await postPaymentAt(await place(), "2025-12-31T23:59:59+08:00");
    const early = await postPaymentAt(await place(), "2026-01-01T00:00:00+08:00");
    const range = { from: "2025-12-31", to: "2026-01-01" };
    const [days, months, years] = await as(ADMIN, (tx) =>
      Promise.all((["day", "month", "year"] as const).map((group) => listIncomePeriods(tx, COOP, range, group))),
    );
    for (const periods of [days, months, years]) {
      expect(periods.map((p) => [p.orders, p.grossFen])).toEqual([
        [1, late],
        [1, early],
      ]);
    }
    expect(days.map((p) => p.label)).toEqual(["2025-12-31", "2026-01-01"]);
    expect(months.map((p) => p.label)).toEqual(["2025-12", "2026-01"]);
    expect(years.map((p) => p.label)).toEqual(["2025", "2026"]);
    // one day later in UTC is still the same Shanghai day: 2025-12-31T16:00Z is 2026-01-01 00:00 in Shanghai
    const totals = await as(ADMIN, (tx) => getIncomeTotals(tx, COOP, { from: "2026-01-01", to: "2026-01-01" }));
    expect([totals.current.grossFen, totals.previous.grossFen]).toEqual([early, late]);
    expect(totals.previousRange).toEqual({ from: "2025-12-31", to: "2025-12-31" });
  });
});

describe("refunds", () => {
  it("count in the period they were posted, not the period of the sale", async () => {
    const [product] = await coopProducts();
    const shopper = new Shopper(context);
    await shopper.add(product, 2);
    const orderId = await shopper.placeOrder();
    const paid = await postPaymentAt(orderId, "2026-02-10T12:00:00+08:00");
    const [item] = await loadMoneyItems(t.db, orderId);
    const refund = await refundAsPlatformAdmin(t.db, {
      refundId: crypto.randomUUID(),
      orderId,
      items: [{ orderItemId: item.id, quantity: 2 }],
      restock: false,
    });
    expect(refund).toMatchObject({ ok: true });
    const today = shanghaiDay(new Date());
    const [february, now] = await as(ADMIN, (tx) =>
      Promise.all([
        getIncomeTotals(tx, COOP, { from: "2026-02-10", to: "2026-02-10" }),
        listIncomePeriods(tx, COOP, { from: today, to: today }, "day"),
      ]),
    );
    expect(february.current).toMatchObject({ orders: 1, grossFen: paid, refundsFen: 0, netFen: paid });
    // today: this refund (and whatever else today holds), with the parties giving their shares back
    const ledgerToday = await ledgerFigures({ from: today, to: today });
    expect(now[0].refundsFen).toBe(ledgerToday.refundsFen);
    expect(now[0].refundsFen).toBeGreaterThanOrEqual(paid);
    expect(partsOf(now[0])).toBe(now[0].netFen);
  });
});

describe("report RLS", () => {
  it("gives another cooperative's admin none of this cooperative's figures", async () => {
    const today = shanghaiDay(new Date());
    const range = { from: addDays(today, -1), to: addDays(today, 1) };
    const shopper = new Shopper(context);
    await shopper.add((await coopProducts())[0], 2);
    const orderId = await shopper.placeOrder();
    await shopper.pay(orderId);
    const mine = await as(ADMIN, (tx) => getIncomeTotals(tx, COOP, range));
    expect(mine.current.netFen).toBeGreaterThan(0);
    // the platform admin sees every cooperative, and this one's figures only under its id
    expect(await as(ids.user("admin@platform.demo"), (tx) => getIncomeTotals(tx, COOP, range))).toEqual(mine);
    const theirs = await as(OTHER_ADMIN, async (tx) => ({
      totals: await getIncomeTotals(tx, COOP, range),
      periods: await listIncomePeriods(tx, COOP, range, "day"),
      households: await listHouseholdIncome(tx, COOP, range, "en"),
      products: await listProductIncome(tx, COOP, range, "en"),
      sessions: await listSessionIncome(tx, COOP, range, "en"),
    }));
    expect(theirs.totals.current).toEqual(NO_INCOME);
    expect(theirs.totals.previous).toEqual(NO_INCOME);
    expect(theirs.periods.every((p) => p.orders === 0 && p.netFen === 0)).toBe(true);
    // household names are public (the cooperative's page); what they earned is not
    expect(theirs.households.every((h) => h.orders === 0 && h.incomeFen === 0 && h.netSalesFen === 0)).toBe(true);
    expect(theirs.products).toEqual([]);
    expect(theirs.sessions).toEqual([]);
  });
});

describe("report live sessions", () => {
  it("show the session's peak viewers, readable by its cooperative's admins only", async () => {
    const shopper = new Shopper(context);
    await shopper.add((await coopProducts())[0], 1, LIVE);
    const orderId = await shopper.placeOrder();
    await shopper.pay(orderId);
    const viewers = Array.from({ length: 5 }, (_, i) => `report-viewer-${String(i).padStart(4, "0")}`);
    const presence = (viewer: string, leaving = false) =>
      withRole(t.db, { role: "anon" }, (tx) => tx.query("select public.live_presence($1, $2, $3)", [LIVE, viewer, leaving]));
    for (const viewer of viewers) await presence(viewer);
    for (const viewer of viewers.slice(0, 3)) await presence(viewer, true);
    const today = shanghaiDay(new Date());
    const range = { from: addDays(today, -1), to: addDays(today, 1) };
    const [session] = await as(ADMIN, (tx) => listSessionIncome(tx, COOP, range, "en"));
    // most at once, not the 2 left now
    expect(session).toMatchObject({ sessionId: LIVE, peakViewers: 5 });
    expect(session.orders).toBeGreaterThan(0);
    expect(session.gmvFen).toBeGreaterThan(0);
    expect(ordersPer100ViewersTenths(session.orders, session.peakViewers)).toBe(Math.round((session.orders * 1000) / 5));
    expect(ordersPer100ViewersTenths(3, null)).toBeNull();
    expect(ordersPer100ViewersTenths(3, 0)).toBeNull();
    const peaks = (userId: string) =>
      as(userId, (tx) => tx.query("select session_id, peak_viewers from public.session_peak_viewers($1::uuid[])", [[LIVE]]));
    expect((await peaks(ADMIN)).rows).toEqual([{ session_id: LIVE, peak_viewers: 5 }]);
    expect((await peaks(OTHER_ADMIN)).rows).toEqual([]);
    await expect(
      withRole(t.db, { role: "anon" }, (tx) => tx.query("select * from public.session_peak_viewers($1::uuid[])", [[LIVE]])),
    ).rejects.toThrow(/permission denied/);
  });
});
