import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import type { Queryable } from "~/db/database.server";
import { withRole } from "~/db/request-role.server";
import { getStreamerEarnings, listPayeeBalances, recordPayout, type RecordPayoutInput } from "~/models/payout.server";
import { ids } from "~/seed/seed.server";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { type TestDatabase, unlimitedStockDatabase } from "../support/test-database";

// Payee balances from the ledger and offline payouts through public.record_payout, called
// as the people who would call it (the database decides who may), on the real database.
// Each test file has its own database; the tests here only add orders, refunds and payouts.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  ({ t, context } = await unlimitedStockDatabase());
});
afterAll(() => t.destroy());

const COOP = ids.cooperative("liujiawobao");
const OTHER_COOP = ids.cooperative("zhengjia");
const ADMIN = ids.user("admin@liujiawobao.demo");
const ADMIN2 = ids.user("admin2@liujiawobao.demo");
const OTHER_ADMIN = ids.user("admin@zhengjia.demo");
const HOST = ids.user("host@liujiawobao.demo");
const OTHER_HOST = ids.user("host@zhengjia.demo");
const LIVE = ids.session("liujiawobao-autumn-harvest-live");

const as = <T>(userId: string, fn: (tx: Queryable) => Promise<T>) => withRole(t.db, { role: "authenticated", userId }, fn);
const payAs = (userId: string, input: Partial<RecordPayoutInput> & Pick<RecordPayoutInput, "accountId" | "amountFen">) =>
  as(userId, (tx) =>
    recordPayout(tx, {
      idempotencyKey: crypto.randomUUID(),
      cooperativeId: COOP,
      method: "cash",
      note: "收据 001",
      paidOn: null,
      ...input,
    }),
  );

async function liveProduct(): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(
    "select p.id from public.products p where p.cooperative_id = $1 and p.household_id is not null and p.status = 'active' order by p.slug limit 1",
    [COOP],
  );
  return rows[0].id;
}

/** A paid order of the cooperative's product, sold in its live session (so the streamer earns). */
async function paidLiveOrder(quantity = 2): Promise<string> {
  const shopper = new Shopper(context);
  await shopper.add(await liveProduct(), quantity, LIVE);
  const orderId = await shopper.placeOrder();
  await shopper.pay(orderId);
  return orderId;
}

/** The ledger as it is (RLS bypassed): what each account is owed. */
const owedOf = async (accountId: string) =>
  (
    await t.db.query<{ owed: number }>(
      "select coalesce(-sum(amount_fen), 0)::bigint as owed from public.ledger_lines where account_id = $1",
      [accountId],
    )
  ).rows[0].owed;

async function accountOf(kind: "household" | "collective" | "streamer", orderId: string): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(
    `select distinct a.id from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id where p.order_id = $1 and a.kind = $2`,
    [orderId, kind],
  );
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

describe("payee balances", () => {
  it("list every household, the collective and the streamer, each equal to its ledger sums by posting kind", async () => {
    const orderId = await paidLiveOrder(3);
    const refund = await refundAsPlatformAdmin(t.db, {
      refundId: crypto.randomUUID(),
      orderId,
      items: "all",
      restock: false,
    });
    expect(refund.ok).toBe(true);
    await paidLiveOrder(2);
    const household = await accountOf("household", orderId);
    expect((await payAs(ADMIN, { accountId: household, amountFen: 1 })).ok).toBe(true);

    const balances = await as(ADMIN, (tx) => listPayeeBalances(tx, COOP, "en"));
    const households = await t.db.query<{ n: number }>("select count(*)::int as n from public.households where cooperative_id = $1", [
      COOP,
    ]);
    expect(balances.filter((b) => b.kind === "household")).toHaveLength(households.rows[0].n);
    expect(balances.filter((b) => b.kind === "collective")).toHaveLength(1);
    expect(balances.find((b) => b.kind === "streamer" && b.accountId === null)).toBeUndefined();
    expect(balances.filter((b) => b.kind === "streamer").length).toBeGreaterThanOrEqual(1);

    const sums = await t.db.query<{ id: string; earned: number; refunded: number; paid: number; owed: number }>(
      `select a.id,
              coalesce(-sum(l.amount_fen) filter (where p.kind = 'payment'), 0)::bigint as earned,
              coalesce(sum(l.amount_fen) filter (where p.kind = 'refund'), 0)::bigint as refunded,
              coalesce(sum(l.amount_fen) filter (where p.kind = 'payout'), 0)::bigint as paid,
              (-sum(l.amount_fen))::bigint as owed
         from public.ledger_accounts a join public.ledger_lines l on l.account_id = a.id
         join public.ledger_postings p on p.id = l.posting_id
        where a.cooperative_id = $1 group by a.id`,
      [COOP],
    );
    expect(sums.rows.length).toBeGreaterThanOrEqual(3);
    for (const s of sums.rows) {
      const b = balances.find((x) => x.accountId === s.id);
      expect(b, s.id).toMatchObject({ earnedFen: s.earned, refundedFen: s.refunded, paidFen: s.paid, owedFen: s.owed });
      expect(b!.owedFen).toBe(b!.earnedFen - b!.refundedFen - b!.paidFen);
    }
    const householdBalance = balances.find((b) => b.accountId === household)!;
    expect(householdBalance.refundedFen).toBeGreaterThan(0);
    expect(householdBalance.paidFen).toBe(1);
    const streamer = await accountOf("streamer", orderId);
    expect(balances.find((b) => b.kind === "streamer" && b.accountId === streamer)?.name).toBeTruthy();
  });
});

