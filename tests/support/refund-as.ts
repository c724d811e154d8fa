import { randomUUID } from "node:crypto";
import type { Database } from "~/db/database.server";
import { withRole } from "~/db/request-role.server";
import { loadMoneyItems } from "~/models/order-items.server";
import { refundOrder, type RefundRequest, type RefundResult } from "~/models/refund.server";
import { ids } from "~/seed/seed.server";

// Refunds run as the caller (public.refund_order checks their rights per item). Tests that
// are about refund semantics, not about who may refund, act as the platform admin.
export const PLATFORM_ADMIN = ids.user("admin@platform.demo");

export function refundAs(db: Database, userId: string, request: RefundRequest): Promise<RefundResult> {
  return withRole(db, { role: "authenticated", userId }, (tx) => refundOrder(tx, request));
}

export function refundAsPlatformAdmin(db: Database, request: RefundRequest): Promise<RefundResult> {
  return refundAs(db, PLATFORM_ADMIN, request);
}

/** What a property test's random "refund" step picks: an order of the run, an item of it, how many units. */
export type RefundPick = { order: number; item: number; quantity: number };

/**
 * The property tests' refund step: refunds up to `pick.quantity` units of one not yet fully
 * refunded item of one of `orders` (indices taken modulo), as the platform admin. Returns
 * whether anything was refunded (false when nothing of that order is left to refund).
 */
export async function refundPickedUnits(db: Database, orders: string[], pick: RefundPick): Promise<boolean> {
  if (orders.length === 0) return false;
  const orderId = orders[pick.order % orders.length];
  const items = (await loadMoneyItems(db, orderId)).filter((i) => i.quantity > i.refundedQuantity);
  if (items.length === 0) return false;
  const item = items[pick.item % items.length];
  const result = await refundAsPlatformAdmin(db, {
    refundId: randomUUID(),
    orderId,
    items: [{ orderItemId: item.id, quantity: Math.min(pick.quantity, item.quantity - item.refundedQuantity) }],
    restock: false,
  });
  if (!result.ok) throw new Error(`the property test's refund was refused: ${JSON.stringify(result)}`);
  return true;
}
