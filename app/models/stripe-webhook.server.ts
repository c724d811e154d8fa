import type Stripe from "stripe";
import { z } from "zod";
import type { Database, Queryable } from "~/db/database.server";
import { asServiceRole, atomicAsServiceRole } from "~/db/request-role.server";
import { isUuid } from "~/domain/uuid";
import { refundStatusOf } from "~/payments/stripe-answers";
import type { AutoRefundReason } from "./order.server";
import { applyPaymentSucceeded, type PaymentOutcome } from "./payment.server";
import { applyAccountUpdated } from "./stripe-connect.server";
import { applyMoneyBackEvent, MONEY_BACK_TYPES } from "./stripe-money-back.server";
import { settleOrderStripeRefunds } from "./stripe-refunds.server";
import { queueStripeTransfers, sendAllPendingTransfers, sendOrderTransfers } from "./stripe-transfers.server";

// Stripe webhooks (ADR 0023): every verified event goes into the inbox
// (public.stripe_webhook_events) once — by event id, and by dedupe key (its type and
// object) — and is processed once, in the same transaction as its effect, whatever the
// order, repetition or concurrency of deliveries. Payments run the one money path
// (applyPaymentSucceeded, as the demo pay page does through recordPaymentSucceeded). Money
// that arrived when it should not is queued for an automatic refund in that transaction and
// sent to Stripe after it commits, under the key refund:auto:<payment intent>. A payment
// queues its payees' transfers in that transaction too; they are sent after commit the same
// way (ADR 0025), and account.updated keeps the connected accounts' flags.

/** Signature tolerance: a delivery signed more than five minutes ago is refused. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

const HANDLED = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
]);

const accountSchema = z.looseObject({
  id: z.string().regex(/^acct_\w+$/),
  payouts_enabled: z.boolean().optional(),
  charges_enabled: z.boolean().optional(),
  details_submitted: z.boolean().optional(),
});

export const stripeEventSchema = z.object({
  id: z.string().regex(/^evt_\w+$/),
  type: z.string().min(1).max(200),
  created: z.number().int().positive(),
  livemode: z.boolean(),
  data: z.object({ object: z.looseObject({ id: z.string().optional() }) }),
});
export type StripeEvent = z.infer<typeof stripeEventSchema>;

const checkoutSessionSchema = z.looseObject({
  id: z.string(),
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
  amount_total: z.number().int().nullable(),
  currency: z.string().nullable(),
  client_reference_id: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  payment_intent: z
    .union([z.string(), z.looseObject({ id: z.string() })])
    .nullable()
    .optional(),
});
type CheckoutSession = z.infer<typeof checkoutSessionSchema>;

/**
 * The event if its signature is Stripe's, made with this secret within the tolerance, and
 * its shape is an event's; else null (the route answers 400 and writes nothing).
 */
export function verifyStripeEvent(
  stripe: Stripe,
  payload: Buffer,
  signature: string | null,
  secret: string,
  now?: number,
): StripeEvent | null {
  if (!signature) return null;
  let event: unknown;
  try {
    event = stripe.webhooks.constructEvent(payload, signature, secret, STRIPE_WEBHOOK_TOLERANCE_SECONDS, undefined, now);
  } catch {
    return null;
  }
  const parsed = stripeEventSchema.safeParse(event);
  return parsed.success ? parsed.data : null;
}

/**
 * What makes a second event the same fact: one completion per session, one dispute per
 * dispute. A charge refunded twice (two partial refunds) or a transfer reversed twice is two
 * facts, told apart by the cumulative amount; every account.updated is a new state.
 */
export function dedupeKeyOf(event: StripeEvent): string {
  const object = event.data.object as Record<string, unknown>;
  const id = object.id ?? "";
  switch (event.type) {
    case "charge.refunded":
      return `${event.type}:${id}:${String(object.amount_refunded ?? event.id)}`;
    case "transfer.reversed":
      return `${event.type}:${id}:${String(object.amount_reversed ?? event.id)}`;
    case "account.updated":
      return `${event.type}:${event.id}`;
    default:
      return id ? `${event.type}:${id}` : `${event.type}:${event.id}`;
  }
}

