import type { Queryable } from "~/db/database.server";
import type { OrderStatus } from "~/domain/order-state";
import { pick, type Locale } from "~/i18n/locale";

// Orders as a cooperative admin sees them: only their cooperative's items (RLS), the
// split of those items as posted in the ledger, and the buyer's delivery details.
// Titles (copied onto the items at order time) and household names in the request's language.
export type AdminOrder = {
  id: string;
  status: OrderStatus;
  createdAt: string;
  contactName: string;
  contactPhone: string;
  address: string;
  items: {
    id: string;
    title: string;
    quantity: number;
    refundedQuantity: number;
    unitPriceFen: number;
    lineTotalFen: number;
    soldLive: boolean;
  }[];
  split: { kind: "household" | "collective" | "streamer" | "platform"; name: string; amountFen: number }[];
};

export async function listCoopOrders(tx: Queryable, coopId: string, locale: Locale, limit = 50): Promise<AdminOrder[]> {
  const orders = await tx.query<{
    id: string;
    status: OrderStatus;
    created_at: Date;
    contact_name: string;
    contact_phone: string;
    province: string;
    city: string;
    district: string;
    address_line: string;
  }>(
    `select o.id, o.status, o.created_at, o.contact_name, o.contact_phone, o.province, o.city, o.district, o.address_line
       from public.orders o
      where exists (select 1 from public.order_items oi where oi.order_id = o.id and oi.cooperative_id = $1)
      order by o.created_at desc limit $2`,
    [coopId, limit],
  );
  if (orders.rows.length === 0) return [];
  const ids = orders.rows.map((o) => o.id);
  const items = await tx.query<{
    id: string;
    order_id: string;
    title_zh: string;
    title_en: string;
    quantity: number;
    refunded_quantity: number;
    unit_price_fen: number;
    line_total_fen: number;
    live_session_id: string | null;
  }>(
    `select id, order_id, title_zh, title_en, quantity, refunded_quantity, unit_price_fen, line_total_fen, live_session_id
       from public.order_items where order_id = any($1::uuid[]) and cooperative_id = $2 order by title_en`,
    [ids, coopId],
  );
  const split = await tx.query<{
    order_id: string;
    kind: AdminOrder["split"][number]["kind"];
    h_zh: string | null;
    h_en: string | null;
    amount_fen: number;
  }>(
    // The order comes from the item (a line's item is of its posting's order), so the
    // postings, and their policy, stay out of this statement.
    `select oi.order_id, a.kind, h.name_zh as h_zh, h.name_en as h_en, (-sum(l.amount_fen))::bigint as amount_fen
       from public.ledger_lines l
       join public.order_items oi on oi.id = l.order_item_id and oi.cooperative_id = $2
       join public.ledger_accounts a on a.id = l.account_id
       left join public.households h on h.id = a.household_id
      where oi.order_id = any($1::uuid[]) and a.kind in ('household', 'collective', 'streamer', 'platform')
      group by oi.order_id, a.id, a.kind, h.name_zh, h.name_en
      order by min(l.id)`,
    [ids, coopId],
  );
  return orders.rows.map((o) => ({
    id: o.id,
    status: o.status,
    createdAt: o.created_at.toISOString(),
    contactName: o.contact_name,
    contactPhone: o.contact_phone,
    address: [o.province, o.city, o.district, o.address_line].join(" "),
    items: items.rows
      .filter((i) => i.order_id === o.id)
      .map((i) => ({
        id: i.id,
        title: pick(locale, i.title_zh, i.title_en),
        quantity: i.quantity,
        refundedQuantity: i.refunded_quantity,
        unitPriceFen: i.unit_price_fen,
        lineTotalFen: i.line_total_fen,
        soldLive: i.live_session_id !== null,
      })),
    split: split.rows
      .filter((s) => s.order_id === o.id)
      .map((s) => ({
        kind: s.kind,
        name: pick(locale, s.h_zh ?? "", s.h_en ?? ""),
        amountFen: s.amount_fen,
      })),
  }));
}

/** The items of this order that belong to the cooperative (what its admin may refund). */
export async function coopItemIds(tx: Queryable, coopId: string, orderId: string): Promise<Set<string>> {
  const { rows } = await tx.query<{ id: string }>("select id from public.order_items where order_id = $1 and cooperative_id = $2", [
    orderId,
    coopId,
  ]);
  return new Set(rows.map((r) => r.id));
}
