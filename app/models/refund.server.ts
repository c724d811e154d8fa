import type { Database } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import { refundPostingLines, RefundQuantityError } from "~/domain/ledger-postings";
import { assertTransition, isRefundable, statusAfterRefund, type OrderStatus } from "~/domain/order-state";
import { isUuid } from "~/domain/uuid";
import { insertPosting } from "./ledger.server";
import { loadMoneyItems } from "./order-items.server";

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
  | { ok: false; reason: "unknown_order" | "not_refundable" | "nothing_to_refund" | "unknown_item" }
  | { ok: false; reason: "too_many"; orderItemId: string; available: number };

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
      return { ok: true, refundId: request.refundId, amountFen: previous.rows[0].amount_fen, status: order.status, repeated: true };
    }
    if (!isRefundable(order.status)) return { ok: false, reason: "not_refundable" };

    const items = await loadMoneyItems(tx, request.orderId);
    const byId = new Map(items.map((i) => [i.id, i]));
    const wanted =
      request.items === "all"
        ? items.filter((i) => i.quantity > i.refundedQuantity).map((i) => ({ orderItemId: i.id, quantity: i.quantity - i.refundedQuantity }))
        : request.items.filter((i) => i.quantity > 0);
    if (wanted.length === 0) return { ok: false, reason: "nothing_to_refund" };
    if (wanted.some((w) => !byId.has(w.orderItemId))) return { ok: false, reason: "unknown_item" };

    let built;
    try {
      built = refundPostingLines(wanted.map((w) => ({ item: byId.get(w.orderItemId)!, quantity: w.quantity })));
    } catch (error) {
      if (error instanceof RefundQuantityError) {
        return { ok: false, reason: "too_many", orderItemId: error.itemId, available: error.available };
      }
      throw error;
    }

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
        await tx.query("update public.product_stock set stock = stock + $2, updated_at = now() where product_id = $1", [
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