export type WebhookStatus = "processed" | "ignored" | "deferred" | "duplicate" | "failed";
export type WebhookResult = {
  eventId: string;
  status: WebhookStatus;
  outcome: string | null;
  orderId: string | null;
  /** Automatic refunds for this order that Stripe has not accepted yet (the route answers 5xx so Stripe redelivers). */
  refundsPending: number;
  /** Transfers to this order's payees that Stripe has not accepted yet (likewise). */
  transfersPending: number;
};

/** Records the event (once) and processes it (once), then sends any automatic refund it queued. */
export async function handleStripeEvent(db: Database, stripe: Stripe, event: StripeEvent): Promise<WebhookResult> {
  const received = await receiveStripeEvent(db, event);
  if (received === "duplicate_object") {
    return { eventId: event.id, status: "duplicate", outcome: "duplicate_object", orderId: null, refundsPending: 0, transfersPending: 0 };
  }
  const result = await processStripeEventOrMarkFailed(db, event.id);
  if (result.status === "failed") return { ...result, refundsPending: 0, transfersPending: 0 };
  const refundsPending = result.orderId ? await issueAutoRefunds(db, stripe, result.orderId) : 0;
  // A redelivery finds the event processed and sends what is still pending, under the same keys.
  // A closed dispute released transfers of any of the payees' orders: send them all.
  const released = /^dispute_(won|lost):released_[1-9]/.test(result.outcome ?? "");
  const transfersPending = released
    ? await sendAllPendingTransfers(db, stripe)
    : result.orderId
      ? await sendOrderTransfers(db, stripe, result.orderId)
      : 0;
  // Refunds of this order and their reversals still to send (say, a refund Stripe just confirmed).
  if (result.orderId) await settleOrderStripeRefunds(db, stripe, result.orderId);
  return { ...result, refundsPending, transfersPending };
}

/** new: first delivery; redelivery: this event id is in the inbox; duplicate_object: another event said the same. */
export async function receiveStripeEvent(db: Database, event: StripeEvent): Promise<"new" | "redelivery" | "duplicate_object"> {
  const object = event.data.object as Record<string, unknown>;
  return asServiceRole(db, async (tx) => {
    const inserted = await tx.query(
      `insert into public.stripe_webhook_events (id, type, object_id, dedupe_key, livemode, stripe_created_at, payload)
       values ($1, $2, $3, $4, $5, to_timestamp($6), $7::jsonb)
       on conflict do nothing returning id`,
      [
        event.id,
        event.type,
        typeof object.id === "string" ? object.id : null,
        dedupeKeyOf(event),
        event.livemode,
        event.created,
        JSON.stringify(event),
      ],
    );
    if (inserted.rowCount > 0) return "new";
    const known = await tx.query("select 1 from public.stripe_webhook_events where id = $1", [event.id]);
    return known.rowCount > 0 ? "redelivery" : "duplicate_object";
  });
}

type InboxRow = { id: string; type: string; status: string; outcome: string | null; order_id: string | null; payload: StripeEvent };

/**
 * processStripeEvent, except that an event the database refuses the same way every time (a
 * data or integrity error: a payload that breaks a rule) is marked failed with the reason
 * instead of failing every redelivery and every reconcile run after it.
 */
export async function processStripeEventOrMarkFailed(
  db: Database,
  eventId: string,
): Promise<Omit<WebhookResult, "refundsPending" | "transfersPending">> {
  try {
    return await processStripeEvent(db, eventId);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== "string" || !/^2[23]/.test(code)) throw error;
    const outcome = `error:${code} ${error instanceof Error ? error.message : ""}`.slice(0, 500);
    console.warn(`stripe event ${eventId} cannot be processed: ${outcome}`);
    await atomicAsServiceRole(db, {
      sql: "update public.stripe_webhook_events set status = 'failed', outcome = $2, processed_at = now() where id = $1 and status = 'received'",
      params: [eventId, outcome],
    });
    return { eventId, status: "failed", outcome, orderId: null };
  }
}

