import type { Database } from "~/db/database.server";

// 100k paid orders with their items, payment postings and ledger lines, generated with
// set-based SQL as the owner (seconds, not minutes). Triggers are off while loading
// (session_replication_role = replica): the rows are built balanced, one posting per
// order, each item split by its frozen rule through app_private.allocate_split — the same
// allocation the refunds use.

export async function generateOrders(db: Database, count: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec("set local session_replication_role = replica");
    await tx.exec(`
      create temp table bench_products on commit drop as
      select row_number() over (order by p.slug) as n, p.id, p.cooperative_id, p.household_id, p.title_zh, p.title_en,
             p.unit, p.price_fen, r.household_bp, r.collective_bp, r.streamer_bp, r.platform_bp
        from public.products p
        join public.cooperatives c on c.id = p.cooperative_id and c.status = 'active'
        cross join lateral (
          select sr.household_bp, sr.collective_bp, sr.streamer_bp, sr.platform_bp from public.split_rules sr
           where sr.cooperative_id = p.cooperative_id and (sr.product_id = p.id or sr.product_id is null)
           order by sr.product_id nulls last limit 1) r
       where p.status = 'active'`);
    await tx.query(
      `insert into public.orders (id, access_token_hash, status, subtotal_fen, total_fen, contact_name, contact_phone,
                                  province, city, district, address_line, reserved_until, paid_at, created_at, updated_at)
       select gen_random_uuid(), md5('bench' || g), 'paid', 0, 0, '王小明', '138' || lpad(g::text, 8, '0'),
              '浙江省', '杭州市', '西湖区', '文三路 ' || g || ' 号', t, t, t, t
         from generate_series(1, $1::int) g, lateral (select now() - g * interval '37 seconds' as t) x`,
      [count],
    );
    // One or two items per order, products spread evenly (so each cooperative has many orders).
    await tx.exec(`
      insert into public.order_items (order_id, product_id, cooperative_id, household_id, title_zh, title_en, unit,
             unit_price_fen, quantity, line_total_fen, split_household_bp, split_collective_bp, split_streamer_bp,
             split_platform_bp, created_at)
      select o.id, p.id, p.cooperative_id, p.household_id, p.title_zh, p.title_en, p.unit, p.price_fen, q.quantity,
             p.price_fen * q.quantity, p.household_bp, p.collective_bp, p.streamer_bp, p.platform_bp, o.created_at
        from public.orders o
        cross join lateral (select k from generate_series(0, case when abs(hashtext(o.id::text)) % 3 = 0 then 1 else 0 end) k) s
        cross join lateral (select 1 + abs(hashtext(o.id::text || s.k)) % 4 as quantity) q
        join bench_products p on p.n = 1 + abs(hashtext(s.k || o.id::text)) % (select count(*) from bench_products)`);
    // What the order_items trigger (off here) records on each order, where the schema has it
    // (since 20261202020000; that migration fills it itself when it runs after this).
    await tx.exec(`
      do $$ begin
        if exists (select 1 from information_schema.columns
                    where table_schema = 'public' and table_name = 'orders' and column_name = 'cooperative_ids') then
          update public.orders o set cooperative_ids = x.ids
            from (select oi.order_id, array_agg(distinct oi.cooperative_id order by oi.cooperative_id) as ids
                    from public.order_items oi group by oi.order_id) x
           where x.order_id = o.id and o.cooperative_ids = '{}';
        end if;
      end $$`);
    await tx.exec(`
      update public.orders o set subtotal_fen = t.total, total_fen = t.total
        from (select order_id, sum(line_total_fen) as total from public.order_items group by order_id) t
       where t.order_id = o.id and o.total_fen = 0`);
    await tx.exec(`
      insert into public.ledger_accounts (kind, cooperative_id, household_id)
      select distinct 'household', cooperative_id, household_id from bench_products where household_id is not null
      on conflict do nothing`);
    await tx.exec(`
      insert into public.ledger_accounts (kind, cooperative_id)
      select distinct 'collective', cooperative_id from bench_products on conflict do nothing`);
    await tx.exec(`
      insert into public.ledger_postings (kind, idempotency_key, order_id, memo, created_at)
      select 'payment', 'payment:' || o.id, o.id, 'demo bench', o.created_at
        from public.orders o where o.status = 'paid'
          and not exists (select 1 from public.ledger_postings p where p.order_id = o.id)`);
    // Payees credited (negative), clearing debited with the item's total; no live sales, so
    // the streamer part goes to the collective, as the domain's effectiveShares says.
    await tx.exec(`
      insert into public.ledger_lines (posting_id, account_id, order_item_id, amount_fen)
      select p.id, a.id, oi.id, case when x.party = 'clearing' then x.amount else -x.amount end
        from public.order_items oi
        join public.ledger_postings p on p.order_id = oi.order_id and p.kind = 'payment'
        cross join lateral (
          select s.party, s.amount from app_private.allocate_split(oi.line_total_fen,
                   case when oi.household_id is null then 0 else oi.split_household_bp end,
                   oi.split_collective_bp + oi.split_streamer_bp + case when oi.household_id is null then oi.split_household_bp else 0 end,
                   0, oi.split_platform_bp) s
           where s.amount <> 0
          union all select 'clearing', oi.line_total_fen) x
        join public.ledger_accounts a on
             (x.party = 'household' and a.kind = 'household' and a.household_id = oi.household_id)
          or (x.party = 'collective' and a.kind = 'collective' and a.cooperative_id = oi.cooperative_id)
          or (x.party = 'platform' and a.kind = 'platform')
          or (x.party = 'clearing' and a.kind = 'payments_clearing')
       where not exists (select 1 from public.ledger_lines l where l.posting_id = p.id)`);
  });
  await db.exec("analyze");
}
