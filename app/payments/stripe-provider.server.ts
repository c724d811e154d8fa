import type Stripe from "stripe";
import type { Database } from "~/db/database.server";
import { loadCheckoutOrder, recordCheckoutSession, type CheckoutOrder } from "~/models/stripe-checkout.server";
import { PaymentNotStartableError } from "./payment-errors";
import type { PaymentProvider, PaymentStart } from "./payment-provider.server";

// Stripe mode: a Checkout Session in payment mode, CNY, card + Alipay + WeChat Pay. The
// payment's result arrives through the webhook (app/routes/webhooks.stripe.ts), which runs
// recordPaymentSucceeded like the demo pay page. ADR 0023.

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes after it is made. */
export const STRIPE_MIN_SESSION_MS = 30 * 60_000;
/** An open session is reused while it has at least this long left to pay in. */
const REUSE_MARGIN_MS = 5 * 60_000;
/** Expiry when the reservation ends too soon for Stripe: rounded up to this grid, so concurrent clicks share one key. */
const EXPIRY_GRID_MS = 5 * 60_000;

/**
 * When the session expires: the order's reservation, where Stripe allows it (at least 30
 * minutes from now, with a minute's margin for the request); else the next 5-minute mark
 * past that minimum. A whole second either way, as Stripe counts.
 */
export function checkoutExpiry(reservedUntil: Date, now: Date): Date {
  const earliest = now.getTime() + STRIPE_MIN_SESSION_MS + 60_000;
  const at = reservedUntil.getTime() >= earliest ? reservedUntil.getTime() : Math.ceil(earliest / EXPIRY_GRID_MS) * EXPIRY_GRID_MS;
  return new Date(Math.ceil(at / 1000) * 1000);
}

/** The same order and expiry always give the same key: a retried or doubled request makes one session. */
export function checkoutIdempotencyKey(orderId: string, expiresAt: Date): string {
  return `checkout:${orderId}:${Math.floor(expiresAt.getTime() / 1000)}`;
}

/** One line per order item in the buyer's language; the order total as one line if they would not add up. */
export function checkoutLineItems(order: CheckoutOrder): Stripe.Checkout.SessionCreateParams.LineItem[] {
  const line = (name: string, unitAmount: number, quantity: number): Stripe.Checkout.SessionCreateParams.LineItem => ({
    quantity,
    price_data: { currency: "cny", unit_amount: unitAmount, product_data: { name } },
  });
  const items = order.items.map((i) => line(i.name, i.unitPriceFen, i.quantity));
  if (order.shippingFen > 0) items.push(line(order.locale === "en" ? "Shipping" : "运费", order.shippingFen, 1));
  const sum = order.items.reduce((s, i) => s + i.unitPriceFen * i.quantity, 0) + order.shippingFen;
  if (sum === order.totalFen && items.length > 0) return items;
  const orderName = order.locale === "en" ? `Harvest Live order ${order.id.slice(0, 8)}` : `丰收直播订单 ${order.id.slice(0, 8)}`;
  return [line(orderName, order.totalFen, 1)];
}

export type CheckoutOrders = {
  load(orderId: string): Promise<CheckoutOrder | null>;
  record(orderId: string, session: { id: string; url: string; expiresAt: Date }): Promise<boolean>;
};

export type StripeProviderOptions = {
  stripe: Stripe;
  db?: Database;
  /** Where orders are read and their session recorded (the database by default; a fake in unit tests). */
  orders?: CheckoutOrders;
  /** PUBLIC_BASE_URL: where Stripe sends the buyer back; unset: the request's origin. */
  publicBaseUrl?: string;
  now?: () => Date;
};

export function stripePaymentProvider(options: StripeProviderOptions): PaymentProvider {
  const now = options.now ?? (() => new Date());
  const db = options.db;
  const orders: CheckoutOrders | undefined =
    options.orders ??
    (db && {
      load: (orderId) => loadCheckoutOrder(db, orderId),
      record: (orderId, session) => recordCheckoutSession(db, orderId, session),
    });
  if (!orders) throw new Error("the Stripe payment provider needs the database");
  return {
    name: "stripe",
    async startPayment(payment: PaymentStart) {
      const order = await orders.load(payment.orderId);
      const at = now();
      // Its reservation is over (the expiry job has not come by yet): a payment now would be refunded.
      if (!order || order.status !== "pending_payment" || order.reservedUntil <= at) throw new PaymentNotStartableError(payment.orderId);
      // Pay again (a second tab, the order page): the open session, not a second one to pay.
      if (order.session && order.session.expiresAt.getTime() - at.getTime() > REUSE_MARGIN_MS) {
        return { redirectTo: order.session.url };
      }
      const base = (options.publicBaseUrl ?? payment.origin).replace(/\/+$/, "");
      const orderUrl = `${base}${payment.orderPath}`;
      const separator = orderUrl.includes("?") ? "&" : "?";
      const expiresAt = checkoutExpiry(order.reservedUntil, at);
      const session = await options.stripe.checkout.sessions.create(
        {
          mode: "payment",
          currency: "cny",
          locale: order.locale === "en" ? "en" : "zh",
          // API 2026-09-30.endive (stripe 23) replaced payment_method_types with this filter (ADR 0023).
          allowed_payment_method_types: ["card", "alipay", "wechat_pay"],
          payment_method_options: { wechat_pay: { client: "web" } },
          line_items: checkoutLineItems(order),
          client_reference_id: order.id,
          metadata: { order_id: order.id },
          payment_intent_data: { transfer_group: order.id, metadata: { order_id: order.id } },
          success_url: `${orderUrl}${separator}paid=1`,
          cancel_url: orderUrl,
          expires_at: Math.floor(expiresAt.getTime() / 1000),
        },
        { idempotencyKey: checkoutIdempotencyKey(order.id, expiresAt) },
      );
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
      const expires = session.expires_at ? new Date(session.expires_at * 1000) : expiresAt;
      await orders.record(order.id, { id: session.id, url: session.url, expiresAt: expires });
      // The session it replaces (nearly over) must not take a second payment: expire it. If it
      // was paid a moment ago or Stripe is unreachable, the webhook refunds a second payment.
      if (order.session && order.session.id !== session.id) await expireSession(options.stripe, order.session.id);
      return { redirectTo: session.url };
    },
  };
}

async function expireSession(stripe: Stripe, sessionId: string): Promise<void> {
  try {
    await stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `checkout:expire:${sessionId}` });
  } catch (error) {
    console.warn(`could not expire Checkout Session ${sessionId}:`, error instanceof Error ? error.message : error);
  }
}
