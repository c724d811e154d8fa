import type { Database } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import { forgetOldLoginFailures } from "~/auth/login-throttle.server";

// Cancels unpaid orders past their reservation and returns their stock. Safe to run on
// every app instance at once: the database skips rows another run has locked.
export async function expireUnpaidOrders(db: Database, now: Date = new Date()): Promise<number> {
  return asServiceRole(db, async (tx) => {
    const { rows } = await tx.query<{ n: number }>("select public.expire_unpaid_orders($1) as n", [now]);
    return rows[0].n;
  });
}

/**
 * Runs the expiry every `intervalMs` until stopped (and, every 120th run — an hour at the
 * default — forgets sign-in failures past their window); failures are logged, never fatal.
 */
export function scheduleOrderExpiry(db: Database, intervalMs = 30_000): () => void {
  let runs = 0;
  const timer = setInterval(() => {
    expireUnpaidOrders(db).catch((error: unknown) =>
      console.warn("order expiry failed; will retry", error instanceof Error ? error.message : error),
    );
    if (runs++ % 120 === 0) {
      forgetOldLoginFailures(db).catch((error: unknown) =>
        console.warn("forgetting old sign-in failures failed; will retry", error instanceof Error ? error.message : error),
      );
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
