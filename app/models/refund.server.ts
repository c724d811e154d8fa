import type { Database, Queryable } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import { refundPostingLines, RefundQuantityError } from "~/domain/ledger-postings";
import { assertTransition, isRefundable, statusAfterRefund, type OrderStatus } from "~/domain/order-state";
import { isUuid } from "~/domain/uuid";
import { insertPosting } from "./ledger.server";
import { loadMoneyItems, type MoneyItem } from "./order-items.server";

// Refunds reverse by the rule frozen on each item (cumulatively, so a line refunded in
// steps returns every party to exactly zero). The refund id is the idempotency key: a
// repeated submit of the same refund changes nothing. A household already paid out simply
// goes negative and is netted against its later payouts.
//
// Authorisation (which admin may refund which items) belongs to the caller: the
// accounts work checks cooperative membership before calling this.

export type RefundRequest = {
  refundId: string;
  orderId: string;
  /** "all" refunds every unit not yet refunded. */
  items: { orderItemId: string; quantity: number }[] | "all";
  restock: boolean;
  reason?: string;
  actorUserId?: string | null;
};

export type RefundResult =
  | { ok: true; refundId: string; amountFen: number; status: OrderStatus; repeated: boolean }
  | { ok: false; reason: "unknown_order" | "not_refundable" | "nothing_to_refund" | "unknown_item" | "refund_id_reused" }
  | { ok: false; reason: "too_many"; orderItemId: string; available: number };

type RefundFailure = Extract<RefundResult, { ok: false }>;

/**
 * What refunding these items means, checked and computed but not written: the order must
 * be refundable, the items its own and not refunded past what was bought. Shared by the
 * refund itself and its preview, so the admin confirms exactly what will happen.
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
    return { ok: true, items, byId, built: refundPostingLines(wanted.map((w) => ({ item: byId.get(w.orderItemId)!, quantity: w.quantity }))) };
  } catch (error) {
    if (error instanceof RefundQuantityError) return { ok: false, reason: "too_many", orderItemId: error.itemId, available: error.available };
    throw error;
  }
}

export async function refundOrder(db: Database, request: RefundRequest): Promise<RefundResult> {
  if (!isUuid(request.orderId) || !isUuid(request.refundId)) return { ok: false, reason: "unknown_order" };
  if (request.items !== "all" && request.items.some((i) => !isUuid(i.orderItemId))) return { ok: false, reason: "unknown_item" };
  return asServiceRole(db, async (tx) => {
    const orders = await tx.query<{ status: OrderStatus; total_fen: number; refunded_fen: number }>(
      "select status, total_fen, refunded_fen from public.orders where id = $1 for update",
      [request.orderId],
    );
    const order = orders.rows[0];
    if (!order) return { ok: false, reason: "unknown_order" };

    const previous = await tx.query<{ amount_fen: number; order_id: string }>(
      "select amount_fen, order_id from public.refunds where id = $1",
      [request.refundId],
    );
    // A refund id belongs to one order; reusing it elsewhere is a bad request, not a repeat.
    if (previous.rows[0] && previous.rows[0].order_id !== request.orderId) return { ok: false, reason: "unknown_order" };
    if (previous.rows[0]) {
      // A repeat is the same refund submitted again; the same id with other units (a stale
      // page in a second tab) is refused, not reported as done.
      const done = await tx.query<{ order_item_id: string; quantity: number }>(
        "select order_item_id, quantity from public.refund_items where refund_id = $1",
        [request.refundId],
      );
      const key = (lines: { id: string; quantity: number }[]) => lines.map((l) => `${l.id}:${l.quantity}`).sort().join(",");
      const same = request.items === "all" || key(done.rows.map((r) => ({ id: r.order_item_id, quantity: r.quantity })))
        === key(request.items.filter((i) => i.quantity > 0).map((i) => ({ id: i.orderItemId, quantity: i.quantity })));
      if (!same) return { ok: false, reason: "refund_id_reused" };
      return { ok: true, refundId: request.refundId, amountFen: previous.rows[0].amount_fen, status: order.status, repeated: true };
    }
    const plan = await planRefund(tx, request.orderId, order.status, request.items);
    if (!plan.ok) return plan;
    const { items, byId, built } = plan;

    const refundedFen = order.refunded_fen + built.amountFen;
    const status = statusAfterRefund(refundedFen, order.total_fen);
    assertTransition(order.status, status);

    const postingId = await insertPosting(
      tx,
      { kind: "refund", idempotencyKey: `refund:${request.refundId}`, orderId: request.orderId, memo: request.reason ?? "" },
      built.lines,
      items,
    );
    if (!postingId) throw new Error(`refund ${request.refundId} was posted but not recorded`);
    await tx.query(
      `insert into public.refunds (id, order_id, amount_fen, restock, reason, posting_id, created_by)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [request.refundId, request.orderId, built.amountFen, request.restock, request.reason ?? "", postingId, request.actorUserId ?? null],
    );
    for (const line of built.perItem) {
      await tx.query(
        "insert into public.refund_items (refund_id, order_item_id, quantity, amount_fen) values ($1, $2, $3, $4)",
        [request.refundId, line.itemId, line.quantity, line.amountFen],
      );
      await tx.query("update public.order_items set refunded_quantity = refunded_quantity + $2 where id = $1", [line.itemId, line.quantity]);
      if (request.restock) {
        // Within the stock cap (product_stock_at_most_a_million): a restock past it is clipped, never an error.
        await tx.query("update public.product_stock set stock = least(stock + $2, 1000000), updated_at = now() where product_id = $1", [
          byId.get(line.itemId)!.productId, line.quantity,
        ]);
      }
    }
    await tx.query("update public.orders set refunded_fen = $2, status = $3, updated_at = now() where id = $1", [
      request.orderId, refundedFen, status,
    ]);
    return { ok: true, refundId: request.refundId, amountFen: built.amountFen, status, repeated: false };
  });
}

export type RefundReversal = {
  party: "household" | "collective" | "streamer" | "platform";
  /** the household's or village's name; empty for the streamer and the platform */
  nameZh: string;
  nameEn: string;
  amountFen: number;
};

