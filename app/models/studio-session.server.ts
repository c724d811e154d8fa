import type { Queryable } from "~/db/database.server";
import type { SessionStatus } from "~/domain/live-session-state";
import { isUuid } from "~/domain/uuid";

// A host's changes to a session: each is one database function that checks the caller's
// rights inside (the session's host or an admin of its cooperative; see
// 20261202130000_studio_sessions.sql). After a transaction that wrote events commits, hand
// their ids to the realtime port's announce, as for pins.

export type StudioFailure =
  "unknown_session" | "not_allowed" | "wrong_status" | "bad_input" | "bad_time" | "bad_products" | "no_playback" | "bad_replay_url";

export type StudioResult<T = object> = ({ ok: true } & T) | { ok: false; reason: StudioFailure; status?: SessionStatus };

type Raw = { ok: boolean; reason?: StudioFailure; status?: SessionStatus } & Record<string, unknown>;

async function call(tx: Queryable, sql: string, params: unknown[]): Promise<Raw> {
  const { rows } = await tx.query<{ result: Raw }>(`select ${sql} as result`, params);
  return rows[0].result;
}

const failed = (raw: Raw): StudioResult<never> => ({
  ok: false,
  reason: raw.reason ?? "unknown_session",
  ...(raw.status ? { status: raw.status } : {}),
});

export type SessionInput = {
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  /** ISO instant; null leaves it as it is (a live session's edit). */
  scheduledStart: string | null;
  /** In display order; null leaves them as they are. */
  productIds: string[] | null;
};

export async function createLiveSession(
  tx: Queryable,
  cooperativeId: string,
  input: SessionInput & { scheduledStart: string; productIds: string[] },
): Promise<StudioResult<{ sessionId: string }>> {
  if (!isUuid(cooperativeId)) return { ok: false, reason: "not_allowed" };
  const raw = await call(tx, "public.create_live_session($1, $2, $3, $4, $5, $6, $7::uuid[])", [
    cooperativeId,
    input.titleZh,
    input.titleEn,
    input.descriptionZh,
    input.descriptionEn,
    input.scheduledStart,
    input.productIds,
  ]);
  return raw.ok ? { ok: true, sessionId: String(raw.sessionId) } : failed(raw);
}

export async function updateLiveSession(tx: Queryable, sessionId: string, input: SessionInput): Promise<StudioResult> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  const raw = await call(tx, "public.update_live_session($1, $2, $3, $4, $5, $6, $7::uuid[])", [
    sessionId,
    input.titleZh,
    input.titleEn,
    input.descriptionZh,
    input.descriptionEn,
    input.scheduledStart,
    input.productIds,
  ]);
  return raw.ok ? { ok: true } : failed(raw);
}

/** scheduled → live. `defaultPlaybackUrl` is used only when the session has no playback URL of its own. */
export async function goLive(
  tx: Queryable,
  sessionId: string,
  defaultPlaybackUrl: string | null,
): Promise<StudioResult<{ eventIds: number[] }>> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  const raw = await call(tx, "public.go_live($1, $2)", [sessionId, defaultPlaybackUrl]);
  return raw.ok ? { ok: true, eventIds: [Number(raw.eventId)] } : failed(raw);
}

/** live → ended, with the replay URL given (else the configured or derived one). */
export async function endLiveSession(
  tx: Queryable,
  sessionId: string,
  replayUrl: string | null = null,
): Promise<StudioResult<{ eventIds: number[]; replayUrl: string | null }>> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  const raw = await call(tx, "public.end_live_session($1, $2)", [sessionId, replayUrl]);
  if (!raw.ok) return failed(raw);
  const eventIds = [raw.unpinEventId, raw.eventId].filter((id) => id !== null && id !== undefined).map(Number);
  return { ok: true, eventIds, replayUrl: typeof raw.replayUrl === "string" ? raw.replayUrl : null };
}

export async function cancelLiveSession(tx: Queryable, sessionId: string): Promise<StudioResult> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  const raw = await call(tx, "public.cancel_live_session($1)", [sessionId]);
  return raw.ok ? { ok: true } : failed(raw);
}

/** A new stream key (the old one stops working at once), answered to this caller only. */
export async function rotateStreamKey(tx: Queryable, sessionId: string): Promise<StudioResult<{ streamKey: string }>> {
  if (!isUuid(sessionId)) return { ok: false, reason: "unknown_session" };
  const raw = await call(tx, "public.rotate_stream_key($1)", [sessionId]);
  return raw.ok ? { ok: true, streamKey: String(raw.streamKey) } : failed(raw);
}

export type StreamKeyCheck = { ok: boolean; throttled: boolean; sessionId: string | null };

/**
 * The RTMP on_publish check, as anon: may this key publish (its session is scheduled or
 * live)? Failures count against each source bucket (see check_stream_key).
 */
export async function checkStreamKey(tx: Queryable, streamKey: string, sources: string[]): Promise<StreamKeyCheck> {
  const raw = await call(tx, "public.check_stream_key($1, $2::text[])", [streamKey, sources]);
  return {
    ok: raw.ok === true,
    throttled: raw.throttled === true,
    sessionId: raw.ok === true && typeof raw.sessionId === "string" ? raw.sessionId : null,
  };
}
