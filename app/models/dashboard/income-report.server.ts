import type { Queryable } from "~/db/database.server";
import type { Fen } from "~/domain/money";
import { periodLabel, periodStarts, previousRange, type DayRange, type ReportGroup } from "~/domain/report-period";

// A cooperative's e-commerce income, from the ledger only: the payee lines (household,
// collective, streamer, platform) of payment and refund postings for the cooperative's
// order items, dated by the posting, in Asia/Shanghai days. Sign convention (the schema):
// payees are credited with negative amounts, so what a party earned is minus its lines, and
// net sales = −(all payee lines) = household + collective + streamer + platform, exactly.
// A refund counts in the period it was posted. Each figure group is one statement whatever
// the number of periods (ADR 0026 describes their shape for the scale benchmark). The
// caller's RLS decides which lines exist: an admin sees only their cooperatives' lines.

export type IncomeFigures = {
  orders: number;
  buyers: number;
  grossFen: Fen;
  refundsFen: Fen;
  netFen: Fen;
  householdFen: Fen;
  collectiveFen: Fen;
  streamerFen: Fen;
  platformFen: Fen;
};

export type IncomePeriod = IncomeFigures & { start: string; label: string };

export const NO_INCOME: IncomeFigures = {
  orders: 0,
  buyers: 0,
  grossFen: 0,
  refundsFen: 0,
  netFen: 0,
  householdFen: 0,
  collectiveFen: 0,
  streamerFen: 0,
  platformFen: 0,
};

/**
 * The cooperative's payee lines of payments and refunds posted from $2 to $3 (Shanghai
 * days, inclusive). `withBuyer` joins the order for who bought (only the figures that
 * count buyers need it).
 */
export function incomeLinesSql(withBuyer = false): string {
  return `
    select p.kind as posting, p.order_id, p.created_at, a.kind as party, l.amount_fen,
           oi.household_id, oi.product_id, oi.live_session_id, oi.title_zh, oi.title_en${
             withBuyer
               ? // a signed-in buyer is one buyer; a guest is known by the phone they gave
                 `,
           coalesce(o.buyer_user_id::text, 'tel:' || regexp_replace(o.contact_phone, '[^0-9]', '', 'g')) as buyer`
               : ""
           }
      from public.ledger_lines l
      join public.ledger_postings p on p.id = l.posting_id
      join public.ledger_accounts a on a.id = l.account_id
      join public.order_items oi on oi.id = l.order_item_id${withBuyer ? "\n      join public.orders o on o.id = p.order_id" : ""}
     where oi.cooperative_id = $1
       and p.kind in ('payment', 'refund')
       and a.kind in ('household', 'collective', 'streamer', 'platform')
       and p.created_at >= ($2::date)::timestamp at time zone 'Asia/Shanghai'
       and p.created_at < ($3::date + 1)::timestamp at time zone 'Asia/Shanghai'`;
}

/** The figures of a set of lines (aliased l), as columns. */
export const FIGURE_COLUMNS = `
    count(distinct l.order_id) filter (where l.posting = 'payment')::int as orders,
    coalesce(-sum(l.amount_fen) filter (where l.posting = 'payment'), 0)::bigint as gross,
    coalesce(sum(l.amount_fen) filter (where l.posting = 'refund'), 0)::bigint as refunds,
    coalesce(-sum(l.amount_fen), 0)::bigint as net,
    coalesce(-sum(l.amount_fen) filter (where l.party = 'household'), 0)::bigint as household,
    coalesce(-sum(l.amount_fen) filter (where l.party = 'collective'), 0)::bigint as collective,
    coalesce(-sum(l.amount_fen) filter (where l.party = 'streamer'), 0)::bigint as streamer,
    coalesce(-sum(l.amount_fen) filter (where l.party = 'platform'), 0)::bigint as platform`;

export type FigureRow = {
  orders: number;
  gross: number;
  refunds: number;
  net: number;
  household: number;
  collective: number;
  streamer: number;
  platform: number;
};

export const toFigures = (r: FigureRow & { buyers?: number }): IncomeFigures => ({
  orders: r.orders,
  buyers: r.buyers ?? 0,
  grossFen: r.gross,
  refundsFen: r.refunds,
  netFen: r.net,
  householdFen: r.household,
  collectiveFen: r.collective,
  streamerFen: r.streamer,
  platformFen: r.platform,
});

const BUYERS = "count(distinct l.buyer) filter (where l.posting = 'payment')::int as buyers";

/** Income per period (day, month or year) over the range, every period listed, empty ones as zeros. */
export async function listIncomePeriods(
  tx: Queryable,
  cooperativeId: string,
  range: DayRange,
  group: ReportGroup,
): Promise<IncomePeriod[]> {
  const { rows } = await tx.query<FigureRow & { buyers: number; period: string }>(
    `with l as (${incomeLinesSql(true)})
     select to_char(date_trunc($4::text, l.created_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as period,
            ${BUYERS}, ${FIGURE_COLUMNS}
       from l group by 1`,
    [cooperativeId, range.from, range.to, group],
  );
  const byPeriod = new Map(rows.map((r) => [r.period, toFigures(r)]));
  return periodStarts(range, group).map((start) => ({
    start,
    label: periodLabel(start, group),
    ...(byPeriod.get(start) ?? NO_INCOME),
  }));
}

export type IncomeTotals = { range: DayRange; current: IncomeFigures; previousRange: DayRange; previous: IncomeFigures };

/** The range's totals and those of the period of equal length before it, in one statement. */
export async function getIncomeTotals(tx: Queryable, cooperativeId: string, range: DayRange): Promise<IncomeTotals> {
  const before = previousRange(range);
  const { rows } = await tx.query<FigureRow & { buyers: number; current: boolean }>(
    `with l as (${incomeLinesSql(true)})
     select l.created_at >= ($4::date)::timestamp at time zone 'Asia/Shanghai' as current, ${BUYERS}, ${FIGURE_COLUMNS}
       from l group by 1`,
    [cooperativeId, before.from, range.to, range.from],
  );
  const pick = (current: boolean) => {
    const row = rows.find((r) => r.current === current);
    return row ? toFigures(row) : NO_INCOME;
  };
  return { range, current: pick(true), previousRange: before, previous: pick(false) };
}
