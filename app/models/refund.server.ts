import type { Queryable } from "~/db/database.server";
import { refundPostingLines, RefundQuantityError } from "~/domain/ledger-postings";
import { isRefundable, type OrderStatus } from "~/domain/order-state";
import { isUuid } from "~/domain/uuid";
import { pick, type Locale } from "~/i18n/locale";
import { loadMoneyItems, type MoneyItem } from "./order-items.server";

// Refunds reverse by the rule frozen on each item (cumulatively, so a line refunded in
// steps returns every party to exactly zero). The refund id is the idempotency key: a
// repeated submit of the same refund changes nothing. A household already paid out simply
// goes negative and is netted against its later payouts.
//
// The write and its authorisation are one database call (public.refund_order); the
// preview computes the same reversal with the domain function, and
// tests/integration/refund-sql-properties.test.ts proves the two agree.

export type RefundRequest = {
  refundId: string;
  orderId: string;
  /** "all" refunds every unit not yet refunded. */
  items: { orderItemId: string; quantity: number }[] | "all";
  restock: boolean;
  reason?: string;
};

export type RefundResult =
  | { ok: true; refundId: string; amountFen: number; status: OrderStatus; repeated: boolean }
  | { ok: false; reason: "unknown_order" | "not_refundable" | "nothing_to_refund" | "unknown_item" | "refund_id_reused" }
  | { ok: false; reason: "too_many"; orderItemId: string; available: number };

type RefundFailure = Extract<RefundResult, { ok: false }>;

/**
 * What refunding these items means, checked and computed but not written: the order must
 * be refundable, the items its own and not refunded past what was bought. The same checks,
 * in the same order, as public.refund_order, so the admin confirms what will happen.
 */
async function planRefund(
  tx: Queryable,
  orderId: string,
  status: OrderStatus,
  requested: RefundRequest["items"],
): Promise<RefundFailure | { ok: true; items: MoneyItem[]; byId: Map<string, MoneyItem>; built: ReturnType<typeof refundPostingLines> }> {
  if (!isRefundable(status)) return { ok: false, reason: "not_refundable" };
  const items = await loadMoneyItems(tx, orderId);
  const byId = new Map(items.map((i) => [i.id, i]));
  const wanted =
    requested === "all"
      ? items.filter((i) => i.quantity > i.refundedQuantity).map((i) => ({ orderItemId: i.id, quantity: i.quantity - i.refundedQuantity }))
      : requested.filter((i) => i.quantity > 0);
  if (wanted.length === 0) return { ok: false, reason: "nothing_to_refund" };
  if (wanted.some((w) => !byId.has(w.orderItemId))) return { ok: false, reason: "unknown_item" };
  try {
    return {
      ok: true,
      items,
      byId,
      built: refundPostingLines(wanted.map((w) => ({ item: byId.get(w.orderItemId)!, quantity: w.quantity }))),
    };
  } catch (error) {
    if (error instanceof RefundQuantityError)
      return { ok: false, reason: "too_many", orderItemId: error.itemId, available: error.available };
    throw error;
  }
}

/**
 * Refunds as the caller: `tx` must run as the request's role (requestScope(...).run). The
 * database function public.refund_order checks the caller's rights on every item, locks
 * the order, computes the reversal from each item's frozen rule and posts it — nothing
 * here is trusted beyond ids and quantities (docs/decisions/0009-refunds-in-the-database.md).
 */
export async function refundOrder(tx: Queryable, request: RefundRequest): Promise<RefundResult> {
  if (!isUuid(request.orderId) || !isUuid(request.refundId)) return { ok: false, reason: "unknown_order" };
  if (request.items !== "all" && request.items.some((i) => !isUuid(i.orderItemId))) return { ok: false, reason: "unknown_item" };
  const items = request.items === "all" ? null : request.items;
  const { rows } = await tx.query<{ result: RefundResult }>(
    "select public.refund_order($1, $2, $3::uuid[], $4::numeric[], $5, $6) as result",
    [
      request.refundId,
      request.orderId,
      items && items.map((i) => i.orderItemId),
      items && items.map((i) => (Number.isFinite(i.quantity) ? i.quantity : "NaN")),
      request.restock,
      request.reason ?? "",
    ],
  );
  return rows[0].result;
}

