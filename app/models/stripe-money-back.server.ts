import { z } from "zod";
import type { Queryable } from "~/db/database.server";
import { refundStatusOf } from "~/payments/stripe-answers";
import type { StripeEvent } from "./stripe-webhook.server";

// Webhook events about money going back (ADR 0027), applied inside the inbox's processing
// transaction like a payment: refunds Stripe reports (ours confirmed, or one made in Stripe's
// dashboard flagged), disputes opened and closed (holding and releasing the payees'
// transfers), and transfer reversals (ours confirmed, or one made outside the app booked).

export const MONEY_BACK_TYPES = new Set([
  "charge.refunded",
  "charge.dispute.created",
  "charge.dispute.closed",
  "transfer.reversed",
  "refund.updated",
  "refund.failed",
  "charge.refund.updated",
]);

export type MoneyBackApplied = { status: "processed" | "ignored"; outcome: string; orderId: string | null };

const idOf = z.union([z.string(), z.looseObject({ id: z.string() })]).transform((v) => (typeof v === "string" ? v : v.id));
const listOf = <T extends z.ZodType>(item: T) =>
  z
    .looseObject({ data: z.array(item) })
    .nullable()
    .optional();

const chargeSchema = z.looseObject({
  id: z.string().regex(/^(ch|py)_\w+$/),
  payment_intent: idOf.nullable().optional(),
  amount_refunded: z.number().int().nonnegative(),
  refunds: listOf(
    z.looseObject({ id: z.string(), amount: z.number().int(), metadata: z.record(z.string(), z.string()).nullable().optional() }),
  ),
});
const disputeSchema = z.looseObject({
  id: z.string().regex(/^(dp|du)_\w+$/),
  charge: idOf.nullable().optional(),
  payment_intent: idOf.nullable().optional(),
  amount: z.number().int().nonnegative(),
  reason: z.string().nullable().optional(),
  status: z.string(),
  created: z.number().int().optional(),
});
const refundSchema = z.looseObject({
  id: z.string().regex(/^(re|pyr)_\w+$/),
  status: z.string().nullable().optional(),
  payment_intent: idOf.nullable().optional(),
  failure_reason: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});
const transferSchema = z.looseObject({
  id: z.string().regex(/^tr_\w+$/),
  amount_reversed: z.number().int().nonnegative(),
  reversals: listOf(
    z.looseObject({
      id: z.string(),
      amount: z.number().int().positive(),
      metadata: z.record(z.string(), z.string()).nullable().optional(),
    }),
  ),
});

export async function applyMoneyBackEvent(tx: Queryable, event: StripeEvent): Promise<MoneyBackApplied> {
  switch (event.type) {
    case "charge.refunded":
      return chargeRefunded(tx, event);
    case "charge.dispute.created":
    case "charge.dispute.closed":
      return dispute(tx, event);
    case "transfer.reversed":
      return transferReversed(tx, event);
    default:
      return refundChanged(tx, event);
  }
}

async function orderPaidBy(tx: Queryable, paymentIntent: string | null | undefined): Promise<string | null> {
  if (!paymentIntent) return null;
  const { rows } = await tx.query<{ id: string }>(
    "select id from public.orders where payment_provider = 'stripe' and payment_reference = $1",
    [paymentIntent],
  );
  return rows[0]?.id ?? null;
}

/**
 * Our refunds Stripe lists are confirmed (their answer may have been lost). What Stripe says
 * was refunded beyond what the app asked for was refunded in Stripe's dashboard: the ledger
 * does not know whose share it was, so it is flagged for the cooperative to record as a
 * refund of items (which reverses the split), not booked by guess.
 */
async function chargeRefunded(tx: Queryable, event: StripeEvent): Promise<MoneyBackApplied> {
  const parsed = chargeSchema.safeParse(event.data.object);
  if (!parsed.success) return { status: "ignored", outcome: "not_a_charge", orderId: null };
  const charge = parsed.data;
  const orderId = await orderPaidBy(tx, charge.payment_intent);
  if (!orderId) return { status: "processed", outcome: "unknown_order", orderId: null };
  for (const refund of charge.refunds?.data ?? []) {
    const ours = refund.metadata?.refund_id;
    if (!ours) continue;
    await tx.query(
      `with settled as (
         update public.stripe_refunds set status = 'succeeded', stripe_refund_id = $2, failure = null, settled_at = now()
          where refund_id::text = $1 and order_id = $3 and status = 'pending' returning refund_id)
       update public.refunds set provider_refund_id = $2 where id in (select refund_id from settled)`,
      [ours, refund.id, orderId],
    );
  }
  // What the app itself asked Stripe to refund on this PaymentIntent (a part covered by money
  // that already went back outside the app was never asked for).
  const { rows } = await tx.query<{ known: number }>(
    `select (coalesce((select sum(amount_fen - covered_fen) from public.stripe_refunds
                        where payment_intent_id = $1 and status <> 'failed'), 0)
           + coalesce((select sum(amount_minor) from public.payment_auto_refunds
                        where payment_intent_id = $1 and status <> 'failed'), 0))::bigint as known`,
    [charge.payment_intent],
  );
  const outside = charge.amount_refunded - Number(rows[0].known);
  if (outside > 0) {
    await tx.query(
      `insert into public.stripe_outside_refunds (charge_id, order_id, amount_refunded_fen, unknown_fen) values ($1, $2, $3, $4)
       on conflict (charge_id) do update set amount_refunded_fen = excluded.amount_refunded_fen, unknown_fen = excluded.unknown_fen,
              updated_at = now()
        where public.stripe_outside_refunds.amount_refunded_fen < excluded.amount_refunded_fen`,
      [charge.id, orderId, charge.amount_refunded, outside],
    );
    return { status: "processed", outcome: "refunded_outside_app", orderId };
  }
  return { status: "processed", outcome: "refund_confirmed", orderId };
}

