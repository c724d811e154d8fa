import type { Database, Queryable } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import { paymentPostingLines } from "~/domain/ledger-postings";
import { assertTransition, type OrderStatus } from "~/domain/order-state";
import { insertPosting } from "./ledger.server";
import { loadMoneyItems } from "./order-items.server";
import { isUuid } from "~/domain/uuid";

// "Payment succeeded": the one money path for every provider. The demo pay page calls it
// directly; the Stripe webhook will call it with Stripe's event. Idempotent three ways:
// the event id is recorded once, the order row is locked, and the posting key is unique.

export type PaymentSucceeded = {
  provider: "demo" | "stripe";
  eventId: string;
  type: string;
  orderId: string;
  amountFen: number;
  currency: string;
  reference: string;
  payload: unknown;
  /**
   * When the buyer paid, where the provider says so (Stripe: the event's time). A payment
   * made after the order's reservation ended is refused like one for a cancelled order
   * (`order_not_payable`); the demo pay page checks the reservation itself before calling.
   */
  paidAt?: Date;
};

export type PaymentOutcome = "paid" | "duplicate_event" | "already_paid" | "order_not_payable" | "amount_mismatch" | "unknown_order";

export async function recordPaymentSucceeded(db: Database, event: PaymentSucceeded): Promise<PaymentOutcome> {
  return asServiceRole(db, (tx) => applyPaymentSucceeded(tx, event));
}

/**
 * recordPaymentSucceeded inside a service-role transaction the caller already holds (the
 * Stripe webhook marks its inbox row processed in the same transaction).
 */
export async function applyPaymentSucceeded(tx: Queryable, event: PaymentSucceeded): Promise<PaymentOutcome> {
  const orderId = isUuid(event.orderId) ? event.orderId : null;
  // Lock the order first: every delivery for one order queues here. (Recording the event
  // first would take a key-share lock through its foreign key, and two deliveries
  // upgrading to FOR UPDATE would deadlock.)
  const { rows } = orderId
    ? await tx.query<OrderRow>("select id, status, total_fen, currency, reserved_until from public.orders where id = $1 for update", [
        orderId,
      ])
    : { rows: [] as OrderRow[] };
  const order = rows[0] ?? null;
  const recorded = await tx.query(
    `insert into public.payment_events (id, provider, type, order_id, payload, processed_at)
     values ($1, $2, $3, $4, $5::jsonb, now())
     on conflict (id) do nothing returning id`,
    [event.eventId, event.provider, event.type, order?.id ?? null, JSON.stringify(event.payload ?? {})],
  );
  if (recorded.rowCount === 0) return "duplicate_event";
  return applyPayment(tx, event, order);
}

type OrderRow = { id: string; status: OrderStatus; total_fen: number; currency: string; reserved_until: Date };

async function applyPayment(tx: Queryable, event: PaymentSucceeded, order: OrderRow | null): Promise<PaymentOutcome> {
  if (!order) return "unknown_order";
  if (order.status === "cancelled") return "order_not_payable";
  if (order.status !== "pending_payment") return "already_paid";
  if (event.paidAt && order.reserved_until <= event.paidAt) return "order_not_payable";
  if (event.amountFen !== order.total_fen || event.currency.toUpperCase() !== order.currency) return "amount_mismatch";

  assertTransition(order.status, "paid");
  const orderId = order.id;
  await tx.query(
    `update public.orders set status = 'paid', paid_at = now(), updated_at = now(),
            payment_provider = $2, payment_reference = $3
      where id = $1`,
    [orderId, event.provider, event.reference],
  );
  const items = await loadMoneyItems(tx, orderId);
  await insertPosting(
    tx,
    { kind: "payment", idempotencyKey: `payment:${orderId}`, orderId, memo: `${event.provider} ${event.reference}` },
    paymentPostingLines(items),
    items,
  );
  return "paid";
}
