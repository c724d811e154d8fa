import type { Queryable } from "~/db/database.server";
import { isUuid } from "~/domain/uuid";

// Pinning a product during a live session. The write and its authorisation are one
// database call (public.pin_product / unpin_product: the session's host or an admin of its
// cooperative, a product of the session); it records the pin with its stream time for the
// shoppable replay and writes the `pin` event. After the transaction commits, hand the
// eventId to the realtime port's announce (a no-op with NOTIFY; the signal with Broadcast).

export type PinResult =
  | { ok: true; repeated: boolean; eventId: number | null; pinId: number | null }
  | { ok: false; reason: "unknown_session" | "session_over" | "not_in_session" };

type Raw = { ok: boolean; repeated?: boolean; eventId?: number; pinId?: number; reason?: string };

const toResult = (raw: Raw): PinResult =>
  raw.ok
    ? { ok: true, repeated: raw.repeated ?? false, eventId: raw.eventId ?? null, pinId: raw.pinId ?? null }
    : { ok: false, reason: (raw.reason ?? "unknown_session") as Extract<PinResult, { ok: false }>["reason"] };

export async function pinProduct(tx: Queryable, sessionId: string, productId: string): Promise<PinResult> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  if (!isUuid(productId)) return { ok: false, reason: "not_in_session" };
  const { rows } = await tx.query<{ result: Raw }>("select public.pin_product($1, $2) as result", [sessionId, productId]);
  return toResult(rows[0].result);
}

export async function unpinProduct(tx: Queryable, sessionId: string): Promise<PinResult> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  const { rows } = await tx.query<{ result: Raw }>("select public.unpin_product($1) as result", [sessionId]);
  return toResult(rows[0].result);
}

export type SessionPin = { pinId: number; productId: string; pinnedAt: Date; unpinnedAt: Date | null; offsetMs: number | null };

/** Every pin of a session in broadcast order: the replay's "jump to" chapters. */
export async function sessionPins(q: Queryable, sessionId: string): Promise<SessionPin[]> {
  if (!isUuid(sessionId)) return [];
  const { rows } = await q.query<{ id: number; product_id: string; pinned_at: Date; unpinned_at: Date | null; offset_ms: number | null }>(
    `select id, product_id, pinned_at, unpinned_at, offset_ms from public.live_session_pins
      where session_id = $1 order by pinned_at, id`,
    [sessionId],
  );
  return rows.map((r) => ({
    pinId: Number(r.id),
    productId: r.product_id,
    pinnedAt: new Date(r.pinned_at),
    unpinnedAt: r.unpinned_at ? new Date(r.unpinned_at) : null,
    offsetMs: r.offset_ms === null ? null : Number(r.offset_ms),
  }));
}
