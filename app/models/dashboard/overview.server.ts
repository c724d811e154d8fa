import type { Queryable } from "~/db/database.server";

export type CoopOverview = {
  productsOnSale: number;
  activeHouseholds: number;
  paidOrders: number;
  grossFen: number;
  householdIncomeFen: number;
  collectiveIncomeFen: number;
};

/** Headline figures, net of refunds, from the order items and the ledger (RLS: this admin's cooperative). */
export async function getCoopOverview(tx: Queryable, coopId: string): Promise<CoopOverview> {
  const { rows } = await tx.query<{
    products: number;
    households: number;
    orders: number;
    gross: number;
    household_income: number;
    collective_income: number;
  }>(
    `select
       (select count(*)::int from public.products where cooperative_id = $1 and status = 'active') as products,
       (select count(*)::int from public.households where cooperative_id = $1 and status = 'active') as households,
       (select count(distinct oi.order_id)::int from public.order_items oi join public.orders o on o.id = oi.order_id
         where oi.cooperative_id = $1 and o.status in ('paid', 'fulfilled', 'partially_refunded', 'refunded')) as orders,
       (select coalesce(sum(oi.unit_price_fen * (oi.quantity - oi.refunded_quantity)), 0)::bigint
          from public.order_items oi join public.orders o on o.id = oi.order_id
         where oi.cooperative_id = $1 and o.status in ('paid', 'fulfilled', 'partially_refunded', 'refunded')) as gross,
       (select coalesce(-sum(l.amount_fen), 0)::bigint from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
         join public.ledger_postings p on p.id = l.posting_id
         where a.cooperative_id = $1 and a.kind = 'household' and p.kind in ('payment', 'refund')) as household_income,
       (select coalesce(-sum(l.amount_fen), 0)::bigint from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
         join public.ledger_postings p on p.id = l.posting_id
         where a.cooperative_id = $1 and a.kind = 'collective' and p.kind in ('payment', 'refund')) as collective_income`,
    [coopId],
  );
  const r = rows[0];
  return {
    productsOnSale: r.products,
    activeHouseholds: r.households,
    paidOrders: r.orders,
    grossFen: r.gross,
    householdIncomeFen: r.household_income,
    collectiveIncomeFen: r.collective_income,
  };
}
