import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { parseEnv } from "~/env.server";
import { paymentProviderFor } from "~/payments/payment-provider.server";
import { createStripeClient } from "~/payments/stripe-client.server";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$orderId";
import { VISITOR_COOKIE } from "~/http/visitor.server";
import { withRole } from "~/db/request-role.server";
import { ids } from "~/seed/seed.server";
import { createStripeMock } from "../mocks/stripe";
import { deliverWebhook, stripeEvent, stripeOrder as stripeOrderFor, type Signing } from "../support/stripe-events";
import { settle } from "../support/route-call";
import { GOOD_DETAILS, Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Stripe mode end to end on the real database: checkout creates the Checkout Session (the
// Stripe mock checks what is sent), signed webhook deliveries pay the order through the one
// money path exactly once — repeated, duplicated by object, concurrent —, bad and stale
// signatures write nothing, and money that arrives when it should not goes back through
// Stripe's refund API and shows on the order page.
const SECRET_KEY = "sk_test_harvest";
const WEBHOOK_SECRET = "whsec_test_harvest_live";
const FUNGUS = ids.product("zhengjia-black-fungus-250g");

const stripeMock = createStripeMock({ secretKey: SECRET_KEY });
const server = setupServer(...stripeMock.handlers);
const stripe = createStripeClient({ secretKey: SECRET_KEY, maxNetworkRetries: 0 });

let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  t = await createTestDatabase();
  const env = parseEnv({ NODE_ENV: "test", STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  context = { ...testContext(t.db), env, stripe, payments: paymentProviderFor(env, { db: t.db, stripe }) };
});
afterEach(() => {
  server.resetHandlers();
  expect(stripeMock.violations).toEqual([]);
});
afterAll(async () => {
  server.close();
  await t.destroy();
});

const stripeOrder = () => stripeOrderFor(context, stripeMock, FUNGUS);
const deliver = (event: unknown, options?: Signing) => deliverWebhook({ ...context, stripe }, event, options);

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;
const orderRow = async (orderId: string) =>
  (
    await q<{ status: string; payment_provider: string; payment_reference: string | null; stripe_checkout_session_id: string | null }>(
      "select status, payment_provider, payment_reference, stripe_checkout_session_id from public.orders where id = $1",
      [orderId],
    )
  )[0];
const paymentPostings = async (orderId: string) =>
  (await q<{ n: number }>("select count(*)::int as n from public.ledger_postings where order_id = $1 and kind = 'payment'", [orderId]))[0]
    .n;
const inboxCount = async () => (await q<{ n: number }>("select count(*)::int as n from public.stripe_webhook_events"))[0].n;
const autoRefunds = (orderId: string) =>
  q<{ payment_intent_id: string; reason: string; status: string; stripe_refund_id: string | null; amount_minor: number }>(
    "select payment_intent_id, reason, status, stripe_refund_id, amount_minor from public.payment_auto_refunds where order_id = $1",
    [orderId],
  );

function orderPage(shopper: Shopper, orderId: string, query = "") {
  return settle(() =>
    orderLoader({
      request: new Request(`http://localhost/orders/${orderId}${query}`, {
        headers: { Cookie: `${VISITOR_COOKIE}=${shopper.token}`, "Accept-Language": "en" },
      }),
      params: { orderId },
      context,
    }),
  );
}

describe("checkout in Stripe mode", () => {
  it("sends the buyer to a Checkout Session for the order, recorded on it, and reuses it to pay again", async () => {
    const { shopper, orderId, sessionId } = await stripeOrder();
    expect(await orderRow(orderId)).toMatchObject({
      status: "pending_payment",
      payment_provider: "stripe",
      stripe_checkout_session_id: sessionId,
    });
    const create = stripeMock.calls.filter((c) => c.path === "/v1/checkout/sessions" && c.form.client_reference_id === orderId);
    expect(create).toHaveLength(1);
    expect(create[0].form["line_items[0][price_data][product_data][name]"]).toMatch(/黑木耳/); // the buyer's language (zh-CN)
    expect(create[0].form.success_url).toMatch(new RegExp(`^http://localhost/orders/${orderId}\\?key=[\\w-]+&paid=1$`));

    // "Pay now" on the order page: the same open session, no second one to pay.
    const again = await settle(() =>
      orderAction({
        request: new Request(`http://localhost/orders/${orderId}`, {
          method: "POST",
          headers: { Cookie: `${VISITOR_COOKIE}=${shopper.token}` },
          body: new URLSearchParams({ intent: "pay" }),
        }),
        params: { orderId },
        context,
      }),
    );
    expect(again).toMatchObject({ status: 302, location: `https://checkout.stripe.com/c/pay/${sessionId}` });
    expect(stripeMock.calls.filter((c) => c.form.client_reference_id === orderId)).toHaveLength(1);
  });
});

describe("paying from the live page's checkout sheet", () => {
  it("answers with Stripe Checkout's URL (the sheet opens it in a new tab), and the order page leads back to the session", async () => {
    const live = ids.session("liujiawobao-autumn-harvest-live");
    const product = (
      await q<{ product_id: string }>(
        "select product_id from public.live_session_products where session_id = $1 order by position limit 1",
        [live],
      )
    )[0].product_id;
    const shopper = new Shopper(context);
    expect((await shopper.add(product, 1, live)).status).toBe(200);
    const placed = await shopper.checkout({ ...GOOD_DETAILS, enhanced: "1" });
    expect(placed).toMatchObject({ status: 200, location: null });
    const body = placed.body as { kind: string; orderId: string; payUrl: string };
    expect(body).toMatchObject({ kind: "placed", payUrl: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_\w+$/) });
    const sessionId = body.payUrl.split("/").at(-1)!;
    expect((await deliver(stripeEvent("checkout.session.completed", stripeMock.paidSession(sessionId)))).status).toBe(200);
    const page = await orderPage(shopper, body.orderId, "?paid=1");
    expect(page.body).toMatchObject({ justPaid: true, order: { status: "paid", items: [{ liveSessionId: live }] } });
  });
});

describe("webhook", () => {
  it("pays the order once from a signed checkout.session.completed, through the one money path", async () => {
    const { shopper, orderId, sessionId } = await stripeOrder();
    const event = stripeEvent("checkout.session.completed", stripeMock.paidSession(sessionId));
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, eventId: event.id, status: "processed" } });
    expect(await orderRow(orderId)).toMatchObject({
      status: "paid",
      payment_provider: "stripe",
      payment_reference: `pi_${sessionId.slice(3)}`,
    });
    expect(await paymentPostings(orderId)).toBe(1);
    expect(await q("select id from public.payment_events where id = $1", [event.id])).toHaveLength(1);
    expect(await q("select status, outcome from public.stripe_webhook_events where id = $1", [event.id])).toEqual([
      { status: "processed", outcome: "paid" },
    ]);
    // back from Stripe Checkout: the order page thanks the buyer
    const page = await orderPage(shopper, orderId, "?paid=1");
    expect(page.body).toMatchObject({ order: { status: "paid", autoRefunds: [] }, justPaid: true });
  });

  it("processes the same event delivered twice once", async () => {
    const { orderId, sessionId } = await stripeOrder();
    const event = stripeEvent("checkout.session.completed", stripeMock.paidSession(sessionId));
    expect((await deliver(event)).status).toBe(200);
    expect(await deliver(event)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await paymentPostings(orderId)).toBe(1);
    expect(await q("select id from public.stripe_webhook_events where id = $1", [event.id])).toHaveLength(1);
  });

  it("takes two different events for the same session as one", async () => {
    const { orderId, sessionId } = await stripeOrder();
    const session = stripeMock.paidSession(sessionId);
    const first = stripeEvent("checkout.session.completed", session);
    const second = stripeEvent("checkout.session.completed", session);
    expect((await deliver(first)).status).toBe(200);
    expect(await deliver(second)).toMatchObject({ status: 200, body: { status: "duplicate" } });
    expect(await paymentPostings(orderId)).toBe(1);
    expect(await q("select id from public.stripe_webhook_events where object_id = $1", [sessionId])).toEqual([{ id: first.id }]);
  });

  it("pays once when five deliveries arrive at once (the same event and other events for the session)", async () => {
    const { orderId, sessionId } = await stripeOrder();
    const session = stripeMock.paidSession(sessionId);
    const event = stripeEvent("checkout.session.completed", session);
    const other = stripeEvent("checkout.session.completed", session);
    const answers = await Promise.all([deliver(event), deliver(other), deliver(event), deliver(other), deliver(event)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await orderRow(orderId)).toMatchObject({ status: "paid" });
    expect(await paymentPostings(orderId)).toBe(1);
    expect(await q("select id from public.stripe_webhook_events where object_id = $1", [sessionId])).toHaveLength(1);
    expect(await autoRefunds(orderId)).toEqual([]);
  });

  it("refuses a bad, tampered, missing or stale signature with 400 and writes nothing", async () => {
    const { orderId, sessionId } = await stripeOrder();
    const event = stripeEvent("checkout.session.completed", stripeMock.paidSession(sessionId));
    const before = await inboxCount();
    expect((await deliver(event, { secret: "whsec_someone_else" })).status).toBe(400);
    const signedOther = stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: WEBHOOK_SECRET });
    expect((await deliver(event, { signature: signedOther, body: JSON.stringify({ ...event, id: "evt_forged" }) })).status).toBe(400);
    expect((await deliver(event, { signature: null })).status).toBe(400);
    expect((await deliver(event, { signature: "t=1,v1=deadbeef" })).status).toBe(400);
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect(await deliver(event, { timestamp: stale })).toEqual({ status: 400, body: { error: "invalid signature" } });
    expect(await inboxCount()).toBe(before);
    expect(await orderRow(orderId)).toMatchObject({ status: "pending_payment" });
    // within the tolerance it is fine
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 240 })).status).toBe(200);
  });

  it("acknowledges and ignores unknown types; refunds, disputes and reversals of objects it does not know are recorded as such", async () => {
    const unknown = stripeEvent("customer.created", { id: "cus_test_1", object: "customer" });
    expect(await deliver(unknown)).toMatchObject({ status: 200, body: { status: "ignored" } });
    const strangers = [
      stripeEvent("charge.refunded", { id: "ch_test_1", object: "charge", payment_intent: "pi_test_nobody", amount_refunded: 500 }),
      stripeEvent("charge.refunded", { id: "ch_test_1", object: "charge", payment_intent: "pi_test_nobody", amount_refunded: 900 }), // a second partial refund
      stripeEvent("charge.dispute.created", {
        id: "dp_test_1",
        object: "dispute",
        charge: "ch_test_1",
        payment_intent: "pi_test_nobody",
        amount: 900,
        status: "needs_response",
      }),
      stripeEvent("transfer.reversed", { id: "tr_test_1", object: "transfer", amount_reversed: 300 }),
      stripeEvent("account.updated", { id: "acct_test_1", object: "account", payouts_enabled: true }),
    ];
    for (const event of strangers) expect(await deliver(event)).toMatchObject({ status: 200, body: { status: "processed" } });
    const rows = await q<{ id: string; status: string; outcome: string | null }>(
      "select id, status, outcome from public.stripe_webhook_events where id = any($1) order by id",
      [[unknown.id, ...strangers.map((e) => e.id)]],
    );
    const byId = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : 1);
    expect(rows.map((r) => [r.id, r.status, r.outcome]).sort(byId)).toEqual(
      [
        [unknown.id, "ignored", null],
        [strangers[0].id, "processed", "unknown_order"],
        [strangers[1].id, "processed", "unknown_order"],
        [strangers[2].id, "processed", "unknown_order"],
        [strangers[3].id, "processed", "unknown_transfer"],
        [strangers[4].id, "processed", "account_unknown_account"],
      ].sort(byId),
    );
  });

  it("waits for an async payment, then pays on async_payment_succeeded", async () => {
    const { orderId, sessionId } = await stripeOrder();
    const unpaid = stripeMock.paidSession(sessionId, { paymentStatus: "unpaid" });
    expect((await deliver(stripeEvent("checkout.session.completed", unpaid))).status).toBe(200);
    expect(await orderRow(orderId)).toMatchObject({ status: "pending_payment" });
    const settled = stripeMock.paidSession(sessionId, { paymentStatus: "paid" });
    expect((await deliver(stripeEvent("checkout.session.async_payment_succeeded", settled))).status).toBe(200);
    expect(await orderRow(orderId)).toMatchObject({ status: "paid" });
    expect(await paymentPostings(orderId)).toBe(1);
  });

  it("keeps the order payable when an async payment fails, with a fresh session next time", async () => {
    const { orderId, sessionId } = await stripeOrder();
    const unpaid = stripeMock.paidSession(sessionId, { paymentStatus: "unpaid" });
    expect((await deliver(stripeEvent("checkout.session.async_payment_failed", unpaid))).status).toBe(200);
    expect(await orderRow(orderId)).toMatchObject({ status: "pending_payment", stripe_checkout_session_id: null });
    expect(await paymentPostings(orderId)).toBe(0);
  });
});

