import type { Queryable } from "~/db/database.server";
import type { Fen } from "~/domain/money";
import { pick, type Locale } from "~/i18n/locale";

// Payee balances and payouts, from the ledger. Sign convention (see the schema): payees are
// credited with negative amounts, so what a payee is owed is minus its account's balance:
// earned (payment credits) − refunded (refund reversals) − paid (payout debits). It may be
// negative after a refund of something already paid out: a receivable, netted against
// later payouts. Recording a payout is one database call (public.record_payout) that
// authorises, locks the payee's account, checks the amount and posts.

export type PayeeKind = "household" | "collective" | "streamer";
export type PayoutMethod = "cash" | "bank" | "stripe_transfer";

export type PayeeBalance = {
  /** the payee's ledger account; null when nothing was ever posted to it (owed 0) */
  accountId: string | null;
  kind: PayeeKind;
  /** the household (households) or user (streamers) the account belongs to: its statement's key */
  householdId: string | null;
  userId: string | null;
  /** the household's or streamer's name in the request's language; null for the collective */
  name: string | null;
  earnedFen: Fen;
  refundedFen: Fen;
  paidFen: Fen;
  owedFen: Fen;
};

type BalanceRow = {
  account_id: string | null;
  kind: PayeeKind;
  household_id: string | null;
  user_id: string | null;
  name_zh: string | null;
  name_en: string | null;
  earned: number;
  refunded: number;
  paid: number;
  owed: number;
};

const toBalance = (r: BalanceRow, locale: Locale): PayeeBalance => ({
  accountId: r.account_id,
  kind: r.kind,
  householdId: r.household_id,
  userId: r.user_id,
  name: r.name_zh === null || r.name_en === null ? null : pick(locale, r.name_zh, r.name_en),
  earnedFen: r.earned,
  refundedFen: r.refunded,
  paidFen: r.paid,
  owedFen: r.owed,
});

// Each account's sums by posting kind, in one pass over its lines.
const SUMS = `
  select l.account_id,
         coalesce(-sum(l.amount_fen) filter (where p.kind = 'payment'), 0)::bigint as earned,
         coalesce(sum(l.amount_fen) filter (where p.kind = 'refund'), 0)::bigint as refunded,
         coalesce(sum(l.amount_fen) filter (where p.kind = 'payout'), 0)::bigint as paid,
         coalesce(-sum(l.amount_fen), 0)::bigint as owed
    from public.ledger_lines l
    join public.ledger_postings p on p.id = l.posting_id
    join public.ledger_accounts a on a.id = l.account_id`;

/**
 * Every payee of a cooperative with its balance, in one statement: each household, the
 * collective, and each streamer (a streamer member, or anyone with a streamer account of
 * the cooperative). Ordered collective, households by key, streamers by name.
 */
export async function listPayeeBalances(tx: Queryable, cooperativeId: string, locale: Locale): Promise<PayeeBalance[]> {
  const { rows } = await tx.query<BalanceRow>(
    `with sums as (${SUMS}
      where a.cooperative_id = $1 and a.kind in ('household', 'collective', 'streamer')
      group by l.account_id
    ), streamers as (
      select m.user_id from public.memberships m where m.cooperative_id = $1 and m.role = 'streamer'
      union
      select a.user_id from public.ledger_accounts a where a.cooperative_id = $1 and a.kind = 'streamer'
    ), payees as (
      select 'collective'::text as kind, null::uuid as household_id, null::uuid as user_id,
             null::text as name_zh, null::text as name_en, 0 as rank, ''::text as sort
      union all
      select 'household', h.id, null, h.name_zh, h.name_en, 1, h.key from public.households h where h.cooperative_id = $1
      union all
      select 'streamer', null, s.user_id, pr.display_name, pr.display_name, 2, coalesce(pr.display_name, s.user_id::text)
        from streamers s left join public.profiles pr on pr.id = s.user_id
    )
    select a.id as account_id, p.kind, p.household_id, p.user_id, p.name_zh, p.name_en,
           coalesce(s.earned, 0)::bigint as earned, coalesce(s.refunded, 0)::bigint as refunded,
           coalesce(s.paid, 0)::bigint as paid, coalesce(s.owed, 0)::bigint as owed
      from payees p
      left join public.ledger_accounts a
        on a.cooperative_id = $1 and a.kind = p.kind
       and a.household_id is not distinct from p.household_id
       and a.user_id is not distinct from p.user_id
      left join sums s on s.account_id = a.id
     order by p.rank, p.sort`,
    [cooperativeId],
  );
  return rows.map((r) => toBalance(r, locale));
}

export type PayoutRow = {
  id: string;
  kind: PayeeKind;
  payeeName: string | null;
  amountFen: Fen;
  method: PayoutMethod;
  note: string;
  /** the day the money changed hands (YYYY-MM-DD, China time) */
  paidOn: string;
  recordedAt: string;
  /** who recorded it, as named when they did; null for a payout recorded by no one (a Stripe transfer) */
  recordedBy: string | null;
  /** a Stripe transfer's id (tr_…); null for cash and bank payouts */
  stripeTransferId: string | null;
};

type PayoutDbRow = {
  id: string;
  kind: PayeeKind;
  name_zh: string | null;
  name_en: string | null;
  amount_fen: number;
  method: PayoutMethod;
  receipt_note: string;
  paid_on: string;
  created_at: Date | string;
  recorded_by: string | null;
  stripe_transfer_id: string | null;
};

