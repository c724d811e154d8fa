import type { Queryable } from "~/db/database.server";
import type { Fen } from "~/domain/money";
import type { DayRange } from "~/domain/report-period";
import { pick, type Locale } from "~/i18n/locale";
import { FIGURE_COLUMNS, incomeLinesSql, toFigures, type FigureRow, type IncomeFigures } from "./income-report.server";

// Who and what the range's income came from: by household, by product, by live session.
// The same ledger lines as the income report (income-report.server.ts), one statement per
// breakdown; names in the request's language.

export type HouseholdIncome = {
  householdId: string;
  name: string;
  /** orders with a payment of this household's goods in the range */
  orders: number;
  /** sales of the household's goods, net of refunds */
  netSalesFen: Fen;
  /** the household's own part of them: what it earned */
  incomeFen: Fen;
};

/** Every household of the cooperative, those that sold nothing in the range included; highest income first. */
export async function listHouseholdIncome(
  tx: Queryable,
  cooperativeId: string,
  range: DayRange,
  locale: Locale,
): Promise<HouseholdIncome[]> {
  const { rows } = await tx.query<FigureRow & { id: string; name_zh: string; name_en: string }>(
    `with l as (${incomeLinesSql()})
     select h.id, h.name_zh, h.name_en, ${FIGURE_COLUMNS}
       from public.households h
       left join l on l.household_id = h.id
      where h.cooperative_id = $1
      group by h.id, h.key, h.name_zh, h.name_en
      order by household desc, h.key`,
    [cooperativeId, range.from, range.to],
  );
  return rows.map((r) => ({
    householdId: r.id,
    name: pick(locale, r.name_zh, r.name_en),
    orders: r.orders,
    netSalesFen: r.net,
    incomeFen: r.household,
  }));
}

export type ProductIncome = { productId: string; title: string } & IncomeFigures;

/** Products that sold or were refunded in the range, highest net sales first. */
export async function listProductIncome(tx: Queryable, cooperativeId: string, range: DayRange, locale: Locale): Promise<ProductIncome[]> {
  const { rows } = await tx.query<FigureRow & { product_id: string; title_zh: string; title_en: string }>(
    // the title as sold (copied onto the order item), the latest one if it changed
    `with l as (${incomeLinesSql()})
     select l.product_id, (array_agg(l.title_zh order by l.created_at desc))[1] as title_zh,
            (array_agg(l.title_en order by l.created_at desc))[1] as title_en, ${FIGURE_COLUMNS}
       from l group by l.product_id
      order by net desc, title_en`,
    [cooperativeId, range.from, range.to],
  );
  return rows.map((r) => ({ productId: r.product_id, title: pick(locale, r.title_zh, r.title_en), ...toFigures(r) }));
}

export type SessionIncome = {
  sessionId: string;
  title: string;
  /** when it went live (or was scheduled to), ISO */
  startsAt: string;
  orders: number;
  /** gross merchandise value: what was paid for in the session, before refunds */
  gmvFen: Fen;
  netFen: Fen;
  /** most viewers at once; null when not recorded (sessions before viewer peaks were kept) */
  peakViewers: number | null;
};

/**
 * Live sessions that sold in the range, latest first, with their peak viewers where
 * recorded (public.session_peak_viewers: the viewer counts are readable through it only).
 */
export async function listSessionIncome(tx: Queryable, cooperativeId: string, range: DayRange, locale: Locale): Promise<SessionIncome[]> {
  const { rows } = await tx.query<
    FigureRow & { id: string; title_zh: string; title_en: string; starts_at: Date | string; peak_viewers: number | null }
  >(
    `with l as (${incomeLinesSql()}),
     sold as (
       select s.id, s.title_zh, s.title_en, coalesce(s.started_at, s.scheduled_start) as starts_at, ${FIGURE_COLUMNS}
         from l join public.live_sessions s on s.id = l.live_session_id
        group by s.id, s.title_zh, s.title_en, s.started_at, s.scheduled_start
     )
     select sold.*, pv.peak_viewers
       from sold left join public.session_peak_viewers(array(select id from sold)) pv on pv.session_id = sold.id
      order by sold.starts_at desc, sold.id`,
    [cooperativeId, range.from, range.to],
  );
  return rows.map((r) => ({
    sessionId: r.id,
    title: pick(locale, r.title_zh, r.title_en),
    startsAt: new Date(r.starts_at).toISOString(),
    orders: r.orders,
    gmvFen: r.gross,
    netFen: r.net,
    peakViewers: r.peak_viewers,
  }));
}

/** Orders per 100 viewers, to one decimal, in tenths (so no float reaches a page): 25 = 2.5. */
export function ordersPer100ViewersTenths(orders: number, peakViewers: number | null): number | null {
  if (!peakViewers) return null;
  return Math.round((orders * 1000) / peakViewers);
}
