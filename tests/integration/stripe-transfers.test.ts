import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { settleOrderStripeRefunds } from "~/models/stripe-refunds.server";
import { sendAllPendingTransfers } from "~/models/stripe-transfers.server";
import { createStripeClient } from "~/payments/stripe-client.server";
import { loader as payoutsLoader } from "~/routes/dashboard.$coopSlug.payouts";
import { ids } from "~/seed/seed.server";
import { createStripeMock } from "../mocks/stripe";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { request, settle } from "../support/route-call";
import { Shopper } from "../support/shopper";
import { stripeEvent, type webhookDelivery } from "../support/stripe-events";
import { connectZhengjiaPayees, nextAccountEventTime, stripeModeContext } from "../support/stripe-mode";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Transfers after a Stripe payment (ADR 0025): a signed checkout.session.completed, however
// often and however concurrently delivered, pays the order once and sends each payee with an
// enabled connected account its ledger credit once (netted against a receivable); the rest
// accrue. A transfer Stripe refuses keeps the webhook at 503 until a redelivery sends it.
const SECRET_KEY = "sk_test_harvest";
const stripeMock = createStripeMock({ secretKey: SECRET_KEY });
const server = setupServer(...stripeMock.handlers);
const stripe = createStripeClient({ secretKey: SECRET_KEY, maxNetworkRetries: 0 });
const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const LIVE = ids.session("zhengjia-fungus-drying-replay");

let t: TestDatabase;
let context: AppContext & { stripe: Stripe };
let admin: string;
let household: string;
let deliver: ReturnType<typeof webhookDelivery>;
const accounts: Record<"household" | "collective", string> = { household: "", collective: "" };

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;

async function setPayouts(payee: "household" | "collective", enabled: boolean) {
  const state = stripeMock.accountState(accounts[payee], { payoutsEnabled: enabled, detailsSubmitted: true });
  expect((await deliver(stripeEvent("account.updated", state, nextAccountEventTime()))).status).toBe(200);
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  t = await createTestDatabase();
  ({ context, deliver } = stripeModeContext(t, stripe, { secretKey: SECRET_KEY, webhookSecret: "whsec_test_transfers" }));
  let connected: Record<"household" | "collective", string>;
  ({ admin, household, accounts: connected } = await connectZhengjiaPayees(t, context, stripeMock));
  Object.assign(accounts, connected);
});
afterEach(() => {
  server.resetHandlers();
  expect(stripeMock.violations).toEqual([]);
});
afterAll(async () => {
  server.close();
  await t.destroy();
});

/** A Stripe-mode order of `quantity` fungus sold live, paid (not yet delivered) at Stripe. */
async function stripeOrder(quantity: number) {
  const shopper = new Shopper(context);
  await shopper.add(FUNGUS, quantity, LIVE);
  const placed = await shopper.checkout();
  const sessionId = /(cs_test_\w+)$/.exec(placed.location ?? "")?.[1];
  if (!sessionId) throw new Error(`checkout did not go to Stripe: ${JSON.stringify(placed)}`);
  const orderId = String(stripeMock.sessions.get(sessionId)!.client_reference_id);
  const session = stripeMock.paidSession(sessionId);
  return { orderId, session, completed: stripeEvent("checkout.session.completed", session) };
}

/** Each payee account's credit in the order's payment posting (payees are credited negative). */
async function credits(orderId: string) {
  const rows = await q<{ account_id: string; kind: string; household_id: string | null; credit: number }>(
    `select l.account_id, a.kind, a.household_id, (-sum(l.amount_fen))::int as credit
       from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id
      where p.order_id = $1 and p.kind = 'payment' and a.kind in ('household', 'collective', 'streamer')
      group by l.account_id, a.kind, a.household_id`,
    [orderId],
  );
  return rows;
}
const owed = async (accountId: string) =>
  (
    await q<{ owed: number }>("select coalesce(-sum(amount_fen), 0)::int as owed from public.ledger_lines where account_id = $1", [
      accountId,
    ])
  )[0].owed;