export type RefundPreview =
  | {
      ok: true;
      amountFen: number;
      items: { orderItemId: string; titleZh: string; titleEn: string; quantity: number; amountFen: number }[];
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
  const names = await tx.query<{ id: string; title_zh: string; title_en: string; h_zh: string | null; h_en: string | null; c_zh: string; c_en: string }>(
    `select oi.id, oi.title_zh, oi.title_en, h.name_zh as h_zh, h.name_en as h_en, c.village_zh as c_zh, c.village_en as c_en
       from public.order_items oi
       join public.cooperatives c on c.id = oi.cooperative_id
       left join public.households h on h.id = oi.household_id
      where oi.order_id = $1 and oi.id = any($2::uuid[])`,
    [orderId, lines.map((l) => l.orderItemId)],
  );
  const titleOf = new Map(names.rows.map((r) => [r.id, r]));
  const reversal = new Map<string, RefundReversal>();
  for (const line of built.lines) {
    if (line.payee === "clearing") continue;
    const item = byId.get(line.itemId)!;
    const n = titleOf.get(line.itemId);
    const key = line.payee === "household" ? `h:${item.householdId}` : line.payee === "collective" ? `c:${item.cooperativeId}` : line.payee;
    const entry = reversal.get(key) ?? {
      party: line.payee,
      nameZh: line.payee === "household" ? n?.h_zh ?? "" : line.payee === "collective" ? n?.c_zh ?? "" : "",
      nameEn: line.payee === "household" ? n?.h_en ?? "" : line.payee === "collective" ? n?.c_en ?? "" : "",
      amountFen: 0,
    };
    entry.amountFen += line.amountFen;
    reversal.set(key, entry);
  }
  const order = ["household", "collective", "streamer", "platform"];
  const reversals = [...reversal.values()].filter((r) => r.amountFen !== 0)
    .sort((a, b) => order.indexOf(a.party) - order.indexOf(b.party) || (a.nameEn < b.nameEn ? -1 : a.nameEn > b.nameEn ? 1 : 0));
  return {
    ok: true,
    amountFen: built.amountFen,
    items: built.perItem.map((p) => ({
      orderItemId: p.itemId, titleZh: titleOf.get(p.itemId)?.title_zh ?? "", titleEn: titleOf.get(p.itemId)?.title_en ?? "",
      quantity: p.quantity, amountFen: p.amountFen,
    })),
    reversal: reversals,
  };
}