/** Processes one inbox event if nobody has: the row is locked, its effect and its status commit together. */
export async function processStripeEvent(
  db: Database,
  eventId: string,
): Promise<Omit<WebhookResult, "refundsPending" | "transfersPending">> {
  return asServiceRole(db, async (tx) => {
    const { rows } = await tx.query<InboxRow>(
      "select id, type, status, outcome, order_id, payload from public.stripe_webhook_events where id = $1 for update",
      [eventId],
    );
    const row = rows[0];
    if (!row) throw new Error(`stripe event ${eventId} is not in the inbox`);
    if (row.status !== "received") {
      return {
        eventId,
        status: row.status === "ignored" || row.status === "deferred" || row.status === "failed" ? row.status : "processed",
        outcome: row.outcome,
        orderId: row.order_id,
      };
    }
    const { status, outcome, orderId } = await applyStripeEvent(tx, row.payload);
    await tx.query(`update public.stripe_webhook_events set status = $2, outcome = $3, order_id = $4, processed_at = now() where id = $1`, [
      eventId,
      status,
      outcome,
      orderId,
    ]);
    return { eventId, status, outcome, orderId };
  });
}

type Applied = { status: "processed" | "ignored" | "deferred"; outcome: string | null; orderId: string | null };

async function applyStripeEvent(tx: Queryable, event: StripeEvent): Promise<Applied> {
  if (MONEY_BACK_TYPES.has(event.type)) return applyMoneyBackEvent(tx, event);
  if (event.type === "account.updated") return applyAccountEvent(tx, event);
  if (!HANDLED.has(event.type)) return { status: "ignored", outcome: null, orderId: null };
  const parsed = checkoutSessionSchema.safeParse(event.data.object);
  if (!parsed.success) return { status: "ignored", outcome: "not_a_checkout_session", orderId: null };
  const session = parsed.data;
  const orderId = await existingOrderId(tx, session.metadata?.order_id ?? session.client_reference_id ?? null);
  switch (event.type) {
    case "checkout.session.completed":
      if (session.payment_status !== "paid") return { status: "processed", outcome: "awaiting_async_payment", orderId };
      // Paid on the spot: the buyer paid when Stripe said so.
      return applyStripePayment(tx, event, session, orderId, new Date(event.created * 1000));
    case "checkout.session.async_payment_succeeded":
      // Started in time and settled later (the order's state decides, not the reservation clock).
      return applyStripePayment(tx, event, session, orderId, undefined);
    default: {
      // async_payment_failed: the order stays payable until its reservation ends (then it
      // expires as any unpaid order); the next "pay" makes a new session.
      if (orderId) {
        await tx.query(
          `update public.orders set stripe_checkout_session_id = null, stripe_checkout_url = null, stripe_checkout_expires_at = null,
                  updated_at = now()
            where id = $1 and stripe_checkout_session_id = $2`,
          [orderId, session.id],
        );
      }
      return { status: "processed", outcome: "payment_failed", orderId };
    }
  }
}

/** The account's flags, unless a newer account.updated was applied already (events arrive in any order). */
async function applyAccountEvent(tx: Queryable, event: StripeEvent): Promise<Applied> {
  const parsed = accountSchema.safeParse(event.data.object);
  if (!parsed.success) return { status: "ignored", outcome: "not_an_account", orderId: null };
  const account = parsed.data;
  const outcome = await applyAccountUpdated(tx, {
    accountId: account.id,
    payoutsEnabled: account.payouts_enabled ?? false,
    chargesEnabled: account.charges_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    at: new Date(event.created * 1000),
  });
  return { status: "processed", outcome: `account_${outcome}`, orderId: null };
}

async function existingOrderId(tx: Queryable, candidate: string | null): Promise<string | null> {
  if (!isUuid(candidate)) return null;
  const { rows } = await tx.query<{ id: string }>("select id from public.orders where id = $1", [candidate]);
  return rows[0]?.id ?? null;
}

