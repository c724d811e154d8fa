import { createHmac, timingSafeEqual } from "node:crypto";

// Signed order links (/orders/:id?key=…) let a guest reopen their receipt from another
// device or after clearing cookies. HMAC with the session secret; no expiry, like a receipt.
export function orderLinkKey(orderId: string, secret: string): string {
  return createHmac("sha256", secret).update(`order:${orderId}`).digest("base64url").slice(0, 32);
}

export function verifyOrderLinkKey(orderId: string, key: string | null, secret: string): boolean {
  if (!key) return false;
  const expected = Buffer.from(orderLinkKey(orderId, secret));
  const given = Buffer.from(key);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The RLS `order` claim for a request carrying a valid ?key= for this order, else none. */
export function signedOrderClaim(request: Request, orderId: string, secret: string): { order?: string } {
  const key = new URL(request.url).searchParams.get("key");
  return verifyOrderLinkKey(orderId, key, secret) ? { order: orderId } : {};
}