const ledgerAccount = async (kind: "household" | "collective") =>
  (
    await q<{ id: string }>(
      "select id from public.ledger_accounts where kind = $1 and cooperative_id = $2 and household_id is not distinct from $3",
      [kind, ids.cooperative("zhengjia"), kind === "household" ? household : null],
    )
  )[0]?.id;
const transfersOf = (orderId: string) =>
  q<{
    id: string;
    account_id: string;
    connected_account_id: string;
    amount_fen: number;
    status: string;
    stripe_transfer_id: string | null;
    source_charge_id: string | null;
    failure: string | null;
    payout_id: string | null;
  }>(
    `select id, account_id, connected_account_id, amount_fen::int as amount_fen, status, stripe_transfer_id, source_charge_id, failure, payout_id
       from public.stripe_transfers where order_id = $1 order by connected_account_id`,
    [orderId],
  );
const paymentPostings = async (orderId: string) =>
  (await q<{ n: number }>("select count(*)::int as n from public.ledger_postings where order_id = $1 and kind = 'payment'", [orderId]))[0]
    .n;
const payoutPostings = async (transferIds: string[]) =>
  (
    await q<{ n: number }>("select count(*)::int as n from public.ledger_postings where idempotency_key = any($1) and kind = 'payout'", [
      transferIds.map((id) => `transfer:${id}`),
    ])
  )[0].n;
