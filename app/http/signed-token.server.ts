import { createHmac, timingSafeEqual } from "node:crypto";

// Tokens the server hands out and later recognises (order links, refund confirmations):
// an HMAC of a purpose-prefixed message with the app's secret, compared in constant time.
export function signToken(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message).digest("base64url");
}

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
