import type { Queryable } from "~/db/database.server";
import { isUuid } from "~/domain/uuid";
import { pick, type Locale } from "~/i18n/locale";
import type { SessionStatus } from "./live-session.server";

// What the studio reads: the sessions a user runs (hosts their own; cooperative admins every
// session of their cooperatives), one session with its stream key, and the live panel.
// "Runs" is the same rule as app_private.may_run_session: the host or an admin of the
// session's cooperative — a platform admin, who may read every session, is not one. The
// stream key is read here only, for the studio page of a session the caller runs.

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
  /** Hosted by the caller (else they run it as an admin of its cooperative). */
  mine: boolean;
};

export type StudioSessions = { live: StudioSession[]; upcoming: StudioSession[]; past: StudioSession[]; cancelled: StudioSession[] };

// The caller's own rows of memberships (RLS: memberships_self_read), no helper needed.
const RUNS = `(s.host_user_id = $1 or s.cooperative_id in
  (select m.cooperative_id from public.memberships m where m.user_id = $1 and m.role = 'admin'))`;

/** Titles and cooperative names in the request's language. */
export async function listStudioSessions(tx: Queryable, userId: string, locale: Locale): Promise<StudioSessions> {
  const { rows } = await tx.query<{
    id: string;
    title_zh: string;
    title_en: string;
    status: SessionStatus;
    scheduled_start: Date;
    started_at: Date | null;
    ended_at: Date | null;
    has_replay: boolean;
    mine: boolean;
    slug: string;
    name_zh: string;
    name_en: string;
  }>(
    `select s.id, s.title_zh, s.title_en, s.status, s.scheduled_start, s.started_at, s.ended_at,
            s.replay_url is not null as has_replay, s.host_user_id = $1 as mine, c.slug, c.name_zh, c.name_en
       from public.live_sessions s join public.cooperatives c on c.id = s.cooperative_id
      where ${RUNS}
      order by s.scheduled_start`,
    [userId],
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
    mine: r.mine,
  }));
  return {
    live: sessions.filter((s) => s.status === "live"),
    upcoming: sessions.filter((s) => s.status === "scheduled"), // soonest first
    past: sessions.filter((s) => s.status === "ended").reverse(), // latest first
    cancelled: sessions.filter((s) => s.status === "cancelled").reverse(),
  };
}

export type StudioProduct = { id: string; title: string; priceFen: number; unit: string; stock: number | null };

export type StudioSessionDetail = {
  id: string;
  status: SessionStatus;
  title: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  scheduledStart: string;
  startedAt: string | null;
  endedAt: string | null;
  replayUrl: string | null;
  pinnedProductId: string | null;
  coopId: string;
  coopName: string;
  mine: boolean;
  /** null when the session has none (an old row): rotating makes one. */
  streamKey: string | null;
  keyRotatedAt: string | null;
  /** The session's products, in order. */
  products: StudioProduct[];
};

