import type { Queryable } from "~/db/database.server";
import type { Fen } from "~/domain/money";
import { periodLabel, periodStarts, type DayRange } from "~/domain/report-period";
import { pick, type Locale } from "~/i18n/locale";
import type { PayoutMethod } from "./payout.server";

// A payee's statement over a range of Shanghai days, from its ledger account(s) only:
// opening balance, what it earned (payment lines) and gave back (refund lines), what was
// paid out (payout lines, with the payout's method, day and receipt note; a Stripe transfer
// reversal is a negative payout), anything else posted, and the closing balance. Sign
// convention (the schema): payees are credited negative, so owed = −Σ lines, and
// closing = opening + earned − refunds − paid + other, exactly. The caller's RLS decides
// which lines exist (an admin: their cooperatives'; a streamer: their own).

export type StatementPayee =
  | { kind: "household"; cooperativeId: string; householdId: string }
  /** a streamer's accounts in one cooperative, or in all of them (cooperativeId null) */
  | { kind: "streamer"; cooperativeId: string | null; userId: string };

export type StatementMonth = { start: string; label: string; earnedFen: Fen; refundsFen: Fen; paidFen: Fen; otherFen: Fen };

export type StatementSummary = {
  openingFen: Fen;
  earnedFen: Fen;
  refundsFen: Fen;
  paidFen: Fen;
  otherFen: Fen;
  closingFen: Fen;
  months: StatementMonth[];
};

export type StatementLine = {
  day: string;
  kind: "payment" | "refund";
  orderRef: string;
  title: string;
  /** the quantity sold; null for a refund (its line carries the amount, not how many) */
  quantity: number | null;
  amountFen: Fen;
};

export type StatementPayout = {
  day: string;
  paidOn: string;
  /** null: a Stripe transfer reversal (money the payee gave back) */
  method: PayoutMethod | null;
  note: string;
  stripeTransferId: string | null;
  amountFen: Fen;
};

export type StatementSession = {
  sessionId: string | null;
  title: string | null;
  startedOn: string | null;
  earnedFen: Fen;
  refundsFen: Fen;
};

/** The most order lines one statement lists (the month table still sums them all). */
export const STATEMENT_LINE_LIMIT = 400;

const START = "($1::date)::timestamp at time zone 'Asia/Shanghai'";
const END = "($2::date + 1)::timestamp at time zone 'Asia/Shanghai'";

function accountFilter(payee: StatementPayee): { sql: string; params: unknown[] } {
  return payee.kind === "household"
    ? { sql: "a.kind = 'household' and a.cooperative_id = $3 and a.household_id = $4", params: [payee.cooperativeId, payee.householdId] }
    : {
        sql: "a.kind = 'streamer' and ($3::uuid is null or a.cooperative_id = $3) and a.user_id = $4",
        params: [payee.cooperativeId, payee.userId],
      };
}

/** Opening and closing balance and the period's movements per month, in one statement. */
export async function getStatementSummary(tx: Queryable, payee: StatementPayee, range: DayRange): Promise<StatementSummary> {
  const filter = accountFilter(payee);
  const { rows } = await tx.query<{ month: string | null; opening: number; earned: number; refunds: number; paid: number; other: number }>(
    `select case when p.created_at < ${START} then null
                 else to_char(date_trunc('month', p.created_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') end as month,
            coalesce(-sum(l.amount_fen), 0)::bigint as opening,
            coalesce(-sum(l.amount_fen) filter (where p.kind = 'payment'), 0)::bigint as earned,
            coalesce(sum(l.amount_fen) filter (where p.kind = 'refund'), 0)::bigint as refunds,
            coalesce(sum(l.amount_fen) filter (where p.kind = 'payout'), 0)::bigint as paid,
            coalesce(-sum(l.amount_fen) filter (where p.kind not in ('payment', 'refund', 'payout')), 0)::bigint as other
       from public.ledger_lines l
       join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id
      where ${filter.sql} and p.created_at < ${END}
      group by 1`,
    [range.from, range.to, ...filter.params],
  );
  const opening = rows.find((r) => r.month === null)?.opening ?? 0;
  const byMonth = new Map(rows.filter((r) => r.month !== null).map((r) => [r.month, r]));
  const months = periodStarts(range, "month").map((start) => {
    const r = byMonth.get(start);
    return {
      start,
      label: periodLabel(start, "month"),
      earnedFen: r?.earned ?? 0,
      refundsFen: r?.refunds ?? 0,
      paidFen: r?.paid ?? 0,
      otherFen: r?.other ?? 0,
    };
  });
  const sum = (key: "earnedFen" | "refundsFen" | "paidFen" | "otherFen") => months.reduce((s, m) => s + m[key], 0);
  const earnedFen = sum("earnedFen");
  const refundsFen = sum("refundsFen");
  const paidFen = sum("paidFen");
  const otherFen = sum("otherFen");
  return {
    openingFen: opening,
    earnedFen,
    refundsFen,
    paidFen,
    otherFen,
    closingFen: opening + earnedFen - refundsFen - paidFen + otherFen,
    months,
  };
}

type LineRow = {
  day: string;
  kind: "payment" | "refund";
  order_id: string;
  title_zh: string;
  title_en: string;
  quantity: number;
  amount: number;
};

