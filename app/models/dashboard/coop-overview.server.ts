import type { Queryable } from "~/db/database.server";
import { pick, type Locale } from "~/i18n/locale";

// The /dashboard index: the cooperatives this user administers (every one, for the
// platform admin), each with a few headline figures, in one set-based query. RLS and
// app_private.is_coop_admin decide which cooperatives and which rows are counted.
export type CoopSummary = {
  /** names and places in the request's language */
  slug: string;
  name: string;
  village: string;
  county: string;
  province: string;
  status: "active" | "suspended";
  productsOnSale: number;
  paidOrders: number;
  monthSalesFen: number;
};

const PAID = "('paid', 'fulfilled', 'partially_refunded', 'refunded')";

/** "This month" is the calendar month in China time, where the cooperatives are. */
export async function listAdministeredCoops(tx: Queryable, locale: Locale): Promise<CoopSummary[]> {
  const { rows } = await tx.query<{
    slug: string;
    name_zh: string;
    name_en: string;
    village_zh: string;
    village_en: string;
    county_zh: string;
    county_en: string;
    province_zh: string;
    province_en: string;
    status: "active" | "suspended";
    products: number;
    orders: number;
    month_fen: number;
  }>(
    `with mine as (
       select id from public.cooperatives where app_private.is_coop_admin(id)
     ), month as (
       select date_trunc('month', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' as starts
     ), products as (
       select cooperative_id, count(*)::int as n from public.products
        where status = 'active' and cooperative_id in (select id from mine) group by cooperative_id
     ), sales as (
       select oi.cooperative_id, count(distinct oi.order_id)::int as orders,
              coalesce(sum(oi.unit_price_fen * (oi.quantity - oi.refunded_quantity))
                         filter (where o.paid_at >= (select starts from month)), 0)::bigint as month_fen
         from public.order_items oi join public.orders o on o.id = oi.order_id
        where o.status in ${PAID} and oi.cooperative_id in (select id from mine)
        group by oi.cooperative_id
     )
     select c.slug, c.name_zh, c.name_en, c.village_zh, c.village_en, c.county_zh, c.county_en, c.province_zh, c.province_en,
            c.status, coalesce(p.n, 0) as products, coalesce(s.orders, 0) as orders, coalesce(s.month_fen, 0)::bigint as month_fen
       from public.cooperatives c
       left join products p on p.cooperative_id = c.id
       left join sales s on s.cooperative_id = c.id
      where c.id in (select id from mine)
      order by c.name_en`,
  );
  return rows.map((r) => ({
    slug: r.slug,
    name: pick(locale, r.name_zh, r.name_en),
    village: pick(locale, r.village_zh, r.village_en),
    county: pick(locale, r.county_zh, r.county_en),
    province: pick(locale, r.province_zh, r.province_en),
    status: r.status,
    productsOnSale: r.products,
    paidOrders: r.orders,
    monthSalesFen: Number(r.month_fen),
  }));
}