/** One session the caller runs, or null (not found and not theirs look the same). */
export async function getStudioSession(
  tx: Queryable,
  userId: string,
  sessionId: string,
  locale: Locale,
): Promise<StudioSessionDetail | null> {
  if (!isUuid(sessionId)) return null;
  const { rows } = await tx.query<{
    id: string;
    status: SessionStatus;
    title_zh: string;
    title_en: string;
    description_zh: string;
    description_en: string;
    scheduled_start: Date;
    started_at: Date | null;
    ended_at: Date | null;
    replay_url: string | null;
    pinned_product_id: string | null;
    cooperative_id: string;
    name_zh: string;
    name_en: string;
    mine: boolean;
    stream_key: string | null;
    rotated_at: Date | null;
    products: { id: string; title_zh: string; title_en: string; price_fen: number | string; unit: string; stock: number | null }[];
  }>(
    `select s.id, s.status, s.title_zh, s.title_en, s.description_zh, s.description_en, s.scheduled_start, s.started_at,
            s.ended_at, s.replay_url, s.pinned_product_id, s.cooperative_id, c.name_zh, c.name_en, s.host_user_id = $1 as mine,
            k.stream_key, k.rotated_at,
            coalesce((select json_agg(json_build_object('id', p.id, 'title_zh', p.title_zh, 'title_en', p.title_en,
                                                        'price_fen', p.price_fen, 'unit', p.unit, 'stock', st.stock)
                                      order by sp.position, p.id)
                        from public.live_session_products sp join public.products p on p.id = sp.product_id
                        left join public.product_stock st on st.product_id = p.id
                       where sp.session_id = s.id), '[]'::json) as products
       from public.live_sessions s join public.cooperatives c on c.id = s.cooperative_id
       left join public.live_session_secrets k on k.session_id = s.id
      where s.id = $2 and ${RUNS}`,
    [userId, sessionId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    title: pick(locale, r.title_zh, r.title_en),
    titleZh: r.title_zh,
    titleEn: r.title_en,
    descriptionZh: r.description_zh,
    descriptionEn: r.description_en,
    scheduledStart: r.scheduled_start.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    endedAt: r.ended_at?.toISOString() ?? null,
    replayUrl: r.replay_url,
    pinnedProductId: r.pinned_product_id,
    coopId: r.cooperative_id,
    coopName: pick(locale, r.name_zh, r.name_en),
    mine: r.mine,
    streamKey: r.stream_key,
    keyRotatedAt: r.rotated_at ? new Date(r.rotated_at).toISOString() : null,
    products: r.products.map((p) => ({
      id: p.id,
      title: pick(locale, p.title_zh, p.title_en),
      priceFen: Number(p.price_fen),
      unit: p.unit,
      stock: p.stock === null ? null : Number(p.stock),
    })),
  };
}

export type StudioStats = {
  viewers: number;
  orders: number;
  gmvFen: number;
  commissionFen: number;
  topProducts: { productId: string; title: string; unit: string; quantity: number; salesFen: number }[];
};

/** The live panel (public.studio_session_stats: one call, null for a session the caller does not run). */
export async function getStudioStats(tx: Queryable, sessionId: string, locale: Locale): Promise<StudioStats | null> {
  if (!isUuid(sessionId)) return null;
  const { rows } = await tx.query<{
    stats: {
      viewers: number;
      orders: number;
      gmvFen: number | string;
      commissionFen: number | string;
      topProducts: { productId: string; titleZh: string; titleEn: string; unit: string; quantity: number; salesFen: number | string }[];
    } | null;
  }>("select public.studio_session_stats($1) as stats", [sessionId]);
  const s = rows[0]?.stats;
  if (!s) return null;
  return {
    viewers: Number(s.viewers),
    orders: Number(s.orders),
    gmvFen: Number(s.gmvFen),
    commissionFen: Number(s.commissionFen),
    topProducts: s.topProducts.map((p) => ({
      productId: p.productId,
      title: pick(locale, p.titleZh, p.titleEn),
      unit: p.unit,
      quantity: Number(p.quantity),
      salesFen: Number(p.salesFen),
    })),
  };
}

export type StudioCoop = { id: string; slug: string; name: string; products: { id: string; title: string }[] };

const SALE_PRODUCTS = `coalesce((select json_agg(json_build_object('id', p.id, 'title_zh', p.title_zh, 'title_en', p.title_en)
                                          order by p.title_en, p.id)
                        from public.products p where p.cooperative_id = c.id and p.status = 'active'), '[]'::json)`;

type CoopRow = {
  id: string;
  slug: string;
  name_zh: string;
  name_en: string;
  products: { id: string; title_zh: string; title_en: string }[];
};

const toCoop = (r: CoopRow, locale: Locale): StudioCoop => ({
  id: r.id,
  slug: r.slug,
  name: pick(locale, r.name_zh, r.name_en),
  products: r.products.map((p) => ({ id: p.id, title: pick(locale, p.title_zh, p.title_en) })),
});

/** Cooperatives the user may schedule a session for (streamer or admin), with their products on sale. */
export async function listStudioCoops(tx: Queryable, userId: string, locale: Locale): Promise<StudioCoop[]> {
  const { rows } = await tx.query<CoopRow>(
    `select c.id, c.slug, c.name_zh, c.name_en, ${SALE_PRODUCTS} as products from public.cooperatives c
      where c.id in (select m.cooperative_id from public.memberships m where m.user_id = $1 and m.role in ('streamer', 'admin'))
      order by c.slug`,
    [userId],
  );
  return rows.map((r) => toCoop(r, locale));
}

/** A cooperative's products on sale, for a session's product list. */
export async function coopSaleProducts(tx: Queryable, coopId: string, locale: Locale): Promise<{ id: string; title: string }[]> {
  const { rows } = await tx.query<CoopRow>(
    `select c.id, c.slug, c.name_zh, c.name_en, ${SALE_PRODUCTS} as products from public.cooperatives c where c.id = $1`,
    [coopId],
  );
  return rows[0] ? toCoop(rows[0], locale).products : [];
}

/** The status of a session the caller runs, or null: the studio action's 404 check. */
export async function studioSessionStatus(tx: Queryable, userId: string, sessionId: string): Promise<SessionStatus | null> {
  if (!isUuid(sessionId)) return null;
  const { rows } = await tx.query<{ status: SessionStatus }>(`select s.status from public.live_sessions s where s.id = $2 and ${RUNS}`, [
    userId,
    sessionId,
  ]);
  return rows[0]?.status ?? null;
}
