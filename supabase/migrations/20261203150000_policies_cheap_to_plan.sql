-- Policies cheap to plan and to run on the hot reads (issue 8, item 5; ADR 0010, "2026-12-03").
--
-- After 20261202020000 every policy asked "who is this" once per query, but the admin orders
-- page still cost 1.3–1.7× service_role and the anonymous catalogue 1.1–1.5×
-- (docs/benchmarks.md, "RLS cost"). What remained: policies whose sub-plans join other
-- tables under their own policies (a ledger line looked into order_items, whose policy looks
-- at orders; a stock row into products, whose policy looks at cooperatives), each adding
-- sub-plans to plan and initPlans to run. Here the hot tables' policies become column tests
-- against one value computed once per query:
--   * a ledger line carries its cooperatives (ledger_lines.cooperative_ids: its account's and
--     its order item's), filled by a trigger when it is written — lines are append-only, so
--     the value never goes stale — and its policy is one array overlap;
--   * a shared ledger account (platform, clearing) carries the cooperatives whose orders post
--     to it (ledger_accounts.used_by_cooperative_ids), added to by a trigger on the lines;
--   * what anon reads (active products of active cooperatives, their stock and households)
--     is tested against the active cooperatives / public products as one array each, read
--     by security definer helpers instead of through the other tables' policies.
-- Every policy keeps its meaning (tests/integration/rls-matrix.test.ts, rls-public.test.ts,
-- rls-shapes.test.ts).

-- ---------------------------------------------------------------------------
-- 1. Ledger lines carry their cooperatives
-- ---------------------------------------------------------------------------
alter table public.ledger_lines add column cooperative_ids uuid[] not null default '{}';

-- Whatever the writer sends, the stored value is derived here (security definer: a writer
-- that cannot see the account or item must not under-fill it).
create function app_private.record_line_cooperatives() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  new.cooperative_ids := array(
    select distinct c from (
      select a.cooperative_id as c from public.ledger_accounts a where a.id = new.account_id
      union all
      select oi.cooperative_id from public.order_items oi where oi.id = new.order_item_id) x
     where c is not null
     order by c);
  return new;
end
$$;
revoke all on function app_private.record_line_cooperatives() from public;
create trigger ledger_lines_record_cooperatives
  before insert on public.ledger_lines
  for each row execute function app_private.record_line_cooperatives();

-- The lines already written (the append-only guard is lifted for this backfill only).
alter table public.ledger_lines disable trigger ledger_lines_append_only;
update public.ledger_lines l
   set cooperative_ids = case
         when x.account_coop is null then array[x.item_coop]
         when x.item_coop is null or x.item_coop = x.account_coop then array[x.account_coop]
         else array[least(x.account_coop, x.item_coop), greatest(x.account_coop, x.item_coop)] end
  from (select l2.id, a.cooperative_id as account_coop, oi.cooperative_id as item_coop
          from public.ledger_lines l2
          join public.ledger_accounts a on a.id = l2.account_id
          left join public.order_items oi on oi.id = l2.order_item_id
         where a.cooperative_id is not null or oi.cooperative_id is not null) x
 where x.id = l.id;
alter table public.ledger_lines enable trigger ledger_lines_append_only;

-- ---------------------------------------------------------------------------
-- 2. Shared accounts carry the cooperatives whose orders use them
-- ---------------------------------------------------------------------------
-- An account of no cooperative (platform, clearing) is visible to the admins of the
-- cooperatives whose orders post to it: that was app_private.account_used_by_coops, a
-- query into the ledger per account and per query. The answer now lives on the account,
-- added to when a line posts an order of a cooperative not yet on it (rarely: the update
-- runs only then, so payments do not queue on the shared accounts' rows).
alter table public.ledger_accounts add column used_by_cooperative_ids uuid[] not null default '{}';

create function app_private.record_account_users() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  update public.ledger_accounts a
     set used_by_cooperative_ids = (select array_agg(distinct c order by c) from unnest(a.used_by_cooperative_ids || x.ids) c)
    from (select n.account_id, array_agg(distinct c) as ids
            from added n
            join public.ledger_postings p on p.id = n.posting_id
            join public.orders o on o.id = p.order_id
           cross join lateral unnest(o.cooperative_ids) c
           group by n.account_id) x
   where a.id = x.account_id and a.cooperative_id is null and not (x.ids <@ a.used_by_cooperative_ids);
  return null;
end
$$;
revoke all on function app_private.record_account_users() from public;
create trigger ledger_lines_record_account_users
  after insert on public.ledger_lines
  referencing new table as added
  for each statement execute function app_private.record_account_users();

update public.ledger_accounts a set used_by_cooperative_ids = x.ids
  from (select l.account_id, array_agg(distinct c order by c) as ids
          from public.ledger_lines l
          join public.ledger_accounts la on la.id = l.account_id and la.cooperative_id is null
          join public.ledger_postings p on p.id = l.posting_id
          join public.orders o on o.id = p.order_id
         cross join lateral unnest(o.cooperative_ids) c
         group by l.account_id) x
 where a.id = x.account_id;

-- ---------------------------------------------------------------------------
-- 3. The public catalogue's sets, once per query
-- ---------------------------------------------------------------------------
create function app_private.active_coop_array() returns uuid[]
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return coalesce((select array_agg(c.id) from public.cooperatives c where c.status = 'active'), '{}');
end
$$;

-- Products anon may see: active, of an active cooperative (products_public_read).
create function app_private.public_product_array() returns uuid[]
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return coalesce((select array_agg(p.id) from public.products p join public.cooperatives c on c.id = p.cooperative_id
                    where p.status = 'active' and c.status = 'active'), '{}');
end
$$;

-- The order id of a verified signed link, as a uuid: only the canonical text of one, which is
-- what `id::text = request_claim('order')` matched (lower-case, hyphenated). As a uuid the
-- orders' policy compares ids instead of printing every order's id as text per row.
create function app_private.order_claim() returns uuid
  language plpgsql stable set search_path = ''
  as $$
declare
  v_order text := app_private.request_claim('order');
begin
  if v_order ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return v_order::uuid;
  end if;
  return null;
end
$$;

revoke all on function app_private.active_coop_array(), app_private.public_product_array(), app_private.order_claim() from public;
grant execute on function app_private.active_coop_array(), app_private.public_product_array(), app_private.order_claim()
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------
-- 4. The policies, same meaning
-- ---------------------------------------------------------------------------
-- Was: platform admin, or the account is one of my cooperatives' accounts, or the line's
-- order item is of my cooperatives (a sub-plan into order_items under its policies), or the
-- line is on a posting of my own orders.
alter policy ledger_lines_read on public.ledger_lines
  using ((select app_private.is_platform_admin())
         or cooperative_ids && (select app_private.admin_coop_array())
         or posting_id in (select app_private.my_posting_ids()));

-- Was: platform admin, or one of my cooperatives' accounts, or an account of mine, or an
-- account of no cooperative for which account_used_by_coops(id, my cooperatives) ran a
-- query into the ledger per row.
alter policy ledger_accounts_read on public.ledger_accounts
  using ((select app_private.is_platform_admin())
         or cooperative_id = any ((select app_private.admin_coop_array())::uuid[])
         or used_by_cooperative_ids && (select app_private.admin_coop_array())
         or id in (select app_private.my_account_ids()));

-- Was: ... or id::text = (select request_claim('order')): a uuid printed per row.
alter policy orders_owner_read on public.orders
  using (buyer_user_id = (select auth.uid())
         or access_token_hash = (select app_private.request_claim('visitor'))
         or id = (select app_private.order_claim()));

-- Was: cooperative_id in (select admin_coop_ids()), a hashed sub-plan; now one array test
-- like the lines' (every orders page statement reads order_items).
alter policy order_items_coop_admin_read on public.order_items
  using ((select app_private.is_platform_admin())
         or cooperative_id = any ((select app_private.admin_coop_array())::uuid[]));

-- Was: active and exists (an active cooperative), through cooperatives' policies.
alter policy products_public_read on public.products
  using (status = 'active' and cooperative_id = any ((select app_private.active_coop_array())::uuid[]));

alter policy households_public_read on public.households
  using (cooperative_id = any ((select app_private.active_coop_array())::uuid[]));

-- Was, for both roles: exists (the product, through products' policies). Signed-in callers
-- keep that (a cooperative admin sees their drafts' stock through products_admin_read);
-- anon, for whom products' policy is products_public_read alone, gets the same set as one array.
alter policy product_stock_public_read on public.product_stock to authenticated;
create policy product_stock_anon_read on public.product_stock
  for select to anon
  using (product_id = any ((select app_private.public_product_array())::uuid[]));

-- No policy calls it any more.
drop function app_private.account_used_by_coops(uuid, uuid[]);
