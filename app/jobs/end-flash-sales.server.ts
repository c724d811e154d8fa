import type { Database } from "~/db/database.server";
import { asServiceRole } from "~/db/request-role.server";
import type { RealtimePort } from "~/realtime/realtime-port.server";

/** Ends every flash sale whose countdown ran out; returns the (session, event) pairs to announce. */
export async function endExpiredFlashSales(db: Database): Promise<Array<{ sessionId: string; eventId: number }>> {
  return asServiceRole(db, async (tx) => {
    const { rows } = await tx.query<{ ended: Array<{ sessionId: string; eventId: number }> }>(
      "select public.end_expired_flash_sales() as ended",
    );
    return rows[0].ended.map((e) => ({ sessionId: e.sessionId, eventId: Number(e.eventId) }));
  });
}

// Closes flash sales whose countdown ran out, so every viewer gets the flash.end event at
// (about) zero and the studio can start the next one. Orders need no help from this: the
// database refuses the flash price outside the window anyway. Safe on every instance at
// once (the database skips sales another run holds).
export function scheduleFlashSaleEnds(db: Database, realtime: RealtimePort, intervalMs = 2_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    endExpiredFlashSales(db)
      .then((ended) => Promise.all(ended.map(({ sessionId, eventId }) => realtime.announce(sessionId, eventId))))
      .catch((error: unknown) => console.warn("ending flash sales failed; will retry", error instanceof Error ? error.message : error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
