import type Stripe from "stripe";
import type { Database } from "~/db/database.server";
import { atomicAsServiceRole } from "~/db/request-role.server";
import { settleAllStripeRefunds } from "./stripe-refunds.server";
import { sendAllPendingTransfers } from "./stripe-transfers.server";
import {
  handleStripeEvent,
  issueAutoRefunds,
  processStripeEventOrMarkFailed,
  stripeEventSchema,
  type StripeEvent,
} from "./stripe-webhook.server";

// A lost webhook loses nothing (issue 10, item 7). Reconciling asks Stripe which Checkout
// Sessions were paid and feeds each payment the inbox has not seen through the same inbox
// and money path as a webhook delivery, as a synthetic event whose dedupe key is the real
// event's (type + session): if the real delivery arrives later it is a duplicate, and if it
// came first the synthetic one is. Events stuck in the inbox unprocessed (a crash between
// receiving and processing) are processed, and automatic refunds Stripe has not accepted yet
// are sent again under their keys, as are transfers, admins' refunds and their transfer
// reversals Stripe has not accepted yet. Safe to run at any time, on any instance, repeatedly.

export type ReconcileReport = {
  /** Checkout Sessions created in the window that Stripe says are paid. */
  paidSessions: number;
  /** …of which the inbox already had the payment. */
  alreadyRecorded: number;
  /** Payments applied now: their session, order and outcome (paid, or why it went back). */
  applied: { sessionId: string; orderId: string | null; outcome: string | null }[];
  /** Paid sessions skipped: no PaymentIntent or charge to date the payment by. */
  skipped: { sessionId: string; reason: string }[];
  /** Inbox events that had been received but never processed. */
  resumed: number;
  /** Automatic refunds still not accepted by Stripe after this run. */
  refundsPending: number;
  /** Admins' refunds, transfer reversals and transfers still not accepted by Stripe after this run. */
  stripeRefundsPending: number;
  reversalsPending: number;
  transfersPending: number;
};

/** Inbox events older than this and still `received` are someone's crash, not a delivery in flight. */
const STUCK_AFTER_MS = 60_000;

type InboxTrace = { type: string; status: string; outcome: string | null };

export async function reconcileStripePayments(db: Database, stripe: Stripe, options: { since: Date }): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    paidSessions: 0,
    alreadyRecorded: 0,
    applied: [],
    skipped: [],
    resumed: 0,
    refundsPending: 0,
    stripeRefundsPending: 0,
    reversalsPending: 0,
    transfersPending: 0,
  };

  // 1. Inbox rows received but never processed: process them first, so step 2 sees their effect.
  const stuck = await atomicAsServiceRole<{ id: string }>(db, {
    sql: `select id from public.stripe_webhook_events
           where status = 'received' and received_at < now() - make_interval(secs => $1) order by received_at`,
    params: [STUCK_AFTER_MS / 1000],
  });
  for (const row of stuck) {
    const result = await processStripeEventOrMarkFailed(db, row.id);
    if (result.orderId) await issueAutoRefunds(db, stripe, result.orderId);
    report.resumed++;
  }

  // 2. Paid sessions of the window the inbox has not applied.
  for await (const session of stripe.checkout.sessions.list({ created: { gte: Math.floor(options.since.getTime() / 1000) }, limit: 100 })) {
    if (session.payment_status !== "paid") continue;
    report.paidSessions++;
    const type = await missingEventType(db, session.id);
    if (!type) {
      report.alreadyRecorded++;
      continue;
    }
    const paidAt = await paymentTime(stripe, session);
    if (!paidAt.ok) {
      report.skipped.push({ sessionId: session.id, reason: paidAt.reason });
      continue;
    }
    const event = syntheticEvent(type, session, paidAt.at);
    const result = await handleStripeEvent(db, stripe, event);
    report.applied.push({ sessionId: session.id, orderId: result.orderId, outcome: result.outcome });
  }

  // 3. Automatic refunds Stripe did not accept when they were queued.
  const pending = await atomicAsServiceRole<{ order_id: string }>(db, {
    sql: "select distinct order_id from public.payment_auto_refunds where status = 'pending'",
    params: [],
  });
  for (const { order_id } of pending) report.refundsPending += await issueAutoRefunds(db, stripe, order_id);

  // 4. Admins' refunds and their reversals, then transfers (a refund may have shrunk them).
  const settled = await settleAllStripeRefunds(db, stripe);
  report.stripeRefundsPending = settled.refundsPending;
  report.reversalsPending = settled.reversalsPending;
  report.transfersPending = await sendAllPendingTransfers(db, stripe);
  return report;
}

/**
 * Which event the inbox lacks for this paid session, or null when it has the payment: the
 * completion (`checkout.session.completed`), or — where the completion said "not paid yet" —
 * the async success.
 */
async function missingEventType(db: Database, sessionId: string): Promise<StripeEvent["type"] | null> {
  const traces = await atomicAsServiceRole<InboxTrace>(db, {
    sql: `select type, status, outcome from public.stripe_webhook_events
           where object_id = $1 and type in ('checkout.session.completed', 'checkout.session.async_payment_succeeded')`,
    params: [sessionId],
  });
  const completed = traces.find((t) => t.type === "checkout.session.completed");
  if (!completed) return "checkout.session.completed";
  if (completed.outcome !== "awaiting_async_payment") return null;
  return traces.some((t) => t.type === "checkout.session.async_payment_succeeded") ? null : "checkout.session.async_payment_succeeded";
}

/** When the buyer paid: the charge's time (a payment after the reservation ended goes back, as from a webhook). */
async function paymentTime(
  stripe: Stripe,
  session: Stripe.Checkout.Session,
): Promise<{ ok: true; at: Date } | { ok: false; reason: string }> {
  const intentId = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
  if (!intentId) return { ok: false, reason: "no_payment_intent" };
  const intent = await stripe.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] });
  const charge = intent.latest_charge;
  if (!charge || typeof charge === "string") return { ok: false, reason: "no_charge" };
  return { ok: true, at: new Date(charge.created * 1000) };
}

/**
 * The event Stripe would have delivered, built from the session as Stripe reports it now.
 * Its id says where it came from; its `created` is the payment's time, which is what the
 * money path judges a completion by.
 */
function syntheticEvent(type: string, session: Stripe.Checkout.Session, paidAt: Date): StripeEvent {
  return stripeEventSchema.parse({
    id: `evt_reconcile_${session.id.replace(/\W/g, "")}_${type === "checkout.session.completed" ? "completed" : "async"}`,
    type,
    created: Math.floor(paidAt.getTime() / 1000),
    livemode: session.livemode,
    data: { object: { ...session, reconciled: true } },
  });
}
