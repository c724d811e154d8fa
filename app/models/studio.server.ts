import type { Queryable } from "~/db/database.server";
import { pick, type Locale } from "~/i18n/locale";
import type { SessionStatus } from "./live-session.server";

// A host's own live sessions, across the cooperatives they stream for. RLS lets a host
// read their sessions whatever their status (live_sessions_admin_read); the stream key
// is in live_session_secrets and is never read here.
export type StudioSession = {
  id: string;
  title: string;
  status: SessionStatus;
  scheduledStart: string;
  startedAt: string | null;
  endedAt: string | null;
  hasReplay: boolean;
  coopSlug: string;
  coopName: string;
};

export type StudioSessions = { live: StudioSession[]; upcoming: StudioSession[]; past: StudioSession[]; cancelled: StudioSession[] };

/** Titles and cooperative names in the request's language. */
export async function listHostSessions(tx: Queryable, hostUserId: string, locale: Locale): Promise<StudioSessions> {
  const { rows } = await tx.query<{
    id: string;
    title_zh: string;
    title_en: string;
    status: SessionStatus;
    scheduled_start: Date;
    started_at: Date | null;
    ended_at: Date | null;
    has_replay: boolean;
    slug: string;
    name_zh: string;
    name_en: string;
  }>(
    `select s.id, s.title_zh, s.title_en, s.status, s.scheduled_start, s.started_at, s.ended_at,
            s.replay_url is not null as has_replay, c.slug, c.name_zh, c.name_en
       from public.live_sessions s join public.cooperatives c on c.id = s.cooperative_id
      where s.host_user_id = $1
      order by s.scheduled_start`,
    [hostUserId],
  );
  const sessions = rows.map((r): StudioSession => ({
    id: r.id,
    title: pick(locale, r.title_zh, r.title_en),
    status: r.status,
    scheduledStart: r.scheduled_start.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    endedAt: r.ended_at?.toISOString() ?? null,
    hasReplay: r.has_replay,
    coopSlug: r.slug,
    coopName: pick(locale, r.name_zh, r.name_en),
  }));
  return {
    live: sessions.filter((s) => s.status === "live"),
    upcoming: sessions.filter((s) => s.status === "scheduled"), // soonest first
    past: sessions.filter((s) => s.status === "ended").reverse(), // latest first
    cancelled: sessions.filter((s) => s.status === "cancelled").reverse(),
  };
}