/** The period's payment and refund lines, one per posting and order item, oldest first (at most STATEMENT_LINE_LIMIT). */
export async function listStatementLines(tx: Queryable, payee: StatementPayee, range: DayRange, locale: Locale): Promise<StatementLine[]> {
  const filter = accountFilter(payee);
  const { rows } = await tx.query<LineRow>(
    `select to_char(p.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, p.kind, p.order_id,
            oi.title_zh, oi.title_en, oi.quantity, -l.amount_fen as amount
       from public.ledger_lines l
       join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id
       join public.order_items oi on oi.id = l.order_item_id
      where ${filter.sql} and p.kind in ('payment', 'refund')
        and p.created_at >= ${START} and p.created_at < ${END}
      order by p.created_at, l.id
      limit ${STATEMENT_LINE_LIMIT}`,
    [range.from, range.to, ...filter.params],
  );
  return rows.map((r) => ({
    day: r.day,
    kind: r.kind,
    orderRef: r.order_id.slice(0, 8),
    title: pick(locale, r.title_zh, r.title_en),
    quantity: r.kind === "payment" ? r.quantity : null,
    amountFen: r.amount,
  }));
}

/** The period's payouts (and Stripe transfer reversals), from the payout lines on the account. */
export async function listStatementPayouts(tx: Queryable, payee: StatementPayee, range: DayRange): Promise<StatementPayout[]> {
  const filter = accountFilter(payee);
  const { rows } = await tx.query<{
    day: string;
    paid_on: string;
    method: PayoutMethod | null;
    note: string | null;
    stripe_transfer_id: string | null;
    amount: number;
  }>(
    `select to_char(p.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
            to_char(coalesce(po.paid_on, (p.created_at at time zone 'Asia/Shanghai')::date), 'YYYY-MM-DD') as paid_on,
            po.method, po.receipt_note as note, po.stripe_transfer_id, l.amount_fen as amount
       from public.ledger_lines l
       join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id
       left join public.payouts po on po.posting_id = p.id
      where ${filter.sql} and p.kind = 'payout'
        and p.created_at >= ${START} and p.created_at < ${END}
      order by p.created_at, l.id`,
    [range.from, range.to, ...filter.params],
  );
  return rows.map((r) => ({
    day: r.day,
    paidOn: r.paid_on,
    method: r.method,
    note: r.note ?? "",
    stripeTransferId: r.stripe_transfer_id,
    amountFen: r.amount,
  }));
}

/** A streamer's commission per live session over the range (public.streamer_commission_by_session checks the caller). */
export async function listStatementSessions(
  tx: Queryable,
  payee: Extract<StatementPayee, { kind: "streamer" }>,
  range: DayRange,
  locale: Locale,
): Promise<StatementSession[]> {
  const { rows } = await tx.query<{
    live_session_id: string | null;
    title_zh: string | null;
    title_en: string | null;
    started_on: string | null;
    earned_fen: number;
    refunds_fen: number;
  }>("select * from public.streamer_commission_by_session($1, $2, $3, $4)", [payee.userId, payee.cooperativeId, range.from, range.to]);
  return rows.map((r) => ({
    sessionId: r.live_session_id,
    title: r.title_zh === null || r.title_en === null ? null : pick(locale, r.title_zh, r.title_en),
    startedOn: r.started_on,
    earnedFen: r.earned_fen,
    refundsFen: r.refunds_fen,
  }));
}

/** The household's name, or null when it is not one of the cooperative's (the route's 404). */
export async function getStatementHousehold(
  tx: Queryable,
  cooperativeId: string,
  householdId: string,
  locale: Locale,
): Promise<string | null> {
  const { rows } = await tx.query<{ name_zh: string; name_en: string }>(
    "select name_zh, name_en from public.households where id = $1 and cooperative_id = $2",
    [householdId, cooperativeId],
  );
  return rows[0] ? pick(locale, rows[0].name_zh, rows[0].name_en) : null;
}

/**
 * A streamer of the cooperative (a streamer member, or anyone with a streamer account there)
 * and their name; null for anyone else (the route's 404).
 */
export async function getStatementStreamer(tx: Queryable, cooperativeId: string, userId: string): Promise<{ name: string | null } | null> {
  const { rows } = await tx.query<{ name: string | null }>(
    `select (select display_name from public.profiles where id = $2) as name
      where exists (select 1 from public.memberships m where m.cooperative_id = $1 and m.user_id = $2 and m.role = 'streamer')
         or exists (select 1 from public.ledger_accounts a where a.cooperative_id = $1 and a.kind = 'streamer' and a.user_id = $2)`,
    [cooperativeId, userId],
  );
  return rows[0] ?? null;
}

/** A streamer's whole statement: balance, commission per live session, payouts (three statements). */
export async function getStreamerStatement(
  tx: Queryable,
  payee: Extract<StatementPayee, { kind: "streamer" }>,
  range: DayRange,
  locale: Locale,
) {
  return {
    summary: await getStatementSummary(tx, payee, range),
    sessions: await listStatementSessions(tx, payee, range, locale),
    payouts: await listStatementPayouts(tx, payee, range),
  };
}
