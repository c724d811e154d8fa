import type { Queryable } from "~/db/database.server";
import type { ActingDatabase } from "~/db/request-role.server";
import type { CheckoutInput } from "~/forms/checkout";
import { pick, type Locale } from "~/i18n/locale";
import { isUuid } from "~/domain/uuid";

// Placing and reading orders. placeOrder runs public.place_order (one atomic database
// call: validate the cart, copy prices and split rules, reserve stock) inside the
// request's transaction; refusals come back as CheckoutRefusedError with the reason.

export type CheckoutRefusal =
  | { reason: "empty_cart" }
  | { reason: "unavailable"; productIds: string[] }
  | { reason: "over_limit"; productIds: string[]; remaining: number }
  | { reason: "sold_out"; productIds: string[] };

export class CheckoutRefusedError extends Error {
  constructor(readonly refusal: CheckoutRefusal) {
    super(`checkout refused: ${refusal.reason}`);
    this.name = "CheckoutRefusedError";
  }
}

function refusalFrom(error: unknown): CheckoutRefusal | null {
  const e = error as { code?: string; detail?: string };
  switch (e?.code) {
    case "HL001":
      return { reason: "empty_cart" };
    case "HL002":
      return { reason: "unavailable", productIds: [e.detail ?? ""] };
    case "HL003": {
      const [productId, remaining] = (e.detail ?? ":0").split(":");
      return { reason: "over_limit", productIds: [productId], remaining: Number(remaining) || 0 };
    }
    case "HL004":
      return { reason: "sold_out", productIds: (e.detail ?? "").split(",").filter(Boolean) };
    default:
      return null;
  }
}

/**
 * Places the order as the request's identity in one atomic database call (one round
 * trip on a Postgres server: the stock row's lock is released at the server's commit,
 * not after a trip back to Node). Returns the order id and total.
 */
export async function placeOrder(
  db: ActingDatabase,
  input: CheckoutInput & { locale: Locale; reservationMinutes: number },
): Promise<{ id: string; totalFen: number }> {
  try {
    const rows = await db.statement<{ order_id: string; total_fen: number }>({
      sql: "select order_id, total_fen from public.place_order($1, $2, $3, $4, $5, $6, $7, $8)",
      params: [
        input.contactName,
        input.contactPhone,
        input.province,
        input.city,
        input.district,
        input.addressLine,
        input.locale,
        input.reservationMinutes,
      ],
    });
    return { id: rows[0].order_id, totalFen: rows[0].total_fen };
  } catch (error) {
    const refusal = refusalFrom(error);
    if (refusal) throw new CheckoutRefusedError(refusal);
    throw error;
  }
}

export type OrderStatusValue = "pending_payment" | "paid" | "fulfilled" | "cancelled" | "refunded" | "partially_refunded";

export type BuyerOrder = {
  id: string;
  status: OrderStatusValue;
  totalFen: number;
  refundedFen: number;
  createdAt: string;
  reservedUntil: string;
  paidAt: string | null;
  contactName: string;
  /** In full for the signed-in buyer and the cooperative's admins, else masked (138****8000). */
  contactPhone: string;
  province: string;
  city: string;
  district: string;
  addressLine: string;
  items: {
    /** the title copied onto the order when it was placed, in the request's language */
    id: string;
    productId: string;
    slug: string | null;
    title: string;
    unit: string;
    unitPriceFen: number;
    quantity: number;
    refundedQuantity: number;
    lineTotalFen: number;
    soldLive: boolean;
    /** the live session it was sold in (the order page links back to it) */
    liveSessionId: string | null;
  }[];
  /**
   * Payments that arrived when they should not (the order had expired or was cancelled, the
   * amount differed, or it was paid already) and went back automatically (ADR 0023).
   */
  autoRefunds: { amountFen: number; currency: string; reason: AutoRefundReason; status: "pending" | "succeeded" | "failed" }[];
};

export type AutoRefundReason = "order_expired" | "order_cancelled" | "amount_mismatch" | "already_paid";

