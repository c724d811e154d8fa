import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import type { Queryable } from "~/db/database.server";
import { withRole } from "~/db/request-role.server";
import { listPayeeBalances, recordPayout, type PayeeBalance } from "~/models/payout.server";
import { ids } from "~/seed/seed.server";
import { refundPickedUnits } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { type TestDatabase, unlimitedStockDatabase } from "../support/test-database";

// Over random sequences of payments, refunds and payouts, written by the real code into the
// real database: every payee's owed = earned − refunded − paid, equal to its ledger balance;
// a payout is recorded exactly when 0 < amount ≤ owed; paid equals the payouts recorded; and
// every posting (so the whole ledger) sums to zero.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  ({ t, context } = await unlimitedStockDatabase());
});
afterAll(() => t.destroy());

const COOP = ids.cooperative("liujiawobao");
const ADMIN = ids.user("admin@liujiawobao.demo");
const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const as = <T>(fn: (tx: Queryable) => Promise<T>) => withRole(t.db, { role: "authenticated", userId: ADMIN }, fn);

const pay = fc.record({
  kind: fc.constant("pay" as const),
  product: fc.nat(),
  quantity: fc.integer({ min: 1, max: 4 }),
  viaLive: fc.boolean(),
});
const op = fc.oneof(
  pay,
  fc.record({ kind: fc.constant("refund" as const), order: fc.nat(), item: fc.nat(), quantity: fc.integer({ min: 1, max: 3 }) }),
  // permille of what is owed: 0 (refused), up to all of it, and past it (refused)
  fc.record({ kind: fc.constant("payout" as const), payee: fc.nat(), permille: fc.integer({ min: 0, max: 1300 }) }),
);

async function coopProducts(): Promise<string[]> {
  const { rows } = await t.db.query<{ id: string }>(
    "select id from public.products where cooperative_id = $1 and status = 'active' order by slug",
    [COOP],
  );
  return rows.map((r) => r.id);
}

const ledgerOwed = async () =>
  new Map(
    (
      await t.db.query<{ id: string; owed: number }>(
        `select a.id, coalesce(-sum(l.amount_fen), 0)::bigint as owed from public.ledger_accounts a
           left join public.ledger_lines l on l.account_id = a.id where a.cooperative_id = $1 group by a.id`,
        [COOP],
      )
    ).rows.map((r) => [r.id, r.owed]),
  );

const byAccount = (balances: PayeeBalance[]) => new Map(balances.filter((b) => b.accountId).map((b) => [b.accountId!, b]));

describe("payee balances over random histories", () => {
  it("keep owed = earned − refunded − paid, pay out only what is owed, and keep the ledger balanced", async () => {
    const products = await coopProducts();
    const orders: string[] = [];
    const seen = { recorded: 0, refused: 0 };
    await fc.assert(
      // Each history starts with a sale, so there is something to pay out.
      fc.asyncProperty(fc.tuple(pay, fc.array(op, { minLength: 1, maxLength: 6 })), async ([first, rest]) => {
        const ops = [first, ...rest];
        const before = byAccount(await as((tx) => listPayeeBalances(tx, COOP, "en")));
        const paidHere = new Map<string, number>();
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
            const payees = [...byAccount(await as((tx) => listPayeeBalances(tx, COOP, "en"))).values()];
            if (payees.length === 0) continue;
            // Mostly a payee who is owed something; every third pick any payee (owed 0 or owing back too).
            const owedSomething = payees.filter((p) => p.owedFen > 0);
            const pool = o.payee % 3 === 0 || owedSomething.length === 0 ? payees : owedSomething;
            const payee = pool[o.payee % pool.length];
            const owed = (await ledgerOwed()).get(payee.accountId!)!;
            expect(payee.owedFen).toBe(owed);
            const amountFen = owed > 0 ? Math.floor((owed * o.permille) / 1000) : o.permille;
            const result = await as((tx) =>
              recordPayout(tx, {
                idempotencyKey: crypto.randomUUID(),
                cooperativeId: COOP,
                accountId: payee.accountId!,
                amountFen,
                method: o.permille % 2 ? "cash" : "bank",
                note: `property ${o.permille}`,
                paidOn: null,
              }),
            );
            if (!result.ok) seen.refused += 1;
            if (amountFen <= 0) expect(result).toEqual({ ok: false, reason: "invalid_amount" });
            else if (amountFen > owed) expect(result).toEqual({ ok: false, reason: "more_than_owed", owedFen: owed });
            else {
              expect(result).toMatchObject({ ok: true, amountFen, owedFen: owed - amountFen, repeated: false });
              paidHere.set(payee.accountId!, (paidHere.get(payee.accountId!) ?? 0) + amountFen);
              seen.recorded += 1;
            }
          }
        }

        const after = await as((tx) => listPayeeBalances(tx, COOP, "en"));
        const ledger = await ledgerOwed();
        const recorded = new Map(
          (
            await t.db.query<{ account_id: string; paid: number }>(
              "select account_id, sum(amount_fen)::bigint as paid from public.payouts where cooperative_id = $1 group by account_id",
              [COOP],
            )
          ).rows.map((r) => [r.account_id, r.paid]),
        );
        for (const b of after) {
          expect(b.owedFen).toBe(b.earnedFen - b.refundedFen - b.paidFen);
          if (!b.accountId) {
            expect([b.earnedFen, b.refundedFen, b.paidFen, b.owedFen]).toEqual([0, 0, 0, 0]);
            continue;
          }
          expect(b.owedFen).toBe(ledger.get(b.accountId));
          expect(b.paidFen).toBe(recorded.get(b.accountId) ?? 0);
          expect(b.paidFen - (before.get(b.accountId)?.paidFen ?? 0)).toBe(paidHere.get(b.accountId) ?? 0);
        }
        const unbalanced = await t.db.query("select posting_id from public.ledger_lines group by posting_id having sum(amount_fen) <> 0");
        expect(unbalanced.rows).toEqual([]);
        const total = await t.db.query<{ total: number }>("select coalesce(sum(amount_fen), 0)::bigint as total from public.ledger_lines");
        expect(total.rows[0].total).toBe(0);
      }),
      { numRuns: 10 },
    );
    // The histories did exercise both outcomes of a payout.
    expect(seen.recorded).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