async function applyStripePayment(
  tx: Queryable,
  event: StripeEvent,
  session: CheckoutSession,
  orderId: string | null,
  paidAt: Date | undefined,
): Promise<Applied> {
  const paymentIntent = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
  const outcome: PaymentOutcome = await applyPaymentSucceeded(tx, {
    provider: "stripe",
    eventId: event.id,
    type: event.type,
    orderId: orderId ?? "",
    amountFen: session.amount_total ?? 0,
    currency: session.currency ?? "",
    reference: paymentIntent ?? session.id,
    payload: {
      checkout_session: session.id,
      payment_intent: paymentIntent,
      amount_total: session.amount_total,
      currency: session.currency,
    },
    paidAt,
  });
  if (!orderId) return { status: "processed", outcome, orderId };
  const reason = await autoRefundReason(tx, orderId, outcome, paymentIntent);
  if (reason && paymentIntent && (session.amount_total ?? 0) > 0) {
    await tx.query(
      `insert into public.payment_auto_refunds (payment_intent_id, order_id, checkout_session_id, event_id, amount_minor, currency, reason)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (payment_intent_id) do nothing`,
      [paymentIntent, orderId, session.id, event.id, session.amount_total, (session.currency ?? "").toUpperCase(), reason],
    );
    return { status: "processed", outcome: `refund:${reason}`, orderId };
  }
  // Paid: each payee with an enabled connected account gets its share, sent after commit.
  if (outcome === "paid") await queueStripeTransfers(tx, orderId);
  return { status: "processed", outcome, orderId };
}

/** Why this payment must go back, or null when it paid the order (or was this payment already). */
async function autoRefundReason(
  tx: Queryable,
  orderId: string,
  outcome: PaymentOutcome,
  paymentIntent: string | null,
): Promise<AutoRefundReason | null> {
  if (outcome === "amount_mismatch") return "amount_mismatch";
  if (outcome !== "order_not_payable" && outcome !== "already_paid") return null;
  const { rows } = await tx.query<{ status: string; payment_reference: string | null; reserved_until: Date; cancelled_at: Date | null }>(
    "select status, payment_reference, reserved_until, cancelled_at from public.orders where id = $1",
    [orderId],
  );
  const order = rows[0];
  if (outcome === "already_paid") return order.payment_reference === paymentIntent ? null : "already_paid";
  if (order.status === "pending_payment") {
    // Paid after the reservation ended, before the expiry job came by: expire it now, as the
    // demo pay page does, so its stock goes back and the page shows it ended.
    await tx.query("select public.expire_unpaid_orders(now())");
    return "order_expired";
  }
  return order.cancelled_at && order.cancelled_at >= order.reserved_until ? "order_expired" : "order_cancelled";
}

/**
 * Sends this order's queued automatic refunds to Stripe (refund:auto:<payment intent>: a
 * retry, from any instance, refunds once). Returns how many are still unsent.
 */
export async function issueAutoRefunds(db: Database, stripe: Stripe, orderId: string): Promise<number> {
  const pending = await atomicAsServiceRole<{ payment_intent_id: string; reason: AutoRefundReason; stripe_refund_id: string | null }>(db, {
    sql: `select payment_intent_id, reason, stripe_refund_id from public.payment_auto_refunds
           where order_id = $1 and status = 'pending' order by created_at`,
    params: [orderId],
  });
  let unsent = 0;
  for (const refund of pending) {
    try {
      // Asked before and not settled yet (a wallet or bank refund): ask how it went.
      const sent = refund.stripe_refund_id
        ? await stripe.refunds.retrieve(refund.stripe_refund_id)
        : await stripe.refunds.create(
            {
              payment_intent: refund.payment_intent_id,
              ...(refund.reason === "already_paid" ? { reason: "duplicate" as const } : {}),
              metadata: { order_id: orderId, auto_refund: refund.reason },
            },
            { idempotencyKey: `refund:auto:${refund.payment_intent_id}` },
          );
      const status = refundStatusOf(sent.status);
      if (status === "pending") unsent++;
      await atomicAsServiceRole(db, {
        sql: `update public.payment_auto_refunds set status = $2, stripe_refund_id = $3, failure = $4,
                     refunded_at = case when $2 = 'succeeded' then now() end
               where payment_intent_id = $1 and status = 'pending'`,
        params: [refund.payment_intent_id, status, sent.id, status === "failed" ? (sent.failure_reason ?? sent.status ?? "failed") : null],
      });
    } catch (error) {
      unsent++;
      const message = error instanceof Error ? error.message : String(error);
      console.warn(`automatic refund of ${refund.payment_intent_id} (order ${orderId}) not accepted by Stripe yet: ${message}`);
      await atomicAsServiceRole(db, {
        sql: "update public.payment_auto_refunds set failure = $2 where payment_intent_id = $1",
        params: [refund.payment_intent_id, message.slice(0, 500)],
      });
    }
  }
  return unsent;
}