describe("recording an offline payout", () => {
  it("writes one balanced payout posting (payee debited, payouts clearing credited) and the payout record", async () => {
    const orderId = await paidLiveOrder();
    const account = await accountOf("collective", orderId);
    const before = await owedOf(account);
    const key = crypto.randomUUID();
    const result = await payAs(ADMIN2, {
      accountId: account,
      amountFen: 123,
      method: "bank",
      note: "  转账回单 A-17  ",
      paidOn: "2026-12-01",
      idempotencyKey: key,
    });
    expect(result).toMatchObject({ ok: true, amountFen: 123, owedFen: before - 123, repeated: false });
    expect(await owedOf(account)).toBe(before - 123);

    const payout = (
      await t.db.query<{
        posting_id: string;
        method: string;
        receipt_note: string;
        created_by: string;
        paid_on: string;
        cooperative_id: string;
      }>(
        "select posting_id, method, receipt_note, created_by, to_char(paid_on, 'YYYY-MM-DD') as paid_on, cooperative_id from public.payouts where idempotency_key = $1",
        [key],
      )
    ).rows[0];
    expect(payout).toMatchObject({
      method: "bank",
      receipt_note: "转账回单 A-17",
      created_by: ADMIN2,
      paid_on: "2026-12-01",
      cooperative_id: COOP,
    });
    const lines = await t.db.query<{ kind: string; posting_kind: string; amount: number }>(
      `select a.kind, p.kind as posting_kind, l.amount_fen as amount from public.ledger_lines l
         join public.ledger_accounts a on a.id = l.account_id join public.ledger_postings p on p.id = l.posting_id
        where l.posting_id = $1 order by l.amount_fen desc`,
      [payout.posting_id],
    );
    expect(lines.rows).toEqual([
      { kind: "collective", posting_kind: "payout", amount: 123 },
      { kind: "payouts_clearing", posting_kind: "payout", amount: -123 },
    ]);
    const unbalanced = await t.db.query("select posting_id from public.ledger_lines group by posting_id having sum(amount_fen) <> 0");
    expect(unbalanced.rows).toEqual([]);
  });

  it("refuses more than is owed, and bad amounts, methods, notes and dates, writing nothing", async () => {
    const orderId = await paidLiveOrder();
    const account = await accountOf("household", orderId);
    const owed = await owedOf(account);
    const count = async () => (await t.db.query<{ n: number }>("select count(*)::int as n from public.payouts")).rows[0].n;
    const before = await count();
    expect(await payAs(ADMIN, { accountId: account, amountFen: owed + 1 })).toEqual({ ok: false, reason: "more_than_owed", owedFen: owed });
    expect(await payAs(ADMIN, { accountId: account, amountFen: 0 })).toEqual({ ok: false, reason: "invalid_amount" });
    expect(await payAs(ADMIN, { accountId: account, amountFen: -5 })).toEqual({ ok: false, reason: "invalid_amount" });
    expect(await payAs(ADMIN, { accountId: account, amountFen: 1, method: "stripe_transfer" as "cash" })).toEqual({
      ok: false,
      reason: "invalid_method",
    });
    expect(await payAs(ADMIN, { accountId: account, amountFen: 1, note: "   " })).toEqual({ ok: false, reason: "invalid_note" });
    expect(await payAs(ADMIN, { accountId: account, amountFen: 1, note: "x".repeat(201) })).toEqual({ ok: false, reason: "invalid_note" });
    expect(await payAs(ADMIN, { accountId: account, amountFen: 1, paidOn: "2999-01-01" })).toEqual({ ok: false, reason: "invalid_date" });
    expect(await count()).toBe(before);
    // Exactly what is owed is fine; then nothing is.
    expect(await payAs(ADMIN, { accountId: account, amountFen: owed })).toMatchObject({ ok: true, owedFen: 0 });
    expect(await payAs(ADMIN, { accountId: account, amountFen: 1 })).toEqual({ ok: false, reason: "more_than_owed", owedFen: 0 });
  });

  it("is refused inside the database to this cooperative's streamer, another cooperative's admin and anon", async () => {
    const orderId = await paidLiveOrder();
    const account = await accountOf("collective", orderId);
    const owed = await owedOf(account);
    for (const user of [HOST, OTHER_HOST, OTHER_ADMIN]) {
      expect(await payAs(user, { accountId: account, amountFen: 1 })).toEqual({ ok: false, reason: "unknown_payee" });
      // naming the payee's own cooperative does not help
      expect(await payAs(user, { accountId: account, amountFen: 1, cooperativeId: COOP })).toEqual({ ok: false, reason: "unknown_payee" });
    }
    // another cooperative's admin, through their own cooperative's page: still not their payee
    expect(await payAs(OTHER_ADMIN, { accountId: account, amountFen: 1, cooperativeId: OTHER_COOP })).toEqual({
      ok: false,
      reason: "unknown_payee",
    });
    // this cooperative's admin on another cooperative's page (a forged form): refused too
    expect(await payAs(ADMIN, { accountId: account, amountFen: 1, cooperativeId: OTHER_COOP })).toEqual({
      ok: false,
      reason: "unknown_payee",
    });
    // the payouts clearing account is nobody's payee
    const clearing = (await t.db.query<{ id: string }>("select id from public.ledger_accounts where kind = 'payouts_clearing'")).rows[0].id;
    expect(await payAs(ADMIN, { accountId: clearing, amountFen: 1 })).toEqual({ ok: false, reason: "unknown_payee" });
    await expect(
      withRole(t.db, { role: "anon" }, (tx) =>
        tx.query("select public.record_payout($1, $2, $3, 1, 'cash', 'x', null)", [crypto.randomUUID(), COOP, account]),
      ),
    ).rejects.toThrow(/permission denied/);
    // nor can anyone write the ledger or the payouts table directly
    await expect(
      as(ADMIN, (tx) =>
        tx.query(
          "insert into public.payouts (cooperative_id, account_id, amount_fen, method, receipt_note) values ($1, $2, 1, 'cash', 'x')",
          [COOP, account],
        ),
      ),
    ).rejects.toThrow(/permission denied/);
    expect(await owedOf(account)).toBe(owed);
  });

  it("records a double submit (the same form token) once", async () => {
    const orderId = await paidLiveOrder();
    const account = await accountOf("household", orderId);
    const owed = await owedOf(account);
    const idempotencyKey = crypto.randomUUID();
    const [first, second] = await Promise.all([
      payAs(ADMIN, { accountId: account, amountFen: 50, idempotencyKey }),
      payAs(ADMIN, { accountId: account, amountFen: 50, idempotencyKey }),
    ]);
    expect([first, second].map((r) => r.ok && r.repeated).sort()).toEqual([false, true]);
    expect(await payAs(ADMIN2, { accountId: account, amountFen: 50, idempotencyKey })).toMatchObject({ ok: true, repeated: true });
    // the same token for another payout: a stale form, refused
    expect(await payAs(ADMIN, { accountId: account, amountFen: 51, idempotencyKey })).toEqual({ ok: false, reason: "key_reused" });
    const payouts = await t.db.query("select id from public.payouts where idempotency_key = $1", [idempotencyKey]);
    expect(payouts.rows).toHaveLength(1);
    expect(await owedOf(account)).toBe(owed - 50);
  });

  it("lets two admins paying the same balance at once pay it out once (the payee's account is locked)", async () => {
    const orderId = await paidLiveOrder(3);
    const account = await accountOf("collective", orderId);
    const owed = await owedOf(account);
    const most = Math.floor((owed * 3) / 5);
    const results = await Promise.all([ADMIN, ADMIN2, ADMIN, ADMIN2].map((admin) => payAs(admin, { accountId: account, amountFen: most })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: 3 }, () => ({ ok: false, reason: "more_than_owed", owedFen: owed - most })),
    );
    expect(await owedOf(account)).toBe(owed - most);
  });

  it("after a refund of what was paid out, the payee owes it back: negative owed, and no payout until sales cover it", async () => {
    const orderId = await paidLiveOrder(1);
    const account = await accountOf("household", orderId);
    const owed = await owedOf(account);
    expect(await payAs(ADMIN, { accountId: account, amountFen: owed })).toMatchObject({ ok: true, owedFen: 0 });
    const share = -(
      await t.db.query<{ amount: number }>(
        `select sum(l.amount_fen)::bigint as amount from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
          where p.order_id = $1 and p.kind = 'payment' and l.account_id = $2`,
        [orderId, account],
      )
    ).rows[0].amount;
    expect(await refundAsPlatformAdmin(t.db, { refundId: crypto.randomUUID(), orderId, items: "all", restock: true })).toMatchObject({
      ok: true,
    });
    const balance = (await as(ADMIN, (tx) => listPayeeBalances(tx, COOP, "zh-CN"))).find((b) => b.accountId === account)!;
    expect(balance.owedFen).toBe(-share);
    expect(balance.owedFen).toBe(balance.earnedFen - balance.refundedFen - balance.paidFen);
    expect(await payAs(ADMIN, { accountId: account, amountFen: 1 })).toEqual({ ok: false, reason: "more_than_owed", owedFen: -share });
  });
});

