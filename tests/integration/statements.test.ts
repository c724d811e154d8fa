import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import type { Queryable } from "~/db/database.server";
import { withRole } from "~/db/request-role.server";
import { addDays, shanghaiDay, type DayRange } from "~/domain/report-period";
import { listPayeeBalances, recordPayout } from "~/models/payout.server";
import {
  getStatementSummary,
  getStreamerStatement,
  listStatementLines,
  listStatementPayouts,
  type StatementPayee,
} from "~/models/statement.server";
import { ids } from "~/seed/seed.server";
import { refundPickedUnits } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Statements against the ledger itself: over random sequences of sales (live and not),
// partial refunds and cash payouts written by the real code, every household's and the
// host's statement (read as the admin, and the host's as the host, through RLS) equals the
// sums taken straight from the account's lines as the database owner; opening + earned −
// refunds − paid = closing; order lines, sessions and payouts add up to the summary.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  await t.db.query("update public.products set per_buyer_limit = null");
  await t.db.query("update public.product_stock set stock = 100000");
});
afterAll(() => t.destroy());

const COOP = ids.cooperative("liujiawobao");
const ADMIN = ids.user("admin@liujiawobao.demo");
const HOST = ids.user("host@liujiawobao.demo");
const OTHER_HOST = ids.user("host@zhengjia.demo");
const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const as = <T>(userId: string, fn: (tx: Queryable) => Promise<T>) => withRole(t.db, { role: "authenticated", userId }, fn);

/** The account's sums straight from the ledger (owner, no RLS), before and inside the range. */
async function ledgerSums(payee: StatementPayee, range: DayRange) {
  const filter =
    payee.kind === "household"
      ? "a.kind = 'household' and a.cooperative_id = $3 and a.household_id = $4"
      : "a.kind = 'streamer' and a.cooperative_id = $3 and a.user_id = $4";
  const { rows } = await t.db.query<Record<string, number>>(
    `select coalesce(-sum(l.amount_fen) filter (where d < $1::date), 0)::bigint as opening,
            coalesce(-sum(l.amount_fen) filter (where d between $1::date and $2::date and p.kind = 'payment'), 0)::bigint as earned,
            coalesce(sum(l.amount_fen) filter (where d between $1::date and $2::date and p.kind = 'refund'), 0)::bigint as refunds,
            coalesce(sum(l.amount_fen) filter (where d between $1::date and $2::date and p.kind = 'payout'), 0)::bigint as paid,
            coalesce(-sum(l.amount_fen) filter (where d <= $2::date), 0)::bigint as closing
       from public.ledger_lines l
       join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id,
       lateral (select (p.created_at at time zone 'Asia/Shanghai')::date as d) day
      where ${filter}`,
    [range.from, range.to, payee.cooperativeId, payee.kind === "household" ? payee.householdId : payee.userId],
  );
  return rows[0];
}

