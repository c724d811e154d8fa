import { signToken } from "./signed-token.server";

/** The server's word that this exact refund was reviewed (same order, id, units, restock and reason). */
export function refundConfirmation(
  secret: string,
  r: { orderId: string; refundId: string; restock: boolean; reason: string; items: { orderItemId: string; quantity: number }[] },
): string {
  const items = [...r.items]
    .sort((a, b) => (a.orderItemId < b.orderItemId ? -1 : 1))
    .map((i) => `${i.orderItemId}:${i.quantity}`)
    .join(",");
  return signToken(secret, `refund-confirm|${r.orderId}|${r.refundId}|${r.restock}|${r.reason}|${items}`);
}