const stripeTransfersFor = (orderId: string) => [...stripeMock.transfers.values()].filter((tr) => tr.transfer_group === orderId);

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe("transfers after a Stripe payment", () => {
  it("pays once and sends each enabled payee its credit once, from five shuffled concurrent deliveries", async () => {
    const { orderId, session, completed } = await stripeOrder(2);
    const again = stripeEvent("checkout.session.completed", session); // another event for the same session
    const payees = await Promise.all((["household", "collective"] as const).map(ledgerAccount));
    const before = new Map(await Promise.all(payees.filter(Boolean).map(async (a) => [a!, await owed(a!)] as const)));
    const answers = await Promise.all(shuffled([completed, completed, completed, again, again]).map((e) => deliver(e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await paymentPostings(orderId)).toBe(1);

    const credit = await credits(orderId);
    const rows = await transfersOf(orderId);
    const charge = stripeMock.chargeOf(String(session.payment_intent));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const payee = credit.find((c) => c.account_id === row.account_id)!;
      expect(payee.kind === "household" ? payee.household_id : "collective").toBe(payee.kind === "household" ? household : "collective");
      expect(row).toMatchObject({ status: "sent", amount_fen: payee.credit, source_charge_id: charge, failure: null });
      expect(row.connected_account_id).toBe(accounts[payee.kind as "household" | "collective"]);
    }
    // Stripe made exactly one transfer per payee, with what the mock checks and this
    const made = stripeTransfersFor(orderId);
    expect(made).toHaveLength(2);
    const sent = stripeMock.calls.filter((c) => c.path === "/v1/transfers" && c.form.transfer_group === orderId);
    for (const row of rows) {
      const call = sent.find((c) => c.idempotencyKey === `transfer:${row.id}`)!;
      expect(call.form).toMatchObject({
        amount: String(row.amount_fen),
        currency: "cny",
        destination: row.connected_account_id,
        source_transaction: charge,
        transfer_group: orderId,
        "metadata[order_id]": orderId,
      });
      expect(made.map((m) => m.id)).toContain(row.stripe_transfer_id);
    }
    expect(await payoutPostings(rows.map((r) => r.id))).toBe(2);
    const payouts = await q<{ method: string; stripe_transfer_id: string; amount_fen: number; order_id: string }>(
      "select method, stripe_transfer_id, amount_fen::int as amount_fen, order_id from public.payouts where order_id = $1",
      [orderId],
    );
    expect(payouts).toHaveLength(2);
    expect(payouts.every((p) => p.method === "stripe_transfer")).toBe(true);

    // Every payee's credit is either transferred or accrued (the streamer, say): nothing lost, nothing twice.
    for (const payee of credit) {
      const transferred = rows.filter((r) => r.account_id === payee.account_id).reduce((s, r) => s + r.amount_fen, 0);
      const accrued = (await owed(payee.account_id)) - (before.get(payee.account_id) ?? 0);
      expect(transferred + accrued, payee.kind).toBe(payee.credit);
    }

    // The payouts page lists them as Stripe transfers with their ids.
    const page = await settle(() =>
      payoutsLoader({ request: request("/dashboard/zhengjia/payouts", admin), params: { coopSlug: "zhengjia" }, context }),
    );
    const listed = (page.body as { payouts: { method: string; stripeTransferId: string | null }[] }).payouts;
    for (const row of rows)
      expect(listed).toContainEqual(expect.objectContaining({ method: "stripe_transfer", stripeTransferId: row.stripe_transfer_id }));
  });

  it("nets a receivable from a refund against the next transfer, and writes no transfer of 0", async () => {
    const refundWhole = async (orderId: string) => {
      const item = (
        await q<{ id: string; quantity: number }>("select id, quantity from public.order_items where order_id = $1", [orderId])
      )[0];
      const result = await refundAsPlatformAdmin(t.db, {
        refundId: crypto.randomUUID(),
        orderId,
        items: [{ orderItemId: item.id, quantity: item.quantity }],
        restock: false,
      });
      expect(result.ok).toBe(true);
      // The connected accounts cannot give it back (their Stripe balance is short): receivables.
      server.use(
        http.post("https://api.stripe.com/v1/transfers/:id/reversals", () =>
          HttpResponse.json({ error: { type: "invalid_request_error", code: "balance_insufficient", message: "short" } }, { status: 400 }),
        ),
      );
      expect(await settleOrderStripeRefunds(t.db, stripe, orderId)).toMatchObject({ refundsPending: 0, reversalsPending: 0 });
      server.resetHandlers();
    };
    const householdAccount = (await ledgerAccount("household"))!;
    expect(await owed(householdAccount)).toBe(0); // everything so far was transferred

    const first = await stripeOrder(1);
    expect((await deliver(first.completed)).status).toBe(200);
    const c = (await credits(first.orderId)).find((p) => p.account_id === householdAccount)!.credit;
    await refundWhole(first.orderId); // after its transfer: the household owes it back
    expect(await owed(householdAccount)).toBe(-c);

    // The same sale again: its credits only cover the receivables (the refund took back the
    // collective's share too), so nobody gets a transfer of 0.
    const second = await stripeOrder(1);
    expect((await deliver(second.completed)).status).toBe(200);
    expect(await transfersOf(second.orderId)).toEqual([]);
    expect(await owed(householdAccount)).toBe(0);
    expect(await owed((await ledgerAccount("collective"))!)).toBe(0);

    await refundWhole(second.orderId);
    expect(await owed(householdAccount)).toBe(-c);
    const third = await stripeOrder(2);
    expect((await deliver(third.completed)).status).toBe(200);
    const credit = (await credits(third.orderId)).find((p) => p.account_id === householdAccount)!.credit;
    const row = (await transfersOf(third.orderId)).find((r) => r.account_id === householdAccount)!;
    expect(row).toMatchObject({ status: "sent", amount_fen: credit - c });
    expect(await owed(householdAccount)).toBe(0);
  });

  it("answers 503 while Stripe refuses a transfer, and a redelivery sends it once", async () => {
    const { orderId, completed } = await stripeOrder(1);
    server.use(
      http.post("https://api.stripe.com/v1/transfers", () =>
        HttpResponse.json(
          { error: { type: "invalid_request_error", code: "balance_insufficient", message: "Insufficient funds" } },
          { status: 400 },
        ),
      ),
    );
    expect(await deliver(completed)).toMatchObject({ status: 503, body: { retry: "transfer" } });
    const pending = await transfersOf(orderId);
    expect(pending).toHaveLength(2);
    expect(pending.every((r) => r.status === "pending" && r.payout_id === null && /Insufficient funds/.test(r.failure ?? ""))).toBe(true);
    expect(await q("select 1 from public.payouts where order_id = $1", [orderId])).toEqual([]);
    expect((await deliver(completed)).status).toBe(503); // still refused: still pending
    server.resetHandlers();
    const answers = await Promise.all([deliver(completed), deliver(completed)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const sent = await transfersOf(orderId);
    expect(sent.every((r) => r.status === "sent" && r.failure === null)).toBe(true);
    expect(stripeTransfersFor(orderId)).toHaveLength(2);
    expect(await payoutPostings(sent.map((r) => r.id))).toBe(2);
    expect(await paymentPostings(orderId)).toBe(1);
  });

  it("sends again, under the same key, a transfer Stripe gave no answer for, once the claim is a minute old", async () => {
    const { orderId, completed } = await stripeOrder(1);
    server.use(
      http.post("https://api.stripe.com/v1/transfers", () =>
        HttpResponse.json({ error: { type: "api_error", message: "down" } }, { status: 500 }),
      ),
    );
    expect((await deliver(completed)).status).toBe(503);
    server.resetHandlers();
    // A server error: the transfer may exist at Stripe, so it stays claimed (its amount fixed)…
    expect((await transfersOf(orderId)).map((r) => r.status)).toEqual(["sending", "sending"]);
    expect(await sendAllPendingTransfers(t.db, stripe)).toBe(0); // …and a fresh claim is left alone
    expect(stripeTransfersFor(orderId)).toHaveLength(0);
    await q("update public.stripe_transfers set updated_at = now() - interval '2 minutes' where order_id = $1", [orderId]);
    expect(await sendAllPendingTransfers(t.db, stripe)).toBe(0);
    const keys = stripeMock.calls
      .filter((c) => c.path === "/v1/transfers" && c.form.transfer_group === orderId)
      .map((c) => c.idempotencyKey);
    expect(keys).toHaveLength(2); // the successful tries; both under the first key of their row
    for (const key of keys) expect(key).toMatch(/^transfer:[0-9a-f-]{36}$/);
    expect((await transfersOf(orderId)).map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(await sendAllPendingTransfers(t.db, stripe)).toBe(0); // nothing left, nothing sent twice
    expect(stripeTransfersFor(orderId)).toHaveLength(2);
  });

  it("transfers each of two orders paid at the same moment for the same payees", async () => {
    const orders = await Promise.all([stripeOrder(1), stripeOrder(2)]);
    const answers = await Promise.all(orders.flatMap((o) => [deliver(o.completed), deliver(o.completed)]));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (const { orderId } of orders) {
      const credit = await credits(orderId);
      const rows = await transfersOf(orderId);
      expect(rows).toHaveLength(2);
      for (const row of rows)
        expect(row).toMatchObject({ status: "sent", amount_fen: credit.find((c) => c.account_id === row.account_id)!.credit });
    }
    for (const kind of ["household", "collective"] as const) expect(await owed((await ledgerAccount(kind))!)).toBe(0);
  });

  it("lets a payee whose payouts are not enabled accrue its credit, to be paid offline", async () => {
    await setPayouts("household", false);
    const householdAccount = (await ledgerAccount("household"))!;
    const before = await owed(householdAccount);
    const { orderId, completed } = await stripeOrder(1);
    expect((await deliver(completed)).status).toBe(200);
    const credit = (await credits(orderId)).find((p) => p.account_id === householdAccount)!.credit;
    const rows = await transfersOf(orderId);
    expect(rows.map((r) => r.connected_account_id)).toEqual([accounts.collective]);
    expect(await owed(householdAccount)).toBe(before + credit);
  });
});
