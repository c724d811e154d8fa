import type { Queryable } from "~/db/database.server";
import { toLiveEvent, type StoredLiveEvent } from "~/realtime/live-event";

// Stored events of a live session (public.live_events), read under the caller's RLS: the
// public sees the events of a session that is not cancelled. Written only by database
// functions (pin_product, …), never here.

type EventRow = { id: number | string; type: string; payload: unknown; created_at: Date | string };

function toEvent(row: EventRow): StoredLiveEvent | null {
  const at = row.created_at instanceof Date ? row.created_at.toISOString() : new Date(row.created_at).toISOString();
  const event = toLiveEvent({ id: Number(row.id), type: row.type, payload: row.payload, at });
  return event && event.id !== undefined ? (event as StoredLiveEvent) : null;
}

/** Events of the session after `afterId`, oldest first (a malformed row is skipped, not fatal). */
export async function liveEventsAfter(q: Queryable, sessionId: string, afterId: number, limit = 500): Promise<StoredLiveEvent[]> {
  const { rows } = await q.query<EventRow>(
    `select id, type, payload, created_at from public.live_events
      where session_id = $1 and id > $2 order by id limit $3`,
    [sessionId, afterId, limit],
  );
  return rows.map(toEvent).filter((e): e is StoredLiveEvent => e !== null);
}

/** The newest stored event id of the session (0 when it has none). */
export async function latestLiveEventId(q: Queryable, sessionId: string): Promise<number> {
  const { rows } = await q.query<{ id: number | string }>(
    "select coalesce(max(id), 0)::int8 as id from public.live_events where session_id = $1",
    [sessionId],
  );
  return Number(rows[0]?.id ?? 0);
}

/** What a stream needs at connect: is the session public, and who is pinned now. */
export async function liveStreamStart(q: Queryable, sessionId: string): Promise<{ status: string; pinnedProductId: string | null } | null> {
  const { rows } = await q.query<{ status: string; pinned_product_id: string | null }>(
    "select status, pinned_product_id from public.live_sessions where id = $1 and status <> 'cancelled'",
    [sessionId],
  );
  return rows[0] ? { status: rows[0].status, pinnedProductId: rows[0].pinned_product_id } : null;
}

export type PresenceResult = { viewers: number; publish: boolean } | null;

/** A viewer's heartbeat or leaving (public.live_presence: counted where every instance counts). */
export async function livePresence(q: Queryable, sessionId: string, viewerId: string, leaving = false): Promise<PresenceResult> {
  const { rows } = await q.query<{ result: PresenceResult }>("select public.live_presence($1, $2, $3) as result", [
    sessionId,
    viewerId,
    leaving,
  ]);
  return rows[0]?.result ?? null;
}
