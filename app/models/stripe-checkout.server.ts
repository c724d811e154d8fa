import type { Database } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import { isUuid } from "~/domain/uuid";

// What the Stripe adapter needs of an order to start its Checkout Session, and where the
// session is remembered. The order id comes from a checkout that just placed the order or
// from a page that found it through the buyer's own RLS-checked read.

export type CheckoutOrder = {
  id: string;
  status: string;
  totalFen: number;
  shippingFen: number;
  currency: string;
  locale: "zh-CN" | "en";
  reservedUntil: Date;
  session: { id: string; url: string; expiresAt: Date } | null;
  items: { name: string; unitPriceFen: number; quantity: number }[];
};

export async function loadCheckoutOrder(db: Database, orderId: string): Promise<CheckoutOrder | null> {
  if (!isUuid(orderId)) return null;
  return asServiceRole(db, async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      status: string;
      total_fen: number;
      shipping_fen: number;
      currency: string;
      locale: "zh-CN" | "en";
      reserved_until: Date;
      stripe_checkout_session_id: string | null;
      stripe_checkout_url: string | null;
      stripe_checkout_expires_at: Date | null;
    }>(
      `select id, status, total_fen, shipping_fen, currency, locale, reserved_until,
              stripe_checkout_session_id, stripe_checkout_url, stripe_checkout_expires_at
         from public.orders where id = $1`,
      [orderId],
    );
    const o = rows[0];
    if (!o) return null;
    const items = await tx.query<{ title_zh: string; title_en: string; unit_price_fen: number; quantity: number }>(
      "select title_zh, title_en, unit_price_fen, quantity from public.order_items where order_id = $1 order by title_en, id",
      [orderId],
    );
    return {
      id: o.id,
      status: o.status,
      totalFen: o.total_fen,
      shippingFen: o.shipping_fen,
      currency: o.currency,
      locale: o.locale,
      reservedUntil: o.reserved_until,
      session:
        o.stripe_checkout_session_id && o.stripe_checkout_url && o.stripe_checkout_expires_at
          ? { id: o.stripe_checkout_session_id, url: o.stripe_checkout_url, expiresAt: o.stripe_checkout_expires_at }
          : null,
      items: items.rows.map((i) => ({
        name: o.locale === "en" ? i.title_en : i.title_zh,
        unitPriceFen: i.unit_price_fen,
        quantity: i.quantity,
      })),
    };
  });
}

/** Remembers the order's Checkout Session (only while the order still waits for payment). */
export async function recordCheckoutSession(
  db: Database,
  orderId: string,
  session: { id: string; url: string; expiresAt: Date },
): Promise<boolean> {
  return asServiceRole(db, async (tx) => {
    const { rowCount } = await tx.query(
      `update public.orders
          set stripe_checkout_session_id = $2, stripe_checkout_url = $3, stripe_checkout_expires_at = $4,
              payment_provider = 'stripe', updated_at = now()
        where id = $1 and status = 'pending_payment'`,
      [orderId, session.id, session.url, session.expiresAt],
    );
    return rowCount > 0;
  });
}
