import { setupServer } from "msw/node";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { reconcileStripePayments } from "~/models/stripe-reconcile.server";
import { createStripeClient } from "~/payments/stripe-client.server";
import { stripePaymentProvider } from "~/payments/stripe-provider.server";
import { ids } from "~/seed/seed.server";
import { createStripeMock } from "../mocks/stripe";
import { stripeModeContext } from "../support/stripe-mode";
import { deliverWebhook, stripeEvent, stripeOrder } from "../support/stripe-events";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// Issue 10, item 7: a lost webhook loses nothing. Reconciling asks Stripe for the window's
// paid Checkout Sessions and applies what the inbox lacks through the webhook's own path —
// once, whether the real delivery came before, comes after, or never; and a replaced
// Checkout Session is expired so it cannot take a second payment.
const SECRET_KEY = "sk_test_harvest";
const WEBHOOK_SECRET = "whsec_test_harvest_live";
const FUNGUS = ids.product("zhengjia-black-fungus-250g");

const stripeMock = createStripeMock({ secretKey: SECRET_KEY });
const server = setupServer(...stripeMock.handlers);
const stripe = createStripeClient({ secretKey: SECRET_KEY, maxNetworkRetries: 0 });

let t: TestDatabase;
let context: AppContext & { stripe: Stripe };
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  t = await createTestDatabase();
  ({ context } = stripeModeContext(t, stripe, { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }));
});
afterEach(() => {
  server.resetHandlers();
  expect(stripeMock.violations).toEqual([]);
});
afterAll(async () => {
  server.close();
  await t.destroy();
});

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;
const order = async (orderId: string) =>
  (
    await q<{ status: string; payment_reference: string | null }>("select status, payment_reference from public.orders where id = $1", [
      orderId,
    ])
  )[0];
const postings = async (orderId: string) =>
  (await q<{ n: number }>("select count(*)::int as n from public.ledger_postings where order_id = $1 and kind = 'payment'", [orderId]))[0]
    .n;
const reconcile = () => reconcileStripePayments(t.db, stripe, { since: new Date(Date.now() - 3_600_000) });

