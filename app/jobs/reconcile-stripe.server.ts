import type Stripe from "stripe";
import type { Database } from "~/db/database.server";
import { reconcileStripePayments } from "~/models/stripe-reconcile.server";

// In Stripe mode the instance that runs the jobs reconciles every quarter hour over the last
// six hours: a webhook Stripe gave up on, or one lost between receiving and processing, is
// applied without an operator, and automatic refunds Stripe refused for a while are resent.
// `npm run stripe:reconcile` does the same over a longer window on demand.
export function scheduleStripeReconcile(db: Database, stripe: Stripe, intervalMs = 15 * 60_000, windowMs = 6 * 3_600_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconcileStripePayments(db, stripe, { since: new Date(Date.now() - windowMs) })
      .then((report) => {
        if (report.applied.length > 0) console.warn(`stripe reconcile applied ${report.applied.length} missed payments`, report.applied);
      })
      .catch((error: unknown) => console.warn("stripe reconcile failed; will retry", error instanceof Error ? error.message : error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
