import type Stripe from "stripe";
import type { Database } from "~/db/database.server";
import { atomicAsServiceRole } from "~/db/request-role.server";
import { isRefusal, refundStatusOf } from "~/payments/stripe-answers";

// A refund of a Stripe-paid order, after public.refund_order committed it (ADR 0027): the
// trigger on public.refunds queued one Stripe refund and, for each payee already sent a
// transfer for the order, a reversal of its share. Here they are sent: the refund first
// (refund:<refund id>), then — once Stripe accepted it — each reversal (reversal:<id>),
// posted once as a negative payout. A reversal refused for want of balance on the connected
// account stays `failed`: the payee's negative balance is the receivable, netted later.
// Anything Stripe has not answered stays pending and is sent again under the same key by
// the next webhook or reconcile run: one refund, one reversal, whatever the retries.

export type StripeRefundOutcome = {
  /** Stripe refunds (of this order, or all) it has not accepted yet */
  refundsPending: number;
  /** reversals still to send */
  reversalsPending: number;
  /** reversals Stripe refused for good (receivables) in this run */
  reversalsFailed: number;
};

type PendingRefund = {
  refund_id: string;
  order_id: string;
  payment_intent_id: string;
  /** what is refunded at Stripe: the amount less what already went back outside the app */
  to_refund_fen: number;
  stripe_refund_id: string | null;
};
type PendingReversal = { id: string; order_id: string; refund_id: string | null; amount_fen: number; stripe_transfer_id: string };

const PENDING_REFUNDS = `select refund_id, order_id, payment_intent_id, (amount_fen - covered_fen)::int as to_refund_fen, stripe_refund_id
    from public.stripe_refunds where status = 'pending'`;
// A reversal goes once its refund went through (never take a payee's money back for a refund
// the buyer did not get) and its transfer is made (one claimed by a sender waits for it).
const PENDING_REVERSALS = `select r.id, t.order_id, r.refund_id, r.amount_fen::int as amount_fen, t.stripe_transfer_id
    from public.stripe_transfer_reversals r
    join public.stripe_transfers t on t.id = r.transfer_id
    left join public.stripe_refunds sr on sr.refund_id = r.refund_id
   where r.status = 'pending' and t.status = 'sent' and (r.refund_id is null or sr.status = 'succeeded')`;

/** Sends this order's pending Stripe refunds and then their reversals. */
export async function settleOrderStripeRefunds(db: Database, stripe: Stripe, orderId: string): Promise<StripeRefundOutcome> {
  const refunds = await atomicAsServiceRole<PendingRefund>(db, {
    sql: `${PENDING_REFUNDS} and order_id = $1 order by created_at`,
    params: [orderId],
  });
  const refundsPending = await sendRefunds(db, stripe, refunds);
  const reversals = await atomicAsServiceRole<PendingReversal>(db, {
    sql: `${PENDING_REVERSALS} and t.order_id = $1 order by r.created_at, r.id`,
    params: [orderId],
  });
  return { refundsPending, ...(await sendReversals(db, stripe, reversals)) };
}

/** Every pending Stripe refund and reversal, oldest first (the reconcile sweep). */
export async function settleAllStripeRefunds(db: Database, stripe: Stripe, limit = 200): Promise<StripeRefundOutcome> {
  const refunds = await atomicAsServiceRole<PendingRefund>(db, { sql: `${PENDING_REFUNDS} order by created_at limit $1`, params: [limit] });
  const refundsPending = await sendRefunds(db, stripe, refunds);
  const reversals = await atomicAsServiceRole<PendingReversal>(db, {
    sql: `${PENDING_REVERSALS} order by r.created_at, r.id limit $1`,
    params: [limit],
  });
  return { refundsPending, ...(await sendReversals(db, stripe, reversals)) };
}

