import type Stripe from "stripe";
import { expect } from "vitest";
import type { AppContext } from "~/context.server";
import { action as webhookAction } from "~/routes/webhooks.stripe";
import type { StripeMock } from "../mocks/stripe";
import { Shopper } from "./shopper";

// Stripe-mode test helpers shared by the webhook, reconcile and Connect tests: a buyer's
// order placed through Stripe Checkout, events as Stripe builds them, and deliveries signed
// with the webhook secret through the real /webhooks/stripe action.

/** A buyer's order placed in Stripe mode: checkout answers with Stripe Checkout's URL. */
export async function stripeOrder(context: AppContext, stripeMock: StripeMock, productId: string, quantity = 1) {
  const shopper = new Shopper(context);
  await shopper.add(productId, quantity);
  const placed = await shopper.checkout();
  expect(placed.status).toBe(302);
  const sessionId = /^https:\/\/checkout\.stripe\.com\/c\/pay\/(cs_test_\w+)$/.exec(placed.location ?? "")?.[1];
  if (!sessionId) throw new Error(`checkout did not go to Stripe: ${JSON.stringify(placed)}`);
  const orderId = String(stripeMock.sessions.get(sessionId)!.client_reference_id);
  return { shopper, orderId, sessionId };
}

let events = 0;
export function stripeEvent(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_test_${(++events).toString().padStart(6, "0")}_${Math.random().toString(36).slice(2, 8)}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

export type Signing = { secret?: string; timestamp?: number; signature?: string | null; body?: string };

export function signedWebhookRequest(stripe: Stripe, webhookSecret: string, event: unknown, options: Signing = {}) {
  const payload = options.body ?? JSON.stringify(event);
  const signature =
    options.signature === undefined
      ? stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? webhookSecret, timestamp: options.timestamp })
      : options.signature;
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
  if (signature !== null) headers["Stripe-Signature"] = signature;
  return new Request("http://localhost/webhooks/stripe", { method: "POST", headers, body: payload });
}

/** Delivers a signed event to the webhook action; its status and JSON answer. */
export async function deliverWebhook(context: AppContext & { stripe: Stripe }, event: unknown, options?: Signing) {
  const request = signedWebhookRequest(context.stripe, context.env.STRIPE_WEBHOOK_SECRET!, event, options);
  const response = (await webhookAction({ request, params: {}, context })) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Delivers events to the webhook route, signed with the context's webhook secret. */
export function webhookDelivery(context: AppContext, stripe: Stripe) {
  return (event: unknown) => deliverWebhook({ ...context, stripe }, event);
}
