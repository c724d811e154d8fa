import { randomUUID } from "node:crypto";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { reconcileStripePayments } from "~/models/stripe-reconcile.server";
import { settleOrderStripeRefunds } from "~/models/stripe-refunds.server";
import { createStripeClient } from "~/payments/stripe-client.server";
import { ids } from "~/seed/seed.server";
import { createStripeMock } from "../mocks/stripe";
import { refundAsPlatformAdmin } from "../support/refund-as";
import { Shopper } from "../support/shopper";
import { stripeEvent, type webhookDelivery } from "../support/stripe-events";
import { connectZhengjiaPayees, FUNGUS, stripeModeContext } from "../support/stripe-mode";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Money going back when things happen at once or out of order (ADR 0027, the review of
// 2026-12-04): a refund while a transfer is at Stripe, a dispute closed before it is opened,
// a lost dispute, a refund made in Stripe's dashboard and then recorded here, a refund that
// settles later, and an event the database refuses.
const SECRET_KEY = "sk_test_harvest";
let duringTransfer: (() => Promise<void>) | undefined;
let refundStatus: "succeeded" | "pending" = "succeeded";
const stripeMock = createStripeMock({
  secretKey: SECRET_KEY,
  duringTransfer: () => duringTransfer?.() ?? Promise.resolve(),
  refundStatus: () => refundStatus,
});
const server = setupServer(...stripeMock.handlers);
const stripe = createStripeClient({ secretKey: SECRET_KEY, maxNetworkRetries: 0 });
const LIVE = ids.session("zhengjia-fungus-drying-replay");

let t: TestDatabase;
let context: AppContext & { stripe: Stripe };
let deliver: ReturnType<typeof webhookDelivery>;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  t = await createTestDatabase();
  ({ context, deliver } = stripeModeContext(t, stripe, { secretKey: SECRET_KEY, webhookSecret: "whsec_test_races" }));
  await connectZhengjiaPayees(t, context, stripeMock);
});
afterEach(() => {
  server.resetHandlers();
  duringTransfer = undefined;
  refundStatus = "succeeded";
  expect(stripeMock.violations).toEqual([]);
});
afterAll(async () => {
  server.close();
  await t.destroy();
});

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;
const refusedTransfers = () =>
  server.use(
    http.post("https://api.stripe.com/v1/transfers", () =>
      HttpResponse.json({ error: { type: "invalid_request_error", message: "insufficient available balance" } }, { status: 400 }),
    ),
  );

/** A fungus order bought and its Stripe payment's webhook delivered; the order, its PaymentIntent and the webhook's answer. */
async function paidOrder(quantity = 2) {
  const shopper = new Shopper(context);
  await shopper.add(FUNGUS, quantity, LIVE);
  const placed = await shopper.checkout();
  const sessionId = /(cs_test_\w+)$/.exec(placed.location ?? "")![1];
  const session = stripeMock.paidSession(sessionId);
  const answer = await deliver(stripeEvent("checkout.session.completed", session));
  return {
    orderId: String((session as { client_reference_id?: string }).client_reference_id),
    paymentIntent: String(session.payment_intent),
    answer,
  };
}
const transfers = (orderId: string) =>
  q<{ id: string; account_id: string; amount_fen: number; status: string; reversed_fen: number }>(
    "select id, account_id, amount_fen::int as amount_fen, status, reversed_fen::int as reversed_fen from public.stripe_transfers where order_id = $1 order by account_id",
    [orderId],
  );
const owed = async (accountId: string) =>
  (
    await q<{ owed: number }>("select coalesce(-sum(amount_fen), 0)::int as owed from public.ledger_lines where account_id = $1", [
      accountId,
    ])
  )[0].owed;
const refundAll = (orderId: string) => refundAsPlatformAdmin(t.db, { refundId: randomUUID(), orderId, items: "all", restock: false });
const stripeRefundsOf = (paymentIntent: string) =>
  stripeMock.calls.filter((c) => c.path === "/v1/refunds" && c.form.payment_intent === paymentIntent);
const dispute = (paymentIntent: string, status: string) => ({
  id: `dp_test_${paymentIntent.slice(-10)}`,
  object: "dispute",
  charge: stripeMock.chargeOf(paymentIntent),
  payment_intent: paymentIntent,
  amount: 100,
  reason: "fraudulent",
  status,
});