const payoutSelect = (
  extra = "",
) => `select po.id, a.kind, coalesce(h.name_zh, sp.display_name) as name_zh, coalesce(h.name_en, sp.display_name) as name_en,
       po.amount_fen, po.method, po.receipt_note,
       to_char(coalesce(po.paid_on, (po.created_at at time zone 'Asia/Shanghai')::date), 'YYYY-MM-DD') as paid_on,
       po.created_at, coalesce(nullif(po.created_by_name, ''), rp.display_name) as recorded_by,
       po.stripe_transfer_id${extra}
  from public.payouts po
  join public.ledger_accounts a on a.id = po.account_id
  left join public.households h on h.id = a.household_id
  left join public.profiles sp on sp.id = a.user_id
  left join public.profiles rp on rp.id = po.created_by`;

const toPayout = (r: PayoutDbRow, locale: Locale): PayoutRow => ({
  id: r.id,
  kind: r.kind,
  payeeName: r.name_zh === null || r.name_en === null ? null : pick(locale, r.name_zh, r.name_en),
  amountFen: r.amount_fen,
  method: r.method,
  note: r.receipt_note,
  paidOn: r.paid_on,
  recordedAt: new Date(r.created_at).toISOString(),
  recordedBy: r.recorded_by,
  stripeTransferId: r.stripe_transfer_id,
});

/** A cooperative's payouts, newest first (the latest 200). */
export async function listCoopPayouts(tx: Queryable, cooperativeId: string, locale: Locale): Promise<PayoutRow[]> {
  const { rows } = await tx.query<PayoutDbRow>(
    `${payoutSelect()}
      where po.cooperative_id = $1
      order by paid_on desc, po.created_at desc
      limit 200`,
    [cooperativeId],
  );
  return rows.map((r) => toPayout(r, locale));
}

export type StreamerEarnings = {
  accounts: { cooperativeName: string; earnedFen: Fen; refundedFen: Fen; paidFen: Fen; owedFen: Fen }[];
  payouts: (PayoutRow & { cooperativeName: string })[];
};

/**
 * A streamer's own balance per cooperative they sold for, and their payouts: two
 * statements, only the streamer's own accounts (RLS shows an admin more, so the user is named).
 */
export async function getStreamerEarnings(tx: Queryable, userId: string, locale: Locale): Promise<StreamerEarnings> {
  const balances = await tx.query<BalanceRow & { coop_zh: string; coop_en: string }>(
    `with sums as (${SUMS}
      where a.kind = 'streamer' and a.user_id = $1
      group by l.account_id
    )
    select a.id as account_id, a.kind, null as name_zh, null as name_en, c.name_zh as coop_zh, c.name_en as coop_en,
           coalesce(s.earned, 0)::bigint as earned, coalesce(s.refunded, 0)::bigint as refunded,
           coalesce(s.paid, 0)::bigint as paid, coalesce(s.owed, 0)::bigint as owed
      from public.ledger_accounts a
      join public.cooperatives c on c.id = a.cooperative_id
      left join sums s on s.account_id = a.id
     where a.kind = 'streamer' and a.user_id = $1
     order by c.slug`,
    [userId],
  );
  const payouts = await tx.query<PayoutDbRow & { coop_zh: string; coop_en: string }>(
    `${payoutSelect(", c.name_zh as coop_zh, c.name_en as coop_en")}
      join public.cooperatives c on c.id = po.cooperative_id
      where a.kind = 'streamer' and a.user_id = $1
      order by paid_on desc, po.created_at desc
      limit 100`,
    [userId],
  );
  return {
    accounts: balances.rows.map((r) => ({
      cooperativeName: pick(locale, r.coop_zh, r.coop_en),
      earnedFen: r.earned,
      refundedFen: r.refunded,
      paidFen: r.paid,
      owedFen: r.owed,
    })),
    payouts: payouts.rows.map((r) => ({ ...toPayout(r, locale), cooperativeName: pick(locale, r.coop_zh, r.coop_en) })),
  };
}

export type RecordPayoutInput = {
  idempotencyKey: string;
  cooperativeId: string;
  accountId: string;
  amountFen: Fen;
  method: "cash" | "bank";
  note: string;
  /** YYYY-MM-DD, or null for today (China time) */
  paidOn: string | null;
};

export type RecordPayoutResult =
  | { ok: true; payoutId: string; amountFen: Fen; owedFen: Fen; repeated: boolean }
  | {
      ok: false;
      reason: "unknown_payee" | "invalid_amount" | "invalid_method" | "invalid_note" | "invalid_date" | "invalid_key" | "key_reused";
    }
  | { ok: false; reason: "more_than_owed"; owedFen: Fen };

/** Records an offline payout as the request's identity; the database decides whether they may. */
export async function recordPayout(tx: Queryable, input: RecordPayoutInput): Promise<RecordPayoutResult> {
  const { rows } = await tx.query<{ result: RecordPayoutResult }>(
    "select public.record_payout($1, $2, $3, $4, $5, $6, $7::date) as result",
    [input.idempotencyKey, input.cooperativeId, input.accountId, input.amountFen, input.method, input.note, input.paidOn],
  );
  return rows[0].result;
}
