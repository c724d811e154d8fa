import type Stripe from "stripe";
import type { AppContext } from "~/context.server";
import { action as webhookAction } from "~/routes/webhooks.stripe";

// Signed Stripe webhook deliveries through the real /webhooks/stripe route, for the
// Connect and transfer tests (signatures by stripe.webhooks.generateTestHeaderString).

let events = 0;
/** An event as Stripe sends it; `created` in seconds (default now). */
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

/** Delivers events to the webhook route, signed with the context's webhook secret. */
export function webhookDelivery(context: AppContext, stripe: Stripe) {
  return async (event: unknown) => {
    const payload = JSON.stringify(event);
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: context.env.STRIPE_WEBHOOK_SECRET! });
    const request = new Request("http://localhost/webhooks/stripe", {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": signature },
      body: payload,
    });
    const response = (await webhookAction({ request, params: {}, context })) as Response;
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
}
