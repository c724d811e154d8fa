import type Stripe from "stripe";
import type { Database, Queryable } from "~/db/database.server";
import { isRefusal } from "~/payments/stripe-answers";
import { atomicAsServiceRole } from "~/db/request-role.server";

// Transfers to connected accounts after a Stripe payment (ADR 0025, "separate charges and
// transfers"). The payment's transaction queues one pending row per household/collective
// payee with an enabled account (app_private.queue_stripe_transfers: its ledger credit for
// the order, netted against a receivable). After commit each pending row is sent under the
// key transfer:<row id> — a retry, from any instance, makes one Stripe transfer — and then
// recorded as sent with its payout and payout posting in one transaction
// (app_private.record_stripe_transfer_sent locks the row: posted once).

/** In the payment's transaction: the order's transfers (none if no payee has an enabled account). */
export async function queueStripeTransfers(tx: Queryable, orderId: string): Promise<number> {
  const { rows } = await tx.query<{ queued: number }>("select app_private.queue_stripe_transfers($1) as queued", [orderId]);
  return rows[0].queued;
}

type PendingTransfer = {
  id: string;
  order_id: string;
  account_id: string;
  connected_account_id: string;
  amount_fen: number;
  source_charge_id: string | null;
  payment_reference: string | null;
  payee_kind: "household" | "collective";
  household_id: string | null;
};

const PENDING = `
  select t.id, t.order_id, t.account_id, t.connected_account_id, t.amount_fen::int as amount_fen, t.source_charge_id,
         o.payment_reference, a.kind as payee_kind, a.household_id
    from public.stripe_transfers t
    join public.orders o on o.id = t.order_id
    join public.ledger_accounts a on a.id = t.account_id
   where (t.status = 'pending' or (t.status = 'sending' and t.updated_at < now() - interval '1 minute'))`;

/** Sends this order's pending transfers; returns how many Stripe has not accepted yet. */
export async function sendOrderTransfers(db: Database, stripe: Stripe, orderId: string): Promise<number> {
  const pending = await atomicAsServiceRole<PendingTransfer>(db, {
    sql: `${PENDING} and t.order_id = $1 order by t.created_at, t.id`,
    params: [orderId],
  });
  return sendTransfers(db, stripe, pending);
}

/** Every pending transfer, oldest first (the reconcile job's sweep); returns how many are still unsent. */
export async function sendAllPendingTransfers(db: Database, stripe: Stripe, limit = 500): Promise<number> {
  const pending = await atomicAsServiceRole<PendingTransfer>(db, {
    sql: `${PENDING} order by t.created_at, t.id limit $1`,
    params: [limit],
  });
  return sendTransfers(db, stripe, pending);
}

async function sendTransfers(db: Database, stripe: Stripe, pending: PendingTransfer[]): Promise<number> {
  const charges = new Map<string, string>(); // payment intent → its charge, once per order
  let unsent = 0;
  for (const transfer of pending) {
    // Claimed first, in its own statement: from now on a refund reverses this transfer instead
    // of shrinking it, and a dispute does not hold it — its amount is fixed under its key. A
    // claim older than a minute is a sender that died or got no answer: sent again, same key.
    const [claim] = await atomicAsServiceRole<{ amount_fen: number; attempts: number }>(db, {
      sql: `update public.stripe_transfers set status = 'sending', updated_at = now()
             where id = $1 and (status = 'pending' or (status = 'sending' and updated_at < now() - interval '1 minute'))
            returning amount_fen::int as amount_fen, attempts`,
      params: [transfer.id],
    });
    if (!claim) continue; // another instance has it, or it changed (sent, held, refunded away)
    try {
      const charge = transfer.source_charge_id ?? (await chargeOf(db, stripe, transfer, charges));
      const sent = await stripe.transfers.create(
        {
          amount: claim.amount_fen,
          currency: "cny",
          destination: transfer.connected_account_id,
          source_transaction: charge,
          transfer_group: transfer.order_id,
          metadata: {
            order_id: transfer.order_id,
            payee: transfer.payee_kind === "household" ? `household:${transfer.household_id}` : "collective",
            ledger_account_id: transfer.account_id,
          },
        },
        // Stripe keeps its answer under a key for a day: after a refusal the next try is a new key.
        { idempotencyKey: `transfer:${transfer.id}${claim.attempts > 0 ? `:${claim.attempts}` : ""}` },
      );
      await atomicAsServiceRole(db, {
        sql: "select app_private.record_stripe_transfer_sent($1, $2, $3) as outcome",
        params: [transfer.id, sent.id, charge],
      });
    } catch (error) {
      unsent++;
      const message = error instanceof Error ? error.message : String(error);
      console.warn(`Stripe transfer ${transfer.id} (order ${transfer.order_id}) not accepted yet: ${message}`);
      // Refused: Stripe made nothing, so it is pending again (a refund may shrink it) under a
      // new key. No answer or a server error: it may exist at Stripe; it stays claimed, and
      // goes again under the same key.
      await atomicAsServiceRole(db, {
        sql: isRefusal(error)
          ? `update public.stripe_transfers set status = 'pending', attempts = attempts + 1, failure = $2, updated_at = now()
              where id = $1 and status = 'sending'`
          : "update public.stripe_transfers set failure = $2 where id = $1 and status = 'sending'",
        params: [transfer.id, message.slice(0, 500)],
      });
    }
  }
  return unsent;
}

/** The charge the order was paid with (the PaymentIntent's latest charge), stored on the order's transfers. */
async function chargeOf(db: Database, stripe: Stripe, transfer: PendingTransfer, known: Map<string, string>): Promise<string> {
  const intent = transfer.payment_reference;
  if (!intent?.startsWith("pi_")) throw new Error(`order ${transfer.order_id} has no Stripe PaymentIntent`);
  const cached = known.get(intent);
  if (cached) return cached;
  const retrieved = await stripe.paymentIntents.retrieve(intent);
  const latest = retrieved.latest_charge;
  const charge = typeof latest === "string" ? latest : (latest?.id ?? null);
  if (!charge) throw new Error(`PaymentIntent ${intent} has no charge yet`);
  known.set(intent, charge);
  await atomicAsServiceRole(db, {
    sql: "update public.stripe_transfers set source_charge_id = $2, updated_at = now() where order_id = $1 and source_charge_id is null",
    params: [transfer.order_id, charge],
  });
  return charge;
}
