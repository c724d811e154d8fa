import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent, verifyStripeEvent } from "~/models/stripe-webhook.server";

// Stripe's webhook endpoint (ADR 0023). The raw body's signature is checked with
// STRIPE_WEBHOOK_SECRET (five minutes' tolerance): a bad, stale or missing signature is 400
// and writes nothing. A verified event is recorded once and processed once
// (app/models/stripe-webhook.server.ts) and answered 200 — also for a repeat or an unknown
// type. 503 only when an automatic refund or a payee's transfer it queued was not accepted by
// Stripe yet: Stripe redelivers, and the redelivery sends it again under the same idempotency key.
// The CSRF guard exempts this one path (signed by Stripe, sent without Origin).

const NO_STORE = { "Cache-Control": "no-store" };
const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: NO_STORE });

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { ...NO_STORE, Allow: "POST" } });
  const secret = context.env.STRIPE_WEBHOOK_SECRET;
  if (!context.stripe || !secret) return reply(404, { error: "Stripe is not configured" });
  const payload = Buffer.from(await request.arrayBuffer());
  const event = verifyStripeEvent(context.stripe, payload, request.headers.get("Stripe-Signature"), secret);
  if (!event) return reply(400, { error: "invalid signature" });
  const result = await handleStripeEvent(context.db, context.stripe, event);
  if (result.refundsPending > 0) return reply(503, { received: true, eventId: event.id, status: result.status, retry: "refund" });
  if (result.transfersPending > 0) return reply(503, { received: true, eventId: event.id, status: result.status, retry: "transfer" });
  return reply(200, { received: true, eventId: event.id, status: result.status });
}

export function loader() {
  return new Response(null, { status: 405, headers: { ...NO_STORE, Allow: "POST" } });
}