export type RefundReversal = {
  party: "household" | "collective" | "streamer" | "platform";
  /** the household's or village's name, in the admin's language; empty for the streamer and the platform */
  name: string;
  amountFen: number;
};

export type RefundPreview =
  | {
      ok: true;
      amountFen: number;
      items: { orderItemId: string; title: string; quantity: number; amountFen: number }[];
      /** what each party gives back, by the rule copied onto each item (positive fen), party by party */
      reversal: RefundReversal[];
    }
  | { ok: false; reason: "unknown_order" | "not_refundable" | "nothing_to_refund" | "unknown_item" | "refund_id_reused" }
  | { ok: false; reason: "too_many"; orderItemId: string; available: number };

/**
 * What refundOrder would do with these items, without doing it: the amount per item and
 * how the split is reversed. Runs as the caller (RLS decides which items it can see); the
 * admin confirms this before any money moves.
 */
export async function previewRefund(
  tx: Queryable,
  orderId: string,
  wanted: { orderItemId: string; quantity: number }[],
  refundId: string,
  locale: Locale,
): Promise<RefundPreview> {
  if (!isUuid(orderId) || !isUuid(refundId)) return { ok: false, reason: "unknown_order" };
  // Each orders page hands out fresh refund ids: one already used means a stale page.
  const used = await tx.query("select 1 from public.refunds where id = $1", [refundId]);
  if (used.rowCount) return { ok: false, reason: "refund_id_reused" };
  const orders = await tx.query<{ status: OrderStatus }>("select status from public.orders where id = $1", [orderId]);
  if (!orders.rows[0]) return { ok: false, reason: "unknown_order" };
  const plan = await planRefund(tx, orderId, orders.rows[0].status, wanted);
  if (!plan.ok) return plan;
  const { byId, built } = plan;
  const lines = built.perItem.map((p) => ({ orderItemId: p.itemId }));
  const names = await tx.query<{
    id: string;
    title_zh: string;
    title_en: string;
    h_zh: string | null;
    h_en: string | null;
    c_zh: string;
    c_en: string;
  }>(
    `select oi.id, oi.title_zh, oi.title_en, h.name_zh as h_zh, h.name_en as h_en, c.village_zh as c_zh, c.village_en as c_en
       from public.order_items oi
       join public.cooperatives c on c.id = oi.cooperative_id
       left join public.households h on h.id = oi.household_id
      where oi.order_id = $1 and oi.id = any($2::uuid[])`,
    [orderId, lines.map((l) => l.orderItemId)],
  );
  const titleOf = new Map(names.rows.map((r) => [r.id, r]));
  const reversal = new Map<string, RefundReversal & { key: string }>();
  for (const line of built.lines) {
    if (line.payee === "clearing") continue;
    const item = byId.get(line.itemId)!;
    const n = titleOf.get(line.itemId);
    const key = line.payee === "household" ? `h:${item.householdId}` : line.payee === "collective" ? `c:${item.cooperativeId}` : line.payee;
    const entry = reversal.get(key) ?? {
      key,
      party: line.payee,
      name:
        line.payee === "household"
          ? pick(locale, n?.h_zh ?? "", n?.h_en ?? "")
          : line.payee === "collective"
            ? pick(locale, n?.c_zh ?? "", n?.c_en ?? "")
            : "",
      amountFen: 0,
    };
    entry.amountFen += line.amountFen;
    reversal.set(key, entry);
  }
  const order = ["household", "collective", "streamer", "platform"];
  const reversals = [...reversal.values()]
    .filter((r) => r.amountFen !== 0)
    // Party by party, then by the payee's id: the same order whichever language is shown.
    .sort((a, b) => order.indexOf(a.party) - order.indexOf(b.party) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key: _key, ...shown }) => shown);
  return {
    ok: true,
    amountFen: built.amountFen,
    items: built.perItem.map((p) => ({
      orderItemId: p.itemId,
      title: pick(locale, titleOf.get(p.itemId)?.title_zh ?? "", titleOf.get(p.itemId)?.title_en ?? ""),
      quantity: p.quantity,
      amountFen: p.amountFen,
    })),
    reversal: reversals,
  };
}