async function sendRefunds(db: Database, stripe: Stripe, pending: PendingRefund[]): Promise<number> {
  let unsent = 0;
  for (const refund of pending) {
    try {
      // Asked before and Stripe has not settled it (a bank or wallet refund): ask how it went,
      // do not ask again. Else ask, under the refund's key.
      const sent = refund.stripe_refund_id
        ? await stripe.refunds.retrieve(refund.stripe_refund_id)
        : await stripe.refunds.create(
            {
              payment_intent: refund.payment_intent_id,
              amount: refund.to_refund_fen,
              metadata: { order_id: refund.order_id, refund_id: refund.refund_id },
            },
            { idempotencyKey: `refund:${refund.refund_id}` },
          );
      const status = refundStatusOf(sent.status);
      if (status === "pending") unsent++;
      await atomicAsServiceRole(db, {
        sql: `with settled as (
                update public.stripe_refunds set status = $2, stripe_refund_id = $3, failure = $4,
                       settled_at = case when $2 = 'pending' then null else now() end
                 where refund_id = $1 and status = 'pending' returning refund_id)
              update public.refunds set provider_refund_id = $3 where id in (select refund_id from settled)`,
        params: [refund.refund_id, status, sent.id, status === "failed" ? (sent.failure_reason ?? sent.status ?? "failed") : null],
      });
    } catch (error) {
      // Stripe answered no (the charge is disputed, already refunded…): that is final, shown
      // to the admin. No answer, or a server error: try again later under the same key.
      if (isRefusal(error)) {
        await atomicAsServiceRole(db, {
          sql: "update public.stripe_refunds set status = 'failed', failure = $2, settled_at = now() where refund_id = $1 and status = 'pending'",
          params: [refund.refund_id, messageOf(error)],
        });
        continue;
      }
      unsent++;
      await noteFailure(
        db,
        "stripe_refunds",
        "refund_id",
        refund.refund_id,
        error,
        `Stripe refund ${refund.refund_id} (order ${refund.order_id})`,
      );
    }
  }
  return unsent;
}

async function sendReversals(db: Database, stripe: Stripe, pending: PendingReversal[]) {
  let reversalsPending = 0;
  let reversalsFailed = 0;
  for (const reversal of pending) {
    try {
      const sent = await stripe.transfers.createReversal(
        reversal.stripe_transfer_id,
        {
          amount: reversal.amount_fen,
          metadata: { order_id: reversal.order_id, reversal_id: reversal.id, refund_id: reversal.refund_id ?? "" },
        },
        { idempotencyKey: `reversal:${reversal.id}` },
      );
      await atomicAsServiceRole(db, {
        sql: "select app_private.record_transfer_reversal($1, null, $2, null) as outcome",
        params: [reversal.id, sent.id],
      });
    } catch (error) {
      // Refused (most often: the connected account's balance is short): the payee keeps it
      // and owes it back, a receivable netted later. No answer: try again under the same key.
      if (isRefusal(error)) {
        reversalsFailed++;
        await atomicAsServiceRole(db, {
          sql: `update public.stripe_transfer_reversals set status = 'failed', failure = $2, settled_at = now()
                 where id = $1 and status = 'pending'`,
          params: [reversal.id, messageOf(error)],
        });
      } else {
        reversalsPending++;
        await noteFailure(
          db,
          "stripe_transfer_reversals",
          "id",
          reversal.id,
          error,
          `transfer reversal ${reversal.id} (order ${reversal.order_id})`,
        );
      }
    }
  }
  return { reversalsPending, reversalsFailed };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

async function noteFailure(
  db: Database,
  table: "stripe_refunds" | "stripe_transfer_reversals",
  key: string,
  id: string,
  error: unknown,
  what: string,
) {
  console.warn(`${what} not accepted by Stripe yet: ${messageOf(error)}`);
  await atomicAsServiceRole(db, {
    sql: `update public.${table} set failure = $2 where ${key} = $1 and status = 'pending'`,
    params: [id, messageOf(error)],
  });
}