describe("money that arrives when it should not", () => {
  it("refunds a payment for a cancelled order through Stripe, once, and the order page says so", async () => {
    const { shopper, orderId, sessionId } = await stripeOrder();
    const cancel = await settle(() =>
      orderAction({
        request: new Request(`http://localhost/orders/${orderId}`, {
          method: "POST",
          headers: { Cookie: `${VISITOR_COOKIE}=${shopper.token}` },
          body: new URLSearchParams({ intent: "cancel" }),
        }),
        params: { orderId },
        context,
      }),
    );
    expect(cancel.status).toBe(200);
    const session = stripeMock.paidSession(sessionId);
    const event = stripeEvent("checkout.session.completed", session);
    expect((await deliver(event)).status).toBe(200);
    expect((await deliver(event)).status).toBe(200);
    const pi = String(session.payment_intent);
    const refundCalls = stripeMock.calls.filter((c) => c.path === "/v1/refunds" && c.form.payment_intent === pi);
    expect(refundCalls).toHaveLength(1);
    expect(refundCalls[0]).toMatchObject({
      idempotencyKey: `refund:auto:${pi}`,
      form: { "metadata[order_id]": orderId, "metadata[auto_refund]": "order_cancelled" },
    });
    expect(await autoRefunds(orderId)).toEqual([
      {
        payment_intent_id: pi,
        reason: "order_cancelled",
        status: "succeeded",
        stripe_refund_id: expect.stringMatching(/^re_test_/),
        amount_minor: session.amount_total,
      },
    ]);
    expect(await orderRow(orderId)).toMatchObject({ status: "cancelled" });
    expect(await paymentPostings(orderId)).toBe(0);
    const page = await orderPage(shopper, orderId);
    expect(page.body).toMatchObject({
      order: {
        status: "cancelled",
        autoRefunds: [{ amountFen: session.amount_total, currency: "CNY", reason: "order_cancelled", status: "succeeded" }],
      },
    });
    // nobody else sees the order, or that its payment went back
    expect((await orderPage(new Shopper(context), orderId)).status).toBe(404);
    expect(
      await withRole(t.db, { role: "anon" }, async (tx) => (await tx.query("select * from public.payment_auto_refunds")).rows),
    ).toEqual([]);
  });

  it("refunds a second payment of an order already paid by another session", async () => {
    const { orderId, sessionId } = await stripeOrder();
    expect((await deliver(stripeEvent("checkout.session.completed", stripeMock.paidSession(sessionId)))).status).toBe(200);
    // a second session paid too (say, one opened before the first was recorded)
    const second = { ...stripeMock.paidSession(sessionId), id: `${sessionId}_2`, payment_intent: `pi_second_${sessionId.slice(3)}` };
    expect((await deliver(stripeEvent("checkout.session.completed", second))).status).toBe(200);
    expect(await autoRefunds(orderId)).toMatchObject([
      { payment_intent_id: second.payment_intent, reason: "already_paid", status: "succeeded" },
    ]);
    expect(stripeMock.calls.find((c) => c.form.payment_intent === second.payment_intent)?.form.reason).toBe("duplicate");
    expect(await orderRow(orderId)).toMatchObject({ status: "paid", payment_reference: `pi_${sessionId.slice(3)}` });
    expect(await paymentPostings(orderId)).toBe(1);
  });

  it("refunds a payment made after the reservation ended, and expires the order", async () => {
    const { shopper, orderId, sessionId } = await stripeOrder();
    await t.db.query("update public.orders set reserved_until = now() - interval '1 minute' where id = $1", [orderId]);
    const session = stripeMock.paidSession(sessionId);
    expect((await deliver(stripeEvent("checkout.session.completed", session))).status).toBe(200);
    expect(await orderRow(orderId)).toMatchObject({ status: "cancelled" });
    expect(await autoRefunds(orderId)).toMatchObject([{ reason: "order_expired", status: "succeeded" }]);
    expect(await paymentPostings(orderId)).toBe(0);
    const page = await orderPage(shopper, orderId);
    expect(page.body).toMatchObject({ order: { autoRefunds: [{ reason: "order_expired" }] } });
  });

  it("refunds a payment whose amount or currency differs from the order, which stays payable", async () => {
    const { orderId, sessionId } = await stripeOrder();
    const wrong = stripeMock.paidSession(sessionId, { amountTotal: 1 });
    expect((await deliver(stripeEvent("checkout.session.completed", wrong))).status).toBe(200);
    expect(await autoRefunds(orderId)).toMatchObject([{ reason: "amount_mismatch", amount_minor: 1, status: "succeeded" }]);
    expect(await orderRow(orderId)).toMatchObject({ status: "pending_payment" });

    const other = await stripeOrder();
    const usd = stripeMock.paidSession(other.sessionId, { currency: "usd" });
    expect((await deliver(stripeEvent("checkout.session.completed", usd))).status).toBe(200);
    expect(await autoRefunds(other.orderId)).toMatchObject([{ reason: "amount_mismatch", status: "succeeded" }]);
    expect(await paymentPostings(other.orderId)).toBe(0);
  });

  it("answers 503 while Stripe cannot be reached for the refund, and refunds once when Stripe redelivers", async () => {
    const { orderId, sessionId } = await stripeOrder();
    await t.db.query("update public.orders set reserved_until = now() - interval '1 minute' where id = $1", [orderId]);
    const session = stripeMock.paidSession(sessionId);
    const event = stripeEvent("checkout.session.completed", session);
    server.use(http.post("https://api.stripe.com/v1/refunds", () => HttpResponse.error()));
    expect((await deliver(event)).status).toBe(503);
    expect(await autoRefunds(orderId)).toMatchObject([{ status: "pending", stripe_refund_id: null }]);
    server.resetHandlers();
    expect((await deliver(event)).status).toBe(200);
    expect(await autoRefunds(orderId)).toMatchObject([{ status: "succeeded" }]);
    expect(stripeMock.refunds.has(String(session.payment_intent))).toBe(true);
  });
});
