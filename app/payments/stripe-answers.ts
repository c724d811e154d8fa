// How to read Stripe's answers where money moves (ADR 0027).

/**
 * Stripe answered and said no (a 4xx other than a conflict or a rate limit): it did nothing,
 * and asking again under the same idempotency key returns the same answer for a day. No
 * answer at all, or a server error, means the outcome is unknown: ask again under the same key.
 */
export function isRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 && status !== 409 && status !== 429;
}

/** Stripe's refund statuses as ours: only succeeded and failed (or canceled) are final. */
export function refundStatusOf(stripeStatus: string | null | undefined): "succeeded" | "failed" | "pending" {
  if (stripeStatus === "succeeded") return "succeeded";
  if (stripeStatus === "failed" || stripeStatus === "canceled") return "failed";
  return "pending";
}