describe("a refund while the transfers are at Stripe", () => {
  it("reverses what was sent instead of shrinking a transfer already on its way", async () => {
    let refunded = false;
    let orderId = "";
    duringTransfer = async () => {
      if (refunded || !orderId) return;
      refunded = true;
      expect(await refundAll(orderId)).toMatchObject({ ok: true });
    };
    // The first delivery's transfers run into the refund; the order id is known once checkout made it.
    const shopper = new Shopper(context);
    await shopper.add(FUNGUS, 2, LIVE);
    const placed = await shopper.checkout();
    const session = stripeMock.paidSession(/(cs_test_\w+)$/.exec(placed.location ?? "")![1]);
    orderId = String((session as { client_reference_id?: string }).client_reference_id);
    expect((await deliver(stripeEvent("checkout.session.completed", session))).status).toBe(200);
    expect(refunded).toBe(true);
    const made = [...stripeMock.transfers.values()].filter((tr) => tr.transfer_group === orderId);
    const rows = await transfers(orderId);
    // The transfer at Stripe went out as it was; one not yet claimed was dropped, not sent and reversed.
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "sent"));
    expect(rows).toHaveLength(made.length);
    // The ledger paid out what Stripe sent, and the refund reversed all of it.
    expect(rows.map((r) => r.amount_fen).sort()).toEqual(made.map((m) => Number(m.amount)).sort());
    await settleOrderStripeRefunds(t.db, stripe, orderId);
    for (const row of await transfers(orderId)) {
      expect(row.reversed_fen).toBe(row.amount_fen);
      expect(await owed(row.account_id)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("disputes out of order, and lost", () => {
  it("holds nothing for a dispute whose close arrived before its opening", async () => {
    const { paymentIntent } = await paidOrder(1);
    refusedTransfers();
    const pending = await paidOrder(1);
    await deliver(stripeEvent("charge.dispute.closed", dispute(paymentIntent, "won"))); // (503 while Stripe refuses the transfers)
    expect((await deliver(stripeEvent("charge.dispute.created", dispute(paymentIntent, "needs_response")))).status).toBe(200);
    expect((await transfers(pending.orderId)).map((r) => r.status)).toEqual(["pending", "pending"]);
    expect(await q("select outcome from public.stripe_disputes where id = $1", [dispute(paymentIntent, "").id])).toEqual([
      { outcome: "won" },
    ]);
  });

  it("a lost dispute releases the payees' other transfers; refunding the order then costs Stripe nothing more", async () => {
    refusedTransfers();
    const disputed = await paidOrder(1);
    const other = await paidOrder(1);
    const opened = dispute(disputed.paymentIntent, "needs_response");
    expect((await deliver(stripeEvent("charge.dispute.created", opened))).status).toBe(200);
    expect((await transfers(other.orderId)).map((r) => r.status)).toEqual(["held", "held"]);
    server.resetHandlers();
    const lostAmount = Number(
      (await q<{ total_fen: number }>("select total_fen from public.orders where id = $1", [disputed.orderId]))[0].total_fen,
    );
    expect((await deliver(stripeEvent("charge.dispute.closed", { ...opened, amount: lostAmount, status: "lost" }))).status).toBe(200);
    expect((await transfers(other.orderId)).map((r) => r.status)).toEqual(["sent", "sent"]); // released and sent
    expect((await transfers(disputed.orderId)).map((r) => r.status)).toEqual(["held", "held"]); // its own wait for the refund
    // The bank already gave the buyer the money back: the refund reverses the split, no Stripe refund.
    expect(await refundAll(disputed.orderId)).toMatchObject({ ok: true });
    await settleOrderStripeRefunds(t.db, stripe, disputed.orderId);
    expect(stripeRefundsOf(disputed.paymentIntent)).toEqual([]);
    expect(await transfers(disputed.orderId)).toEqual([]); // nothing left to send
  });
});

describe("refunds Stripe reports", () => {
  it("recording a refund made in Stripe's dashboard reverses the split without refunding the buyer twice", async () => {
    const { orderId, paymentIntent } = await paidOrder(1);
    const total = Number((await q<{ total_fen: number }>("select total_fen from public.orders where id = $1", [orderId]))[0].total_fen);
    const charge = { id: stripeMock.chargeOf(paymentIntent), object: "charge", payment_intent: paymentIntent, amount_refunded: total };
    expect(await deliver(stripeEvent("charge.refunded", charge))).toMatchObject({ status: 200 });
    expect(await refundAll(orderId)).toMatchObject({ ok: true });
    await settleOrderStripeRefunds(t.db, stripe, orderId);
    expect(stripeRefundsOf(paymentIntent)).toEqual([]);
    expect(await q("select status, covered_fen::int as covered from public.stripe_refunds where order_id = $1", [orderId])).toEqual([
      { status: "succeeded", covered: total },
    ]);
    for (const row of await transfers(orderId)) expect(row.reversed_fen).toBe(row.amount_fen);
  });

  it("waits for a refund Stripe has not settled, and reverses the transfers once refund.updated says it succeeded", async () => {
    const { orderId } = await paidOrder(1);
    refundStatus = "pending";
    await refundAll(orderId);
    expect(await settleOrderStripeRefunds(t.db, stripe, orderId)).toMatchObject({ refundsPending: 1 });
    const [row] = await q<{ stripe_refund_id: string; status: string }>(
      "select stripe_refund_id, status from public.stripe_refunds where order_id = $1",
      [orderId],
    );
    expect(row.status).toBe("pending");
    expect((await transfers(orderId)).every((r) => r.reversed_fen === 0)).toBe(true);
    expect((await deliver(stripeEvent("refund.updated", { id: row.stripe_refund_id, object: "refund", status: "succeeded" }))).status).toBe(
      200,
    );
    for (const r of await transfers(orderId)) expect(r.reversed_fen).toBe(r.amount_fen);
  });

  it("marks an event the database refuses as failed, answers 200, and the reconcile sweep goes on", async () => {
    const { orderId } = await paidOrder(1);
    const [transfer] = await transfers(orderId);
    const stripeId = (
      await q<{ id: string }>("select stripe_transfer_id as id from public.stripe_transfers where id = $1", [transfer.id])
    )[0].id;
    // A reversal with an id too long for the column (a payload that breaks a rule every time).
    const event = stripeEvent("transfer.reversed", {
      id: stripeId,
      object: "transfer",
      amount_reversed: 1,
      reversals: { data: [{ id: `trr_${"x".repeat(600)}`, amount: 1 }] },
    });
    await q("alter table public.stripe_transfer_reversals add constraint test_short_ids check (char_length(stripe_reversal_id) < 100)");
    try {
      expect(await deliver(event)).toMatchObject({ status: 200, body: { status: "failed" } });
      expect(await q("select status from public.stripe_webhook_events where id = $1", [event.id])).toEqual([{ status: "failed" }]);
      await expect(reconcileStripePayments(t.db, stripe, { since: new Date(Date.now() - 60_000) })).resolves.toMatchObject({
        transfersPending: 0,
      });
    } finally {
      await q("alter table public.stripe_transfer_reversals drop constraint test_short_ids");
    }
  });
});
