import { sameToken, signToken } from "./signed-token.server";

// Signed order links (/orders/:id?key=…) let a guest reopen their receipt from another
// device or after clearing cookies. HMAC with the session secret; no expiry, like a receipt.
export function orderLinkKey(orderId: string, secret: string): string {
  return signToken(secret, `order:${orderId}`).slice(0, 32);
}

/** The buyer's order page with its signed key: the link that opens it on any device. */
export function signedOrderPath(orderId: string, secret: string): string {
  return `/orders/${orderId}?key=${orderLinkKey(orderId, secret)}`;
}

export function verifyOrderLinkKey(orderId: string, key: string | null, secret: string): boolean {
  return key !== null && sameToken(key, orderLinkKey(orderId, secret));
}

/** The RLS `order` claim for a request carrying a valid ?key= for this order, else none. */
export function signedOrderClaim(request: Request, orderId: string, secret: string): { order?: string } {
  const key = new URL(request.url).searchParams.get("key");
  return verifyOrderLinkKey(orderId, key, secret) ? { order: orderId } : {};
}