describe("npm run stripe:reconcile", () => {
  it("pays an order whose webhook never came, once, and a later real delivery is a duplicate", async () => {
    const { orderId, sessionId } = await stripeOrder(context, stripeMock, FUNGUS);
    const session = stripeMock.paidSession(sessionId);
    const first = await reconcile();
    expect(first.applied).toContainEqual({ sessionId, orderId, outcome: "paid" });
    expect(await order(orderId)).toMatchObject({ status: "paid", payment_reference: `pi_${sessionId.slice(3)}` });
    expect(await postings(orderId)).toBe(1);

    // Run again, and the real webhook arrives late: nothing more happens.
    const second = await reconcile();
    expect(second.applied.map((a) => a.sessionId)).not.toContain(sessionId);
    expect(second.alreadyRecorded).toBeGreaterThanOrEqual(1);
    expect(await deliverWebhook(context, stripeEvent("checkout.session.completed", session))).toMatchObject({
      status: 200,
      body: { status: "duplicate" },
    });
    expect(await postings(orderId)).toBe(1);
  });

  it("leaves alone what the webhook already applied, and unpaid sessions", async () => {
    const paid = await stripeOrder(context, stripeMock, FUNGUS);
    expect((await deliverWebhook(context, stripeEvent("checkout.session.completed", stripeMock.paidSession(paid.sessionId)))).status).toBe(
      200,
    );
    const unpaid = await stripeOrder(context, stripeMock, FUNGUS);
    const report = await reconcile();
    expect(report.applied.map((a) => a.sessionId)).not.toContain(paid.sessionId);
    expect(report.applied.map((a) => a.sessionId)).not.toContain(unpaid.sessionId);
    expect(await postings(paid.orderId)).toBe(1);
    expect(await order(unpaid.orderId)).toMatchObject({ status: "pending_payment" });
  });

  it("applies an async payment whose success event was lost after the 'not paid yet' completion", async () => {
    const { orderId, sessionId } = await stripeOrder(context, stripeMock, FUNGUS);
    const pending = stripeMock.paidSession(sessionId, { paymentStatus: "unpaid" });
    expect((await deliverWebhook(context, stripeEvent("checkout.session.completed", pending))).status).toBe(200);
    expect(await order(orderId)).toMatchObject({ status: "pending_payment" });
    stripeMock.paidSession(sessionId); // the bank transfer settled; its event was lost
    const report = await reconcile();
    expect(report.applied).toContainEqual({ sessionId, orderId, outcome: "paid" });
    expect(await postings(orderId)).toBe(1);
    expect(await q("select type from public.stripe_webhook_events where object_id = $1 order by received_at", [sessionId])).toEqual([
      { type: "checkout.session.completed" },
      { type: "checkout.session.async_payment_succeeded" },
    ]);
  });

  it("judges a missed payment by when the buyer paid: after the reservation ended it goes back", async () => {
    const { orderId, sessionId } = await stripeOrder(context, stripeMock, FUNGUS);
    // Its reservation ended two minutes ago (the expiry job has not come by); the buyer paid a minute ago.
    await q("update public.orders set reserved_until = now() - interval '2 minutes' where id = $1", [orderId]);
    stripeMock.paidSession(sessionId, { paidAt: new Date(Date.now() - 60_000) });
    const report = await reconcile();
    expect(report.applied).toContainEqual({ sessionId, orderId, outcome: "refund:order_expired" });
    expect(report.refundsPending).toBe(0);
    expect(await order(orderId)).toMatchObject({ status: "cancelled" });
    expect(await q("select reason, status from public.payment_auto_refunds where order_id = $1", [orderId])).toEqual([
      { reason: "order_expired", status: "succeeded" },
    ]);
  });

  it("processes an event that was received but never processed (a crash in between)", async () => {
    const { orderId, sessionId } = await stripeOrder(context, stripeMock, FUNGUS);
    const event = stripeEvent("checkout.session.completed", stripeMock.paidSession(sessionId));
    await q(
      `insert into public.stripe_webhook_events (id, type, object_id, dedupe_key, livemode, stripe_created_at, payload, received_at)
       values ($1, $2, $3, $4, false, to_timestamp($5), $6::jsonb, now() - interval '5 minutes')`,
      [event.id, event.type, sessionId, `${event.type}:${sessionId}`, event.created, JSON.stringify(event)],
    );
    const report = await reconcile();
    expect(report.resumed).toBeGreaterThanOrEqual(1);
    expect(report.applied.map((a) => a.sessionId)).not.toContain(sessionId); // the stuck event did it, not a second one
    expect(await order(orderId)).toMatchObject({ status: "paid" });
    expect(await q("select status, outcome from public.stripe_webhook_events where id = $1", [event.id])).toEqual([
      { status: "processed", outcome: "paid" },
    ]);
  });

  it("resends an automatic refund Stripe failed earlier, under the same key, and it goes through once Stripe forgot that answer", async () => {
    const { orderId, sessionId } = await stripeOrder(context, stripeMock, FUNGUS);
    await q("update public.orders set status = 'cancelled', cancelled_at = now() where id = $1", [orderId]);
    const event = stripeEvent("checkout.session.completed", stripeMock.paidSession(sessionId));
    stripeMock.failNext("refunds", { status: 500, message: "try later" });
    expect((await deliverWebhook(context, event)).status).toBe(503);
    stripeMock.failNext("refunds", null);
    // Stripe keeps the failure under the key: within the day, a retry gets it again…
    expect((await reconcile()).refundsPending).toBe(1);
    // …and a day later the same key carries the refund out, once.
    stripeMock.forgetIdempotencyKeys();
    expect((await reconcile()).refundsPending).toBe(0);
    expect(await q("select status from public.payment_auto_refunds where order_id = $1", [orderId])).toEqual([{ status: "succeeded" }]);
    const pi = `pi_${sessionId.slice(3)}`;
    const keys = stripeMock.calls.filter((c) => c.path === "/v1/refunds" && c.form.payment_intent === pi).map((c) => c.idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([`refund:auto:${pi}`]));
    expect(stripeMock.refunds.get(pi)).toHaveLength(1);
  });
});

describe("paying again after the session ran out", () => {
  it("expires the session it replaces, so that one cannot take a second payment", async () => {
    const { orderId, sessionId } = await stripeOrder(context, stripeMock, FUNGUS);
    // Forty minutes on: the reservation still holds (an admin extended it), the first session has nearly run out.
    await q("update public.orders set reserved_until = now() + interval '2 hours' where id = $1", [orderId]);
    const later = new Date(Date.now() + 40 * 60_000);
    await q("update public.orders set stripe_checkout_expires_at = $2 where id = $1", [orderId, new Date(later.getTime() + 60_000)]);
    const provider = stripePaymentProvider({ stripe, db: t.db, now: () => later });
    const started = await provider.startPayment({
      orderId,
      totalFen: 0,
      currency: "CNY",
      locale: "zh-CN",
      origin: "http://localhost",
      orderPath: `/orders/${orderId}`,
    });
    const newSession = /cs_test_\w+$/.exec(started.redirectTo)![0];
    expect(newSession).not.toBe(sessionId);
    expect(stripeMock.sessions.get(sessionId)).toMatchObject({ status: "expired" });
    expect(stripeMock.calls.filter((c) => c.path === `/v1/checkout/sessions/${sessionId}/expire`).map((c) => c.idempotencyKey)).toEqual([
      `checkout:expire:${sessionId}`,
    ]);
    expect(await q("select stripe_checkout_session_id from public.orders where id = $1", [orderId])).toEqual([
      { stripe_checkout_session_id: newSession },
    ]);
  });
});