async function dispute(tx: Queryable, event: StripeEvent): Promise<MoneyBackApplied> {
  const parsed = disputeSchema.safeParse(event.data.object);
  if (!parsed.success) return { status: "ignored", outcome: "not_a_dispute", orderId: null };
  const d = parsed.data;
  const orderId = await orderPaidBy(tx, d.payment_intent);
  if (!orderId) return { status: "processed", outcome: "unknown_order", orderId: null };
  if (event.type === "charge.dispute.closed") {
    // Recorded closed even when its opening has not arrived yet (events come in any order).
    const { rows } = await tx.query<{ released: number }>(
      "select app_private.close_stripe_dispute($1, $2, $3, $4, $5, $6, to_timestamp($7)) as released",
      [d.id, orderId, d.charge ?? null, d.amount, d.reason ?? "", d.status, event.created],
    );
    const won = ["won", "warning_closed", "prevented"].includes(d.status);
    return { status: "processed", outcome: `dispute_${won ? "won" : "lost"}:released_${rows[0].released}`, orderId };
  }
  const { rows } = await tx.query<{ held: number }>(
    "select app_private.open_stripe_dispute($1, $2, $3, $4, $5, $6, to_timestamp($7)) as held",
    [d.id, orderId, d.charge ?? null, d.amount, d.reason ?? "", d.status, d.created ?? event.created],
  );
  return { status: "processed", outcome: `dispute_opened:held_${rows[0].held}`, orderId };
}

/** Each reversal on the transfer: ours are confirmed, one made outside the app is booked (the payee is credited back). */
async function transferReversed(tx: Queryable, event: StripeEvent): Promise<MoneyBackApplied> {
  const parsed = transferSchema.safeParse(event.data.object);
  if (!parsed.success) return { status: "ignored", outcome: "not_a_transfer", orderId: null };
  const transfer = parsed.data;
  const { rows } = await tx.query<{ id: string; order_id: string }>(
    "select id, order_id from public.stripe_transfers where stripe_transfer_id = $1",
    [transfer.id],
  );
  const row = rows[0];
  if (!row) return { status: "processed", outcome: "unknown_transfer", orderId: null };
  let booked = 0;
  for (const reversal of transfer.reversals?.data ?? []) {
    const ours = reversal.metadata?.reversal_id;
    const mine = ours
      ? await tx.query<{ id: string }>(
          "select id from public.stripe_transfer_reversals where id::text = $1 and transfer_id = $2 and status = 'pending'",
          [ours, row.id],
        )
      : { rows: [] };
    const { rows: outcome } = await tx.query<{ outcome: string }>(
      "select app_private.record_transfer_reversal($1, $2, $3, $4) as outcome",
      [mine.rows[0]?.id ?? null, row.id, reversal.id, reversal.amount],
    );
    if (outcome[0].outcome === "succeeded") booked++;
  }
  return { status: "processed", outcome: `reversals_booked_${booked}`, orderId: row.order_id };
}

/** A refund that settled later (Alipay, WeChat Pay, banks): ours, or an automatic one, takes its final state. */
async function refundChanged(tx: Queryable, event: StripeEvent): Promise<MoneyBackApplied> {
  const parsed = refundSchema.safeParse(event.data.object);
  if (!parsed.success) return { status: "ignored", outcome: "not_a_refund", orderId: null };
  const refund = parsed.data;
  const status = refundStatusOf(refund.status);
  if (status === "pending")
    return { status: "processed", outcome: "refund_pending", orderId: await orderPaidBy(tx, refund.payment_intent) };
  const failure = status === "failed" ? (refund.failure_reason ?? refund.status ?? "failed") : null;
  const { rows } = await tx.query<{ order_id: string }>(
    `with ours as (
       update public.stripe_refunds set status = $2, stripe_refund_id = $1, failure = $3, settled_at = now()
        where status = 'pending' and (stripe_refund_id = $1 or refund_id::text = $4) returning order_id),
     auto as (
       update public.payment_auto_refunds set status = $2, stripe_refund_id = $1, failure = $3,
              refunded_at = case when $2 = 'succeeded' then now() end
        where status = 'pending' and (stripe_refund_id = $1 or payment_intent_id = $5 and $6) returning order_id)
     select order_id from ours union all select order_id from auto`,
    [refund.id, status, failure, refund.metadata?.refund_id ?? "", refund.payment_intent ?? "", Boolean(refund.metadata?.auto_refund)],
  );
  const orderId = rows[0]?.order_id ?? (await orderPaidBy(tx, refund.payment_intent));
  return { status: "processed", outcome: rows.length > 0 ? `refund_${status}` : "refund_unknown", orderId };
}