const op = fc.oneof(
  fc.record({ kind: fc.constant("pay" as const), product: fc.nat(), quantity: fc.integer({ min: 1, max: 4 }), viaLive: fc.boolean() }),
  fc.record({ kind: fc.constant("refund" as const), order: fc.nat(), item: fc.nat(), quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("payout" as const), payee: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
);

describe("statements over random sale, refund and payout histories", () => {
  it("equal the ledger's sums, and each balance closes", async () => {
    const products = (
      await t.db.query<{ id: string }>(
        "select id from public.products where cooperative_id = $1 and status = 'active' and household_id is not null order by slug",
        [COOP],
      )
    ).rows.map((r) => r.id);
    const households = (
      await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 order by key", [COOP])
    ).rows.map((r) => r.id);
    const orders: string[] = [];
    let payouts = 0;
    const today = shanghaiDay(new Date());
    const range = { from: today, to: addDays(today, 1) };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 5 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === "pay") {
            const shopper = new Shopper(context);
            await shopper.add(products[o.product % products.length], o.quantity, o.viaLive ? LIVE : undefined);
            const orderId = await shopper.placeOrder();
            await shopper.pay(orderId);
            orders.push(orderId);
          } else if (o.kind === "refund") {
            await refundPickedUnits(t.db, orders, o);
          } else {
            const owed = (await as(ADMIN, (tx) => listPayeeBalances(tx, COOP, "zh-CN"))).filter(
              (b) => b.kind !== "collective" && b.accountId && b.owedFen > 0,
            );
            if (owed.length === 0) continue;
            const payee = owed[o.payee % owed.length];
            const amountFen = Math.max(1, Math.floor((payee.owedFen * o.share) / 100));
            const result = await as(ADMIN, (tx) =>
              recordPayout(tx, {
                idempotencyKey: crypto.randomUUID(),
                cooperativeId: COOP,
                accountId: payee.accountId!,
                amountFen,
                method: "cash",
                note: "收据 #1",
                paidOn: today,
              }),
            );
            expect(result.ok).toBe(true);
            payouts += 1;
          }
        }

        for (const householdId of households) {
          const payee = { kind: "household" as const, cooperativeId: COOP, householdId };
          const statement = await as(ADMIN, async (tx) => ({
            summary: await getStatementSummary(tx, payee, range),
            lines: await listStatementLines(tx, payee, range, "zh-CN"),
            payouts: await listStatementPayouts(tx, payee, range),
          }));
          const ledger = await ledgerSums(payee, range);
          const s = statement.summary;
          expect([s.openingFen, s.earnedFen, s.refundsFen, s.paidFen, s.closingFen]).toEqual([
            ledger.opening,
            ledger.earned,
            ledger.refunds,
            ledger.paid,
            ledger.closing,
          ]);
          expect(s.otherFen).toBe(0);
          expect(s.openingFen + s.earnedFen - s.refundsFen - s.paidFen).toBe(s.closingFen);
          const lineSum = statement.lines.reduce((sum, l) => sum + l.amountFen, 0);
          expect(lineSum).toBe(s.earnedFen - s.refundsFen);
          expect(statement.payouts.reduce((sum, p) => sum + p.amountFen, 0)).toBe(s.paidFen);
          expect(s.months.reduce((sum, m) => sum + m.earnedFen - m.refundsFen - m.paidFen, 0)).toBe(s.closingFen - s.openingFen);
        }

        // the host's statement, read by the admin and by the host themself, is the same and matches the ledger
        const host = { kind: "streamer" as const, cooperativeId: COOP, userId: HOST };
        const byAdmin = await as(ADMIN, (tx) => getStreamerStatement(tx, host, range, "en"));
        const byHost = await as(HOST, (tx) => getStreamerStatement(tx, host, range, "en"));
        const mine = await as(HOST, (tx) => getStreamerStatement(tx, { ...host, cooperativeId: null }, range, "en"));
        expect(byHost).toEqual(byAdmin);
        expect(mine.summary).toEqual(byAdmin.summary);
        const ledger = await ledgerSums(host, range);
        const s = byAdmin.summary;
        expect([s.openingFen, s.earnedFen, s.refundsFen, s.paidFen, s.closingFen]).toEqual([
          ledger.opening,
          ledger.earned,
          ledger.refunds,
          ledger.paid,
          ledger.closing,
        ]);
        expect(byAdmin.sessions.reduce((sum, x) => sum + x.earnedFen, 0)).toBe(s.earnedFen);
        expect(byAdmin.sessions.reduce((sum, x) => sum + x.refundsFen, 0)).toBe(s.refundsFen);
      }),
      { numRuns: 8 },
    );
    expect(orders.length).toBeGreaterThan(0);
    expect(payouts).toBeGreaterThan(0);
  });
});

describe("who reads a statement", () => {
  const range = { from: "2020-01-01", to: "2099-12-31" };

  it("a streamer sees only their own: another host's statement is empty, their sessions refused", async () => {
    const other = { kind: "streamer" as const, cooperativeId: null, userId: OTHER_HOST };
    const asOwner = await withRole(t.db, { role: "authenticated", userId: OTHER_HOST }, (tx) =>
      getStreamerStatement(tx, other, range, "en"),
    );
    const asHost = await as(HOST, (tx) => getStreamerStatement(tx, other, range, "en"));
    expect(asHost.summary).toMatchObject({ openingFen: 0, earnedFen: 0, paidFen: 0, closingFen: 0 });
    expect(asHost.sessions).toEqual([]);
    expect(asHost.payouts).toEqual([]);
    // (what the other host has is theirs: whatever it is, the host saw none of it)
    expect(asOwner.summary.closingFen).toBe((await ledgerSums({ ...other, cooperativeId: ids.cooperative("zhengjia") }, range)).closing);
  });

  it("another cooperative's admin reads none of this cooperative's household or host lines", async () => {
    const householdId = (await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 limit 1", [COOP]))
      .rows[0].id;
    const otherAdmin = ids.user("admin@zhengjia.demo");
    const statement = await as(otherAdmin, (tx) => getStatementSummary(tx, { kind: "household", cooperativeId: COOP, householdId }, range));
    expect(statement).toMatchObject({ openingFen: 0, earnedFen: 0, paidFen: 0, closingFen: 0 });
    const sessions = await as(otherAdmin, (tx) =>
      getStreamerStatement(tx, { kind: "streamer", cooperativeId: COOP, userId: HOST }, range, "en"),
    );
    expect(sessions.sessions).toEqual([]);
    expect(sessions.summary.closingFen).toBe(0);
  });
});
