import type { Database } from "~/db/database.server";

// The reports benchmark's data: `items` order items (two per order) spread evenly over the
// last two years across every active cooperative's products, with their payment postings
// and ledger lines split by the frozen rule (app_private.allocate_split, the allocation the
// refunds use), a share of them sold in the cooperative's live session (the streamer's part
// to its host), and one item in 25 refunded whole a few days later (a refund posting whose
// lines reverse the payment's). Set-based SQL as the owner with triggers off
// (session_replication_role = replica), so the columns the triggers keep (orders', postings' and
// lines' cooperative_ids, accounts' used_by_cooperative_ids) are filled here.

export async function generateReportData(db: Database, items: number): Promise<void> {
  const orders = Math.ceil(items / 2);
  await db.transaction(async (tx) => {
    await tx.exec("set local session_replication_role = replica");
    await tx.exec(`
      create temp table bench_products on commit drop as
      select row_number() over (order by p.slug) as n, p.id, p.cooperative_id, p.household_id, p.title_zh, p.title_en,
             p.unit, p.price_fen, r.household_bp, r.collective_bp, r.streamer_bp, r.platform_bp, s.id as session_id, s.host_user_id
        from public.products p
        join public.cooperatives c on c.id = p.cooperative_id and c.status = 'active'
        cross join lateral (
          select sr.household_bp, sr.collective_bp, sr.streamer_bp, sr.platform_bp from public.split_rules sr
           where sr.cooperative_id = p.cooperative_id and (sr.product_id = p.id or sr.product_id is null)
           order by sr.product_id nulls last limit 1) r
        left join lateral (
          select ls.id, ls.host_user_id from public.live_sessions ls where ls.cooperative_id = p.cooperative_id
           order by ls.id limit 1) s on true
       where p.status = 'active'`);
    // Order n is placed n steps of (two years / orders) ago, so the data covers two years evenly.
    await tx.query(
      `create temp table bench_orders on commit drop as
       select g as n, gen_random_uuid() as id, now() - g * (interval '730 days' / $1::int) as t
         from generate_series(1, $1::int) g`,
      [orders],
    );
    await tx.exec(`
      create temp table bench_items on commit drop as
      select gen_random_uuid() as id, o.id as order_id, o.t, p.id as product_id, p.cooperative_id, p.household_id, p.title_zh,
             p.title_en, p.unit, p.price_fen, p.household_bp, p.collective_bp, p.streamer_bp, p.platform_bp, p.session_id,
             p.host_user_id, 1 + abs(hashtext(o.n || 'q' || k)) % 4 as quantity,
             -- three sales in ten went through the cooperative's live session, where it has one
             p.session_id is not null and abs(hashtext(o.n || 'l' || k)) % 10 < 3 as live,
             abs(hashtext(o.n || 'r' || k)) % 25 = 0 as refunded
        from bench_orders o
        cross join generate_series(0, 1) k
        join bench_products p on p.n = 1 + abs(hashtext(o.n || 'p' || k)) % (select count(*) from bench_products)`);
    await tx.query(`delete from bench_items where id in (select id from bench_items order by t, id offset $1::int)`, [items]);
    await tx.exec(`
      insert into public.orders (id, access_token_hash, status, subtotal_fen, total_fen, contact_name, contact_phone,
                                 province, city, district, address_line, reserved_until, paid_at, created_at, updated_at,
                                 cooperative_ids)
      select o.id, md5('bench' || o.n), case when r.refunded = 0 then 'paid' when r.refunded = r.n then 'refunded' else 'partially_refunded' end,
             r.total, r.total, '王小明', '138' || lpad(o.n::text, 8, '0'), '浙江省', '杭州市', '西湖区', '文三路 ' || o.n || ' 号',
             o.t, o.t, o.t, o.t, r.coops
        from bench_orders o
        join (select order_id, count(*) as n, count(*) filter (where refunded) as refunded,
                     sum(price_fen * quantity) as total, array_agg(distinct cooperative_id order by cooperative_id) as coops
                from bench_items group by order_id) r on r.order_id = o.id`);
    await tx.exec(`
      insert into public.order_items (id, order_id, product_id, cooperative_id, household_id, live_session_id, streamer_user_id,
             title_zh, title_en, unit, unit_price_fen, quantity, line_total_fen, refunded_quantity, split_household_bp,
             split_collective_bp, split_streamer_bp, split_platform_bp, created_at)
      select i.id, i.order_id, i.product_id, i.cooperative_id, i.household_id, case when i.live then i.session_id end,
             case when i.live then i.host_user_id end, i.title_zh, i.title_en, i.unit, i.price_fen, i.quantity,
             i.price_fen * i.quantity, case when i.refunded then i.quantity else 0 end, i.household_bp, i.collective_bp,
             i.streamer_bp, i.platform_bp, i.t
        from bench_items i`);
    await tx.exec(`
      insert into public.ledger_accounts (kind, cooperative_id, household_id)
      select distinct 'household', cooperative_id, household_id from bench_products where household_id is not null
      on conflict do nothing`);
    await tx.exec(`
      insert into public.ledger_accounts (kind, cooperative_id)
      select distinct 'collective', cooperative_id from bench_products on conflict do nothing`);
    await tx.exec(`
      insert into public.ledger_accounts (kind, cooperative_id, user_id)
      select distinct 'streamer', cooperative_id, host_user_id from bench_products where host_user_id is not null
      on conflict do nothing`);
    await tx.exec(`
      update public.ledger_accounts a set used_by_cooperative_ids = x.ids
        from (select array_agg(distinct cooperative_id order by cooperative_id) as ids from bench_products) x
       where a.cooperative_id is null`);
    await tx.exec(`
      insert into public.ledger_postings (kind, idempotency_key, order_id, memo, created_at, cooperative_ids)
      select 'payment', 'payment:' || o.id, o.id, 'reports bench', o.created_at, o.cooperative_ids
        from public.orders o join bench_orders b on b.id = o.id`);
    // A refund three days after the sale (never in the future), one posting per order.
    await tx.exec(`
      insert into public.ledger_postings (kind, idempotency_key, order_id, memo, created_at, cooperative_ids)
      select 'refund', 'refund:' || o.id, o.id, 'reports bench', least(o.created_at + interval '3 days', now()), o.cooperative_ids
        from public.orders o join bench_orders b on b.id = o.id where o.status <> 'paid'`);
    // Payees credited (negative), clearing debited with the item's total; a sale outside a
    // live session gives the streamer part to the collective (the domain's effectiveShares).
    await tx.exec(`
      create temp table bench_splits on commit drop as
      select i.id as item_id, i.order_id, i.cooperative_id, i.refunded, x.party, x.amount,
             case x.party when 'household' then 'h:' || i.household_id when 'collective' then 'c:' || i.cooperative_id
                          when 'streamer' then 's:' || i.host_user_id || ':' || i.cooperative_id else x.party end as account_key
        from bench_items i
        cross join lateral (
          select s.party, s.amount from app_private.allocate_split(i.price_fen * i.quantity,
                   case when i.household_id is null then 0 else i.household_bp end,
                   i.collective_bp + case when i.live then 0 else i.streamer_bp end
                     + case when i.household_id is null then i.household_bp else 0 end,
                   case when i.live then i.streamer_bp else 0 end, i.platform_bp) s
           where s.amount <> 0
          union all select 'clearing', i.price_fen * i.quantity) x`);
    // Each split's account by one key (a hash join, not a join on five alternatives).
    await tx.exec(`
      create temp table bench_accounts on commit drop as
      select case kind when 'household' then 'h:' || household_id when 'collective' then 'c:' || cooperative_id
                       when 'streamer' then 's:' || user_id || ':' || cooperative_id
                       when 'payments_clearing' then 'clearing' else kind end as account_key, id
        from public.ledger_accounts where kind in ('household', 'collective', 'streamer', 'platform', 'payments_clearing')`);
    await tx.exec(`
      insert into public.ledger_lines (posting_id, account_id, order_item_id, amount_fen, created_at, cooperative_ids)
      select p.id, a.id, s.item_id, case when s.party = 'clearing' then s.amount else -s.amount end * case when p.kind = 'refund' then -1 else 1 end,
             p.created_at, array[s.cooperative_id]
        from bench_splits s
        join public.ledger_postings p on p.order_id = s.order_id and (p.kind = 'payment' or (p.kind = 'refund' and s.refunded))
        join bench_accounts a on a.account_key = s.account_key`);
  });
  await db.exec("analyze");
}