/** The order if this request may see it (RLS: buyer, visitor token or signed link), else null. */
export async function getBuyerOrder(tx: Queryable, orderId: string, locale: Locale): Promise<BuyerOrder | null> {
  if (!isUuid(orderId)) return null;
  const { rows } = await tx.query<{
    id: string;
    status: OrderStatusValue;
    total_fen: number;
    refunded_fen: number;
    created_at: Date;
    reserved_until: Date;
    paid_at: Date | null;
    contact_name: string;
    contact_phone: string;
    province: string;
    city: string;
    district: string;
    address_line: string;
    auto_refunds: BuyerOrder["autoRefunds"];
  }>(
    // The phone is masked in the database (138****8000) unless the request is the signed-in
    // buyer or an admin of the order's cooperative: a link holder never receives the full number.
    `select id, status, total_fen, refunded_fen, created_at, reserved_until, paid_at, contact_name,
            app_private.order_contact_phone(contact_phone, buyer_user_id, id) as contact_phone,
            province, city, district, address_line,
            (select coalesce(jsonb_agg(jsonb_build_object('amountFen', r.amount_minor, 'currency', r.currency,
                                                          'reason', r.reason, 'status', r.status) order by r.created_at), '[]'::jsonb)
               from public.payment_auto_refunds r where r.order_id = orders.id) as auto_refunds
       from public.orders
      -- the buyer's page: owners only, even when RLS would also show it to a coop admin
      where id = $1 and app_private.is_order_owner(buyer_user_id, access_token_hash, id)`,
    [orderId],
  );
  const o = rows[0];
  if (!o) return null;
  const items = await tx.query<{
    id: string;
    product_id: string;
    slug: string | null;
    title_zh: string;
    title_en: string;
    unit: string;
    unit_price_fen: number;
    quantity: number;
    refunded_quantity: number;
    line_total_fen: number;
    live_session_id: string | null;
  }>(
    `select oi.id, oi.product_id, p.slug, oi.title_zh, oi.title_en, oi.unit, oi.unit_price_fen, oi.quantity,
            oi.refunded_quantity, oi.line_total_fen, oi.live_session_id
       from public.order_items oi left join public.products p on p.id = oi.product_id
      where oi.order_id = $1 order by oi.title_en, oi.id`,
    [orderId],
  );
  return {
    id: o.id,
    status: o.status,
    totalFen: o.total_fen,
    refundedFen: o.refunded_fen,
    createdAt: o.created_at.toISOString(),
    reservedUntil: o.reserved_until.toISOString(),
    paidAt: o.paid_at ? o.paid_at.toISOString() : null,
    contactName: o.contact_name,
    contactPhone: o.contact_phone,
    province: o.province,
    city: o.city,
    district: o.district,
    addressLine: o.address_line,
    items: items.rows.map((i) => ({
      id: i.id,
      productId: i.product_id,
      slug: i.slug,
      title: pick(locale, i.title_zh, i.title_en),
      unit: i.unit,
      unitPriceFen: i.unit_price_fen,
      quantity: i.quantity,
      refundedQuantity: i.refunded_quantity,
      lineTotalFen: i.line_total_fen,
      soldLive: i.live_session_id !== null,
      liveSessionId: i.live_session_id,
    })),
    autoRefunds: o.auto_refunds,
  };
}

export async function cancelBuyerOrder(tx: Queryable, orderId: string): Promise<boolean> {
  if (!isUuid(orderId)) return false;
  const { rows } = await tx.query<{ cancelled: boolean }>("select public.cancel_my_order($1) as cancelled", [orderId]);
  return rows[0].cancelled;
}

export type OrderListEntry = {
  id: string;
  status: OrderStatusValue;
  totalFen: number;
  createdAt: string;
  itemCount: number;
  firstTitle: string;
};

/** Orders this identity may see as a buyer (signed-in account plus this browser's guest orders). */
export async function listBuyerOrders(
  tx: Queryable,
  userId: string,
  visitorHash: string | null,
  locale: Locale,
): Promise<OrderListEntry[]> {
  const { rows } = await tx.query<{
    id: string;
    status: OrderStatusValue;
    total_fen: number;
    created_at: Date;
    item_count: number;
    first_title: string;
  }>(
    `select o.id, o.status, o.total_fen, o.created_at,
            (select count(*)::int from public.order_items oi where oi.order_id = o.id) as item_count,
            (select case when $3 = 'zh-CN' then oi.title_zh else oi.title_en end
               from public.order_items oi where oi.order_id = o.id order by oi.title_en limit 1) as first_title
       from public.orders o
      where o.buyer_user_id = $1 or (o.access_token_hash is not null and o.access_token_hash = $2)
      order by o.created_at desc
      limit 100`,
    [userId, visitorHash, locale],
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    totalFen: r.total_fen,
    createdAt: r.created_at.toISOString(),
    itemCount: r.item_count,
    firstTitle: r.first_title,
  }));
}
