import { randomUUID } from "node:crypto";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { reconcileStripePayments } from "~/models/stripe-reconcile.server";
import { settleOrderStripeRefunds } from "~/models/stripe-refunds.server";
import { createStripeClient } from "~/payments/stripe-client.server";
import { loader as payoutsLoader } from "~/routes/dashboard.$coopSlug.payouts";
import { ids } from "~/seed/seed.server";
import { createStripeMock } from "../mocks/stripe";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { request, settle } from "../support/route-call";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { stripeEvent, type webhookDelivery } from "../support/stripe-events";
import { connectZhengjiaPayees, stripeModeContext } from "../support/stripe-mode";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Money going back in Stripe mode (issue 10, items 5, 6 and 8; ADR 0027): an admin's refund
// after the transfers went out refunds the buyer at Stripe and reverses each payee's share of
// it; a reversal the connected account cannot cover leaves a receivable that the payee's next
// transfer nets; a dispute holds the payees' unsent transfers until it is won; refunds and
// reversals reported by Stripe are matched to ours once, or booked/flagged when made outside.
const SECRET_KEY = "sk_test_harvest";
const shortOfBalance = new Set<string>();
const stripeMock = createStripeMock({ secretKey: SECRET_KEY, reversalFailure: (destination) => shortOfBalance.has(destination) });
const server = setupServer(...stripeMock.handlers);
const stripe = createStripeClient({ secretKey: SECRET_KEY, maxNetworkRetries: 0 });
const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const LIVE = ids.session("zhengjia-fungus-drying-replay");

let t: TestDatabase;
let context: AppContext & { stripe: Stripe };
let household: string;
let admin: string;
let deliver: ReturnType<typeof webhookDelivery>;
let accounts: Record<"household" | "collective", string>;

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  t = await createTestDatabase();
  ({ context, deliver } = stripeModeContext(t, stripe, { secretKey: SECRET_KEY, webhookSecret: "whsec_test_money_back" }));
  ({ admin, household, accounts } = await connectZhengjiaPayees(t, context, stripeMock));
});
afterEach(() => {
  server.resetHandlers();
  shortOfBalance.clear();
  expect(stripeMock.violations).toEqual([]);
});
afterAll(async () => {
  server.close();
  await t.destroy();
});

/** A live-sold fungus order paid at Stripe through the webhook (its transfers sent, unless Stripe refuses them). */
async function paidOrder(quantity = 2) {
  const shopper = new Shopper(context);
  await shopper.add(FUNGUS, quantity, LIVE);
  const placed = await shopper.checkout();
  const sessionId = /(cs_test_\w+)$/.exec(placed.location ?? "")![1];
  const orderId = String(stripeMock.sessions.get(sessionId)!.client_reference_id);
  const session = stripeMock.paidSession(sessionId);
  const answer = await deliver(stripeEvent("checkout.session.completed", session));
  return { orderId, paymentIntent: String(session.payment_intent), answer };
}

const ledgerAccount = async (kind: "household" | "collective") =>
  (
    await q<{ id: string }>(
      "select id from public.ledger_accounts where kind = $1 and cooperative_id = $2 and household_id is not distinct from $3",
      [kind, ids.cooperative("zhengjia"), kind === "household" ? household : null],
    )
  )[0].id;
const owed = async (accountId: string) =>
  (
    await q<{ owed: number }>("select coalesce(-sum(amount_fen), 0)::int as owed from public.ledger_lines where account_id = $1", [
      accountId,
    ])
  )[0].owed;
const transfers = (orderId: string) =>
  q<{ id: string; account_id: string; amount_fen: number; status: string; reversed_fen: number; stripe_transfer_id: string | null }>(
    `select id, account_id, amount_fen::int as amount_fen, status, reversed_fen::int as reversed_fen, stripe_transfer_id
       from public.stripe_transfers where order_id = $1 order by account_id`,
    [orderId],
  );
const refundShares = (refundId: string) =>
  q<{ account_id: string; share: number }>(
    `select l.account_id, sum(l.amount_fen)::int as share from public.ledger_lines l join public.refunds r on r.posting_id = l.posting_id
      where r.id = $1 group by l.account_id having sum(l.amount_fen) > 0`,
    [refundId],
  );
