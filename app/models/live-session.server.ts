import { versionedAsset } from "~/media/asset-versions.server";
import type { Queryable } from "~/db/database.server";
import { isUuid } from "~/domain/uuid";
import { pick, type Locale } from "~/i18n/locale";

// Live sessions as pages show them: titles and descriptions in the request's language only.

export type SessionStatus = "scheduled" | "live" | "ended" | "cancelled";

export type SessionSummary = {
  id: string;
  title: string;
  status: SessionStatus;
  scheduledStart: string;
  startedAt: string | null;
  endedAt: string | null;
  posterImage: string | null;
  coopSlug: string;
  coopName: string;
};

export type SessionDetail = SessionSummary & {
  description: string;
  playbackUrl: string | null;
  replayUrl: string | null;
  pinnedProductId: string | null;
};

type Row = {
  id: string;
  title_zh: string;
  title_en: string;
  status: SessionStatus;
  scheduled_start: Date;
  started_at: Date | null;
  ended_at: Date | null;
  poster_image: string | null;
  coop_slug: string;
  coop_name_zh: string;
  coop_name_en: string;
  description_zh: string;
  description_en: string;
  playback_url: string | null;
  replay_url: string | null;
  pinned_product_id: string | null;
};

const SELECT = `
  select s.id, s.title_zh, s.title_en, s.status, s.scheduled_start, s.started_at, s.ended_at,
         s.poster_image, s.description_zh, s.description_en, s.playback_url, s.replay_url,
         s.pinned_product_id, c.slug as coop_slug, c.name_zh as coop_name_zh, c.name_en as coop_name_en
    from public.live_sessions s join public.cooperatives c on c.id = s.cooperative_id`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDetail(row: Row, locale: Locale): SessionDetail {
  return {
    id: row.id,
    title: pick(locale, row.title_zh, row.title_en),
    status: row.status,
    scheduledStart: row.scheduled_start.toISOString(),
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    posterImage: versionedAsset(row.poster_image),
    coopSlug: row.coop_slug,
    coopName: pick(locale, row.coop_name_zh, row.coop_name_en),
    description: pick(locale, row.description_zh, row.description_en),
    playbackUrl: row.playback_url,
    replayUrl: row.replay_url,
    pinnedProductId: row.pinned_product_id,
  };
}

export type SessionLists = { live: SessionDetail[]; upcoming: SessionDetail[]; replays: SessionDetail[] };

/** Home page: live now, the next scheduled sessions, and recent replays. */
export async function listSessionsForHome(q: Queryable, locale: Locale, limit = 6): Promise<SessionLists> {
  // Sequential on purpose: one transaction is one connection; queries on it must not overlap.
  const live = await q.query<Row>(`${SELECT} where s.status = 'live' order by s.started_at desc limit $1`, [limit]);
  const upcoming = await q.query<Row>(`${SELECT} where s.status = 'scheduled' order by s.scheduled_start limit $1`, [limit]);
  const replays = await q.query<Row>(`${SELECT} where s.status = 'ended' and s.replay_url is not null order by s.ended_at desc limit $1`, [
    limit,
  ]);
  const inLocale = (row: Row) => toDetail(row, locale);
  return { live: live.rows.map(inLocale), upcoming: upcoming.rows.map(inLocale), replays: replays.rows.map(inLocale) };
}

export async function listSessionsForCoop(q: Queryable, coopSlug: string, locale: Locale): Promise<SessionDetail[]> {
  const { rows } = await q.query<Row>(
    `${SELECT} where c.slug = $1
      order by case s.status when 'live' then 0 when 'scheduled' then 1 else 2 end, s.scheduled_start desc`,
    [coopSlug],
  );
  return rows.map((row) => toDetail(row, locale));
}

export async function getSession(q: Queryable, id: string, locale: Locale): Promise<SessionDetail | null> {
  if (!isUuid(id)) return null; // a malformed id is simply not found, not a 500
  const { rows } = await q.query<Row>(`${SELECT} where s.id = $1`, [id]);
  return rows[0] ? toDetail(rows[0], locale) : null;
}
