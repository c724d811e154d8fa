import type { Queryable } from "~/db/database.server";
import type { DayRange } from "~/domain/report-period";
import { pick, type Locale } from "~/i18n/locale";
import { FIGURE_COLUMNS, NO_INCOME, toFigures, type FigureRow, type IncomeFigures } from "./income-report.server";

// The platform admin's overview: every cooperative's e-commerce income over one range, side
// by side, from the same ledger lines and the same figure columns as each cooperative's own
// report (ADR 0026), so a row equals that cooperative's totals to the fen. One statement
// for all cooperatives: grouping sets give each cooperative's row and the platform total
// (whose orders are distinct orders, not a sum: an order may buy from several cooperatives).
// Read through the caller's RLS; only a platform admin sees every cooperative's lines.

export type CoopIncome = { slug: string; name: string; status: "active" | "suspended" } & Omit<IncomeFigures, "buyers">;
export type PlatformIncome = { coops: CoopIncome[]; total: Omit<IncomeFigures, "buyers"> };

const withoutBuyers = ({ buyers: _buyers, ...figures }: IncomeFigures) => figures;

export async function listPlatformIncome(tx: Queryable, range: DayRange, locale: Locale): Promise<PlatformIncome> {
  const { rows } = await tx.query<FigureRow & { slug: string | null; name_zh: string; name_en: string; status: "active" | "suspended" }>(
    `with l as (
       select p.kind as posting, p.order_id, a.kind as party, l.amount_fen, oi.cooperative_id
         from public.ledger_lines l
         join public.ledger_postings p on p.id = l.posting_id
         join public.ledger_accounts a on a.id = l.account_id
         join public.order_items oi on oi.id = l.order_item_id
        where p.kind in ('payment', 'refund')
          and a.kind in ('household', 'collective', 'streamer', 'platform')
          and p.created_at >= ($1::date)::timestamp at time zone 'Asia/Shanghai'
          and p.created_at < ($2::date + 1)::timestamp at time zone 'Asia/Shanghai'
     )
     select c.slug, c.name_zh, c.name_en, c.status, ${FIGURE_COLUMNS}
       from public.cooperatives c
       left join l on l.cooperative_id = c.id
      group by grouping sets ((c.id, c.slug, c.name_zh, c.name_en, c.status), ())
      order by c.slug is null, c.name_en`,
    [range.from, range.to],
  );
  const total = rows.find((r) => r.slug === null);
  return {
    coops: rows
      .filter((r) => r.slug !== null)
      .map((r) => ({
        slug: r.slug!,
        name: pick(locale, r.name_zh, r.name_en),
        status: r.status,
        ...withoutBuyers(toFigures(r)),
      })),
    total: withoutBuyers(total ? toFigures(total) : NO_INCOME),
  };
}