const reversals = (orderId: string) =>
  q<{ transfer_id: string; refund_id: string | null; amount_fen: number; status: string; stripe_reversal_id: string | null }>(
    `select r.transfer_id, r.refund_id, r.amount_fen::int as amount_fen, r.status, r.stripe_reversal_id
       from public.stripe_transfer_reversals r join public.stripe_transfers t on t.id = r.transfer_id where t.order_id = $1`,
    [orderId],
  );
const itemOf = async (orderId: string) =>
  (await q<{ id: string }>("select id from public.order_items where order_id = $1", [orderId]))[0].id;

describe("a refund after the transfers went out", () => {
  it("refunds the buyer at Stripe and reverses each payee's share of the refund, once", async () => {
    const { orderId, paymentIntent } = await paidOrder(2);
    const sent = await transfers(orderId);
    expect(sent.map((s) => s.status)).toEqual(["sent", "sent"]);
    const payees = await Promise.all([ledgerAccount("household"), ledgerAccount("collective")]);
    const owedBefore = await Promise.all(payees.map(owed));

    const refundId = randomUUID();
    const refunded = await refundAsPlatformAdmin(t.db, {
      refundId,
      orderId,
      items: [{ orderItemId: await itemOf(orderId), quantity: 1 }],
      restock: false,
    });
    expect(refunded).toMatchObject({ ok: true });
    // Two instances settle at once (the dashboard and the reconcile job): one refund, one reversal per payee.
    const [a, b] = await Promise.all([settleOrderStripeRefunds(t.db, stripe, orderId), settleOrderStripeRefunds(t.db, stripe, orderId)]);
    expect(a.refundsPending + b.refundsPending).toBe(0);

    const refundCalls = stripeMock.calls.filter((c) => c.path === "/v1/refunds" && c.form.payment_intent === paymentIntent);
    expect(new Set(refundCalls.map((c) => c.idempotencyKey))).toEqual(new Set([`refund:${refundId}`]));
    expect(refundCalls[0].form).toMatchObject({
      amount: String((refunded as { amountFen: number }).amountFen),
      "metadata[refund_id]": refundId,
    });
    expect(stripeMock.refunds.get(paymentIntent)).toHaveLength(1);
    expect(await q("select status from public.stripe_refunds where refund_id = $1", [refundId])).toEqual([{ status: "succeeded" }]);

    const shares = await refundShares(refundId);
    const made = await reversals(orderId);
    expect(made).toHaveLength(2);
    for (const transfer of await transfers(orderId)) {
      const share = shares.find((s) => s.account_id === transfer.account_id)!.share;
      expect(made.find((r) => r.transfer_id === transfer.id)).toMatchObject({
        refund_id: refundId,
        amount_fen: share,
        status: "succeeded",
      });
      expect(transfer.reversed_fen).toBe(share);
      const atStripe = stripeMock.transfers.get(transfer.stripe_transfer_id!)!;
      expect(atStripe.amount_reversed).toBe(share);
    }
    // The payees gave back their share and got it reversed: owed is where it was.
    expect(await Promise.all(payees.map(owed))).toEqual(owedBefore);
  });

  it("records a receivable when a connected account cannot cover the reversal, and nets it against the next transfer", async () => {
    const { orderId } = await paidOrder(2);
    const householdAccount = await ledgerAccount("household");
    shortOfBalance.add(accounts.household);
    const refundId = randomUUID();
    expect(await refundAsPlatformAdmin(t.db, { refundId, orderId, items: "all", restock: false })).toMatchObject({ ok: true });
    const settled = await settleOrderStripeRefunds(t.db, stripe, orderId);
    expect(settled).toMatchObject({ refundsPending: 0, reversalsPending: 0, reversalsFailed: 1 });
    const share = (await refundShares(refundId)).find((s) => s.account_id === householdAccount)!.share;
    const failed = (await reversals(orderId)).find((r) => r.status === "failed")!;
    expect(failed.amount_fen).toBe(share);
    expect(await owed(householdAccount)).toBeLessThanOrEqual(-share); // the household owes it back

    // The next order: the household's transfer is its credit less what it owes back.
    shortOfBalance.clear();
    const receivable = -(await owed(householdAccount));
    const next = await paidOrder(3);
    const credit = (
      await q<{ credit: number }>(
        `select (-sum(l.amount_fen))::int as credit from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
          where p.order_id = $1 and p.kind = 'payment' and l.account_id = $2`,
        [next.orderId, householdAccount],
      )
    )[0].credit;
    const netted = (await transfers(next.orderId)).find((r) => r.account_id === householdAccount);
    if (credit > receivable) expect(netted).toMatchObject({ amount_fen: credit - receivable, status: "sent" });
    else expect(netted).toBeUndefined();
  });

  it("sends the refund again under the same key when Stripe was down, and reverses only after it went through", async () => {
    const { orderId, paymentIntent } = await paidOrder(1);
    server.use(http.post("https://api.stripe.com/v1/refunds", () => HttpResponse.error()));
    const refundId = randomUUID();
    await refundAsPlatformAdmin(t.db, { refundId, orderId, items: "all", restock: false });
    expect(await settleOrderStripeRefunds(t.db, stripe, orderId)).toMatchObject({ refundsPending: 1, reversalsPending: 0 });
    expect((await reversals(orderId)).map((r) => r.status)).toEqual(["pending", "pending"]);
    server.resetHandlers();
    const report = await reconcileStripePayments(t.db, stripe, { since: new Date(Date.now() - 60_000) });
    expect(report).toMatchObject({ stripeRefundsPending: 0, reversalsPending: 0 });
    expect(stripeMock.refunds.get(paymentIntent)).toHaveLength(1);
    expect((await reversals(orderId)).map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
  });
});

describe("a refund before the transfers went out", () => {
  it("sends less, or nothing, instead of sending and reversing", async () => {
    server.use(
      http.post("https://api.stripe.com/v1/transfers", () =>
        HttpResponse.json({ error: { type: "invalid_request_error", message: "insufficient available balance" } }, { status: 400 }),
      ),
    );
    const { orderId, answer } = await paidOrder(2);
    expect(answer.status).toBe(503); // Stripe will redeliver
    const before = await transfers(orderId);
    expect(before.map((r) => r.status)).toEqual(["pending", "pending"]);
    const refundId = randomUUID();
    await refundAsPlatformAdmin(t.db, { refundId, orderId, items: [{ orderItemId: await itemOf(orderId), quantity: 1 }], restock: false });
    const shares = await refundShares(refundId);
    for (const row of await transfers(orderId)) {
      const was = before.find((b) => b.id === row.id)!;
      expect(row.amount_fen).toBe(was.amount_fen - shares.find((s) => s.account_id === row.account_id)!.share);
    }
    expect(await reversals(orderId)).toEqual([]);
  });
});

describe("disputes", () => {
  it("hold the payees' unsent transfers while open, and release them when won", async () => {
    const { orderId, paymentIntent } = await paidOrder(1);
    server.use(
      http.post("https://api.stripe.com/v1/transfers", () =>
        HttpResponse.json({ error: { type: "invalid_request_error", message: "insufficient available balance" } }, { status: 400 }),
      ),
    );
    const pendingOrder = await paidOrder(1);
    const dispute = {
      id: `dp_test_${orderId.slice(0, 8)}`,
      object: "dispute",
      charge: stripeMock.chargeOf(paymentIntent),
      payment_intent: paymentIntent,
      amount: 100,
      reason: "fraudulent",
      status: "needs_response",
    };
    const opened = stripeEvent("charge.dispute.created", dispute);
    expect(await Promise.all([deliver(opened), deliver(opened)])).toMatchObject([{ status: 200 }, { status: 200 }]);
    expect(await q("select order_id, stripe_status, outcome from public.stripe_disputes where id = $1", [dispute.id])).toEqual([
      { order_id: orderId, stripe_status: "needs_response", outcome: null },
    ]);
    expect((await transfers(pendingOrder.orderId)).map((r) => r.status)).toEqual(["held", "held"]);
    server.resetHandlers();
    // Held transfers are not sent by the sweep.
    await reconcileStripePayments(t.db, stripe, { since: new Date(Date.now() - 60_000) });
    expect((await transfers(pendingOrder.orderId)).map((r) => r.status)).toEqual(["held", "held"]);

    expect((await deliver(stripeEvent("charge.dispute.closed", { ...dispute, status: "won" }))).status).toBe(200);
    expect(await q("select outcome from public.stripe_disputes where id = $1", [dispute.id])).toEqual([{ outcome: "won" }]);
    expect((await transfers(pendingOrder.orderId)).map((r) => r.status)).toEqual(["sent", "sent"]);
  });
});

describe("what Stripe reports", () => {
  it("confirms a refund of ours whose answer was lost, and flags a refund made in Stripe's dashboard", async () => {
    const { orderId, paymentIntent } = await paidOrder(2);
    server.use(http.post("https://api.stripe.com/v1/refunds", () => HttpResponse.error()));
    const refundId = randomUUID();
    const refunded = (await refundAsPlatformAdmin(t.db, {
      refundId,
      orderId,
      items: [{ orderItemId: await itemOf(orderId), quantity: 1 }],
      restock: false,
    })) as { amountFen: number };
    await settleOrderStripeRefunds(t.db, stripe, orderId);
    server.resetHandlers();
    // Stripe made it (the answer was lost on the way): it says so with refund.updated, and the
    // charge.refunded that comes with it (no refund list in it, as Stripe sends it) adds up.
    const refundEvent = {
      id: "re_test_lost",
      object: "refund",
      status: "succeeded",
      payment_intent: paymentIntent,
      metadata: { refund_id: refundId },
    };
    expect(await deliver(stripeEvent("refund.updated", refundEvent))).toMatchObject({ status: 200 });
    expect(await q("select status, stripe_refund_id from public.stripe_refunds where refund_id = $1", [refundId])).toEqual([
      { status: "succeeded", stripe_refund_id: "re_test_lost" },
    ]);
    const charge = {
      id: stripeMock.chargeOf(paymentIntent),
      object: "charge",
      payment_intent: paymentIntent,
      amount_refunded: refunded.amountFen,
    };
    expect(await deliver(stripeEvent("charge.refunded", charge))).toMatchObject({ status: 200 });
    expect(
      await q("select outcome from public.stripe_webhook_events where object_id = $1 and type = 'charge.refunded'", [charge.id]),
    ).toEqual([{ outcome: "refund_confirmed" }]);

    // Someone refunds 3.00 more in Stripe's dashboard: flagged for the cooperative, not booked by guess.
    const more = { ...charge, amount_refunded: refunded.amountFen + 300 };
    expect(await deliver(stripeEvent("charge.refunded", more))).toMatchObject({ status: 200 });
    expect(
      await q("select order_id, unknown_fen::int as unknown_fen from public.stripe_outside_refunds where charge_id = $1", [charge.id]),
    ).toEqual([{ order_id: orderId, unknown_fen: 300 }]);
  });

  it("books a transfer reversal made outside the app once, crediting the payee back", async () => {
    const { orderId } = await paidOrder(3);
    const [transfer] = await transfers(orderId);
    const before = await owed(transfer.account_id);
    const amount = Math.min(50, transfer.amount_fen);
    const reversed = {
      id: transfer.stripe_transfer_id,
      object: "transfer",
      amount_reversed: amount,
      reversals: { object: "list", data: [{ id: "trr_test_dash", amount }] },
    };
    const event = stripeEvent("transfer.reversed", reversed);
    expect((await deliver(event)).status).toBe(200);
    expect((await deliver(stripeEvent("transfer.reversed", reversed))).status).toBe(200); // another event, same reversal
    expect(await owed(transfer.account_id)).toBe(before + amount);
    expect((await reversals(orderId)).filter((r) => r.stripe_reversal_id === "trr_test_dash")).toMatchObject([
      { refund_id: null, amount_fen: amount, status: "succeeded" },
    ]);
  });
});

describe("the payouts page in Stripe mode", () => {
  it("shows the cooperative's admin what needs attention: disputes, receivables, refunds made in Stripe", async () => {
    const page = await settle(() =>
      payoutsLoader({ request: request("/dashboard/zhengjia/payouts", admin), params: { coopSlug: "zhengjia" }, context }),
    );
    expect(page.status).toBe(200);
    const { attention } = page.body as {
      attention: {
        disputes: { outcome: string | null }[];
        receivables: { kind: string; amountFen: number }[];
        outsideRefunds: { amountFen: number }[];
      };
    };
    expect(attention.disputes).toEqual([expect.objectContaining({ outcome: "won", reason: "fraudulent" })]);
    expect(attention.receivables).toEqual([expect.objectContaining({ kind: "household" })]);
    expect(attention.outsideRefunds).toEqual([expect.objectContaining({ amountFen: 300 })]);
    // Another cooperative's admin sees none of it.
    const other = await signIn(context, "admin@liujiawobao.demo");
    const theirs = await settle(() =>
      payoutsLoader({ request: request("/dashboard/liujiawobao/payouts", other), params: { coopSlug: "liujiawobao" }, context }),
    );
    expect(theirs.body).toMatchObject({ attention: { disputes: [], receivables: [], outsideRefunds: [], refundsUnconfirmed: 0 } });
  });
});