describe("a streamer's own earnings", () => {
  it("shows the streamer only their own account, lines and payouts", async () => {
    const orderId = await paidLiveOrder();
    const streamer = await accountOf("streamer", orderId);
    const collective = await accountOf("collective", orderId);
    expect((await payAs(ADMIN, { accountId: streamer, amountFen: 7, note: "主播佣金" })).ok).toBe(true);
    expect((await payAs(ADMIN, { accountId: collective, amountFen: 9, note: "集体" })).ok).toBe(true);

    const seen = await as(HOST, async (tx) => ({
      accounts: (await tx.query<{ id: string }>("select id from public.ledger_accounts")).rows.map((r) => r.id),
      lineAccounts: (await tx.query<{ account_id: string }>("select distinct account_id from public.ledger_lines")).rows.map(
        (r) => r.account_id,
      ),
      payouts: (await tx.query<{ account_id: string }>("select distinct account_id from public.payouts")).rows.map((r) => r.account_id),
      earnings: await getStreamerEarnings(tx, HOST, "en"),
    }));
    expect(seen.accounts).toEqual([streamer]);
    expect(seen.lineAccounts).toEqual([streamer]);
    expect(seen.payouts).toEqual([streamer]);
    expect(seen.earnings.accounts).toHaveLength(1);
    const own = seen.earnings.accounts[0];
    expect(own.owedFen).toBe(await owedOf(streamer));
    expect(own.owedFen).toBe(own.earnedFen - own.refundedFen - own.paidFen);
    expect(own.paidFen).toBeGreaterThanOrEqual(7);
    expect(seen.earnings.payouts.map((p) => p.note)).toContain("主播佣金");
    expect(seen.earnings.payouts.map((p) => p.note)).not.toContain("集体");

    // another cooperative's streamer sees none of it; an admin asking as themselves has no streamer earnings
    const other = await as(OTHER_HOST, async (tx) => ({
      payouts: (await tx.query("select id from public.payouts")).rows,
      earnings: await getStreamerEarnings(tx, OTHER_HOST, "en"),
      asThem: await getStreamerEarnings(tx, HOST, "en"),
    }));
    expect(other.payouts).toEqual([]);
    expect(other.asThem).toEqual({ accounts: [], payouts: [] });
    expect(other.earnings.payouts).toEqual([]);
  });
});
