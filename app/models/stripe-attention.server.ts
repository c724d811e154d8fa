import type { Queryable } from "~/db/database.server";
import { pick, type Locale } from "~/i18n/locale";
import type { PayeeKind } from "./payout.server";

// What in Stripe needs a cooperative admin's eye (ADR 0027), read as the admin (RLS: orders
// with items of the admin's cooperatives): disputes and the transfers they hold, reversals a
// connected account could not cover (receivables), refunds made in Stripe's dashboard that
// the ledger has not been told about, refunds that failed, and refunds not confirmed yet.

export type DisputeRow = {
  id: string;
  orderId: string;
  amountFen: number;
  reason: string;
  stripeStatus: string;
  outcome: "won" | "lost" | null;
  openedAt: string;
};
export type ReceivableRow = { orderId: string; kind: PayeeKind; payeeName: string | null; amountFen: number; at: string };
export type OutsideRefundRow = { orderId: string; amountFen: number; at: string };
export type FailedRefundRow = { orderId: string; amountFen: number; failure: string; at: string };
export type StripeAttention = {
  disputes: DisputeRow[];
  receivables: ReceivableRow[];
  outsideRefunds: OutsideRefundRow[];
  /** refunds Stripe refused or that failed later: the buyer did not get the money back */
  failedRefunds: FailedRefundRow[];
  refundsUnconfirmed: number;
  /** transfers a dispute holds back, and their sum */
  held: { count: number; amountFen: number };
};

export async function listStripeAttention(tx: Queryable, cooperativeId: string, locale: Locale): Promise<StripeAttention> {
  const { rows } = await tx.query<{ section: string; row: Record<string, unknown> }>(
    `with coop_orders as (select distinct order_id from public.order_items where cooperative_id = $1)
     select 'dispute' as section, jsonb_build_object(
              'id', d.id, 'orderId', d.order_id, 'amountFen', d.amount_fen, 'reason', d.reason, 'stripeStatus', d.stripe_status,
              'outcome', d.outcome, 'openedAt', d.opened_at) as row
       from public.stripe_disputes d where d.order_id in (select order_id from coop_orders)
     union all
     select 'receivable', jsonb_build_object('orderId', t.order_id, 'kind', a.kind, 'nameZh', h.name_zh, 'nameEn', h.name_en,
              'amountFen', r.amount_fen, 'at', r.settled_at)
       from public.stripe_transfer_reversals r
       join public.stripe_transfers t on t.id = r.transfer_id and t.cooperative_id = $1
       join public.ledger_accounts a on a.id = t.account_id
       left join public.households h on h.id = a.household_id
      where r.status = 'failed'
     union all
     select 'outside', jsonb_build_object('orderId', x.order_id, 'amountFen', x.remaining, 'at', x.at)
       from (select o.order_id, max(o.updated_at) as at,
                    sum(o.unknown_fen) - greatest(0,
                      coalesce((select sum(r.covered_fen) from public.stripe_refunds r where r.order_id = o.order_id), 0)
                      - coalesce((select sum(d.amount_fen) from public.stripe_disputes d where d.order_id = o.order_id and d.outcome = 'lost'), 0))
                    as remaining
               from public.stripe_outside_refunds o where o.order_id in (select order_id from coop_orders)
              group by o.order_id) x
      where x.remaining > 0
     union all
     select 'failedRefund', jsonb_build_object('orderId', r.order_id, 'amountFen', r.amount_fen - r.covered_fen,
              'failure', coalesce(r.failure, ''), 'at', r.settled_at)
       from public.stripe_refunds r where r.status = 'failed' and r.order_id in (select order_id from coop_orders)
     union all
     select 'held', jsonb_build_object('n', count(*), 'fen', coalesce(sum(t.amount_fen), 0))
       from public.stripe_transfers t where t.cooperative_id = $1 and t.status = 'held'
     union all
     select 'unconfirmed', jsonb_build_object('n', count(*))
       from public.stripe_refunds s where s.status = 'pending' and s.order_id in (select order_id from coop_orders)`,
    [cooperativeId],
  );
  const of = (section: string) => rows.filter((r) => r.section === section).map((r) => r.row);
  const byTimeDesc = <T extends { at?: string; openedAt?: string }>(list: T[]) =>
    list.sort((a, b) => String(b.at ?? b.openedAt).localeCompare(String(a.at ?? a.openedAt))).slice(0, 20);
  return {
    disputes: byTimeDesc(of("dispute") as DisputeRow[]),
    receivables: byTimeDesc(
      of("receivable").map((r) => ({
        orderId: String(r.orderId),
        kind: r.kind as PayeeKind,
        payeeName: r.nameZh === null || r.nameEn === null ? null : pick(locale, String(r.nameZh), String(r.nameEn)),
        amountFen: Number(r.amountFen),
        at: String(r.at),
      })),
    ),
    outsideRefunds: byTimeDesc(of("outside") as OutsideRefundRow[]),
    failedRefunds: byTimeDesc(of("failedRefund") as FailedRefundRow[]),
    refundsUnconfirmed: Number(of("unconfirmed")[0]?.n ?? 0),
    held: { count: Number(of("held")[0]?.n ?? 0), amountFen: Number(of("held")[0]?.fen ?? 0) },
  };
}
