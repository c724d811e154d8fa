-- Policies written to scale (issue 8, item 5; docs/decisions/0010-policies-evaluated-once.md).
--
-- Until now a policy called auth.uid(), request_claim() (a JSON parse) and membership
-- helpers such as app_private.is_coop_admin(cooperative_id) — two queries — for every row
-- it looked at; on 100k orders the admin orders page took seconds. Here every policy keeps
-- its meaning (tests/integration/rls-matrix.test.ts, rls-public.test.ts) but asks "who is
-- this" once per query: `(select auth.uid())`, `(select app_private.is_platform_admin())`
-- and `cooperative_id in (select app_private.admin_coop_ids())` are uncorrelated
-- sub-selects, which Postgres runs once (an initPlan, or a hashed subplan for a set).
-- Per row, only column comparisons, hash probes and index lookups remain: an order carries
-- its cooperatives (orders.cooperative_ids), the caller's own orders are one set
-- (my_order_ids), and the few cross-table checks that would recurse through policies
-- (the ledger) go through security definer lookups given those sets as arguments.
-- Measured in docs/benchmarks.md, "RLS cost (100k orders)".
--
-- The earlier migrations are not squashed: a deployed database may already have applied
-- them, and the runner refuses edited migrations. ALTER POLICY keeps names, commands and roles.

-- ---------------------------------------------------------------------------
-- 1. Who is asking, as sets (evaluated once per query by the policies below)
-- ---------------------------------------------------------------------------
-- PL/pgSQL, not SQL: a SQL function with its own search_path is planned again on every
-- call, and a page's policies call these a dozen times; PL/pgSQL keeps its plans for the
-- session. is_platform_admin is rewritten the same way (same result).
create or replace function app_private.is_platform_admin() returns boolean
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return coalesce((select p.is_platform_admin from public.profiles p where p.id = auth.uid()), false);
end
$$;

-- Cooperatives the caller administers by membership (platform admins are checked apart).
create function app_private.admin_coop_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = 'admin';
end
$$;

create function app_private.coop_ids_with_role(p_role text) returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = p_role;
end
$$;

-- The same as an array, for the per-row helpers and array overlaps below.
create function app_private.admin_coop_array() returns uuid[]
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return coalesce((select array_agg(m.cooperative_id) from public.memberships m where m.user_id = auth.uid() and m.role = 'admin'), '{}');
end
$$;

-- Ledger accounts of the cooperatives the caller administers.
create function app_private.admin_account_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select a.id from public.ledger_accounts a
    where a.cooperative_id in (select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = 'admin');
end
$$;

-- Live sessions the caller hosts or whose cooperative they administer.
create function app_private.my_session_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select s.id from public.live_sessions s
    where s.host_user_id = auth.uid()
       or s.cooperative_id in (select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = 'admin');
end
$$;

-- Orders the caller owns: signed-in buyer, guest visitor token, or verified signed link
-- (one index lookup each; the claims are parsed once, not per row).
create function app_private.my_order_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_visitor text := app_private.request_claim('visitor');
  v_order text := app_private.request_claim('order');
begin
  if v_user is not null then
    return query select o.id from public.orders o where o.buyer_user_id = v_user;
  end if;
  if v_visitor is not null then
    return query select o.id from public.orders o where o.access_token_hash = v_visitor;
  end if;
  if v_order ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return query select o.id from public.orders o where o.id = v_order::uuid;
  end if;
end
$$;

-- Postings and ledger accounts of the caller's own orders (few).
create function app_private.my_posting_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select p.id from public.ledger_postings p where p.order_id in (select app_private.my_order_ids());
end
$$;

create function app_private.my_account_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select distinct l.account_id from public.ledger_lines l
    where l.posting_id in (select p.id from public.ledger_postings p where p.order_id in (select app_private.my_order_ids()));
end
$$;

create index orders_access_token_hash_idx on public.orders (access_token_hash) where access_token_hash is not null;

-- ---------------------------------------------------------------------------
-- 2. Which cooperatives an order involves, on the order itself. "An order with an item of
--    my cooperative" was a per-row query into order_items (whose own policy looks back at
--    orders); as a column it is an array overlap with the caller's cooperatives. Items are
--    only ever inserted (place_order), never moved between cooperatives.
-- ---------------------------------------------------------------------------
alter table public.orders add column cooperative_ids uuid[] not null default '{}';

create function app_private.record_order_cooperatives() returns trigger
  language plpgsql set search_path = ''
  as $$
begin
  update public.orders o
     set cooperative_ids = (select array_agg(distinct c order by c) from unnest(o.cooperative_ids || x.ids) c)
    from (select a.order_id, array_agg(distinct a.cooperative_id) as ids from added a group by a.order_id) x
   where o.id = x.order_id;
  return null;
end
$$;
create trigger order_items_record_cooperatives
  after insert on public.order_items
  referencing new table as added
  for each statement execute function app_private.record_order_cooperatives();

update public.orders o set cooperative_ids = x.ids
  from (select oi.order_id, array_agg(distinct oi.cooperative_id order by oi.cooperative_id) as ids
          from public.order_items oi group by oi.order_id) x
 where x.order_id = o.id;

-- The admin orders page reads a cooperative's newest orders: newest first from an index,
-- stopping at the page size, instead of sorting every order.
create index orders_created_at_idx on public.orders (created_at desc);

-- ---------------------------------------------------------------------------
-- 3. Per-row lookups into tables whose policies would lead back here (the ledger). They
--    read as the owner and take the caller's cooperatives as an argument computed once.
-- ---------------------------------------------------------------------------
-- A posting touching accounts of these cooperatives (payouts have no order to go by).
create function app_private.posting_touches_coops(p_posting_id uuid, p_coop_ids uuid[]) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select cardinality(p_coop_ids) > 0
       and exists (select 1 from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
                    where l.posting_id = p_posting_id and a.cooperative_id = any (p_coop_ids))
  $$;

-- An account of no cooperative (platform, clearing) used by an order of these cooperatives.
create function app_private.account_used_by_coops(p_account_id uuid, p_coop_ids uuid[]) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select cardinality(p_coop_ids) > 0
       and exists (select 1 from public.ledger_lines l
                     join public.ledger_postings p on p.id = l.posting_id
                     join public.orders o on o.id = p.order_id
                    where l.account_id = p_account_id and o.cooperative_ids && p_coop_ids)
  $$;

-- ---------------------------------------------------------------------------
-- 4. The policies, same meaning, identity evaluated once per query
-- ---------------------------------------------------------------------------
alter policy carts_owner on public.carts
  using ((visitor_token_hash = (select app_private.request_claim('visitor'))) or (user_id = (select auth.uid())))
  with check ((visitor_token_hash = (select app_private.request_claim('visitor'))) or (user_id = (select auth.uid())));

alter policy cooperatives_admin_read on public.cooperatives
  using ((select app_private.is_platform_admin()) or id in (select app_private.admin_coop_ids()));
alter policy cooperatives_admin_update on public.cooperatives
  using ((select app_private.is_platform_admin()) or id in (select app_private.admin_coop_ids()))
  with check ((select app_private.is_platform_admin()) or id in (select app_private.admin_coop_ids()));

alter policy households_admin_insert on public.households
  with check ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy households_admin_read on public.households
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy households_admin_update on public.households
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()))
  with check ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));

alter policy products_admin_insert on public.products
  with check ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy products_admin_read on public.products
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy products_admin_update on public.products
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()))
  with check ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));

alter policy product_stock_admin_write on public.product_stock
  using ((select app_private.is_platform_admin())
         or exists (select 1 from public.products p
                     where p.id = product_stock.product_id and p.cooperative_id in (select app_private.admin_coop_ids())))
  with check ((select app_private.is_platform_admin())
              or exists (select 1 from public.products p
                          where p.id = product_stock.product_id and p.cooperative_id in (select app_private.admin_coop_ids())));

alter policy split_rules_admin_write on public.split_rules
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()))
  with check ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));

alter policy memberships_admin_read on public.memberships
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy memberships_self_read on public.memberships
  using (user_id = (select auth.uid()));

alter policy profiles_coop_admin_read on public.profiles
  using ((select app_private.is_platform_admin())
         or exists (select 1 from public.memberships m
                     where m.user_id = profiles.id and m.cooperative_id in (select app_private.admin_coop_ids())));
alter policy profiles_self_read on public.profiles
  using (id = (select auth.uid()));

alter policy payment_events_platform_read on public.payment_events
  using ((select app_private.is_platform_admin()));
alter policy payouts_coop_admin_read on public.payouts
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));

alter policy live_sessions_admin_read on public.live_sessions
  using (host_user_id = (select auth.uid()) or (select app_private.is_platform_admin())
         or cooperative_id in (select app_private.admin_coop_ids()));
alter policy live_sessions_host_insert on public.live_sessions
  with check ((host_user_id = (select auth.uid()) and cooperative_id in (select app_private.coop_ids_with_role('streamer')))
              or (select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy live_sessions_host_update on public.live_sessions
  using (host_user_id = (select auth.uid()) or (select app_private.is_platform_admin())
         or cooperative_id in (select app_private.admin_coop_ids()))
  with check ((host_user_id = (select auth.uid()) and cooperative_id in (select app_private.coop_ids_with_role('streamer')))
              or (select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy live_session_products_host_write on public.live_session_products
  using ((select app_private.is_platform_admin()) or session_id in (select app_private.my_session_ids()))
  with check ((select app_private.is_platform_admin()) or session_id in (select app_private.my_session_ids()));
alter policy live_session_secrets_host_or_admin_read on public.live_session_secrets
  using ((select app_private.is_platform_admin()) or session_id in (select app_private.my_session_ids()));

alter policy orders_owner_read on public.orders
  using (buyer_user_id = (select auth.uid())
         or access_token_hash = (select app_private.request_claim('visitor'))
         or id::text = (select app_private.request_claim('order')));
alter policy orders_coop_admin_read on public.orders
  using ((select app_private.is_platform_admin()) or cooperative_ids && (select app_private.admin_coop_array()));

alter policy order_items_coop_admin_read on public.order_items
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy order_items_owner_read on public.order_items
  using (order_id in (select app_private.my_order_ids()));

alter policy ledger_postings_read on public.ledger_postings
  using ((select app_private.is_platform_admin())
         or order_id in (select app_private.my_order_ids())
         or exists (select 1 from public.orders o
                     where o.id = ledger_postings.order_id and o.cooperative_ids && (select app_private.admin_coop_array()))
         or app_private.posting_touches_coops(id, (select app_private.admin_coop_array())));
alter policy ledger_lines_read on public.ledger_lines
  using ((select app_private.is_platform_admin())
         or account_id in (select app_private.admin_account_ids())
         or exists (select 1 from public.order_items oi
                     where oi.id = ledger_lines.order_item_id and oi.cooperative_id in (select app_private.admin_coop_ids()))
         or posting_id in (select app_private.my_posting_ids()));
alter policy ledger_accounts_read on public.ledger_accounts
  using ((select app_private.is_platform_admin())
         or cooperative_id in (select app_private.admin_coop_ids())
         or id in (select app_private.my_account_ids())
         or (cooperative_id is null and app_private.account_used_by_coops(id, (select app_private.admin_coop_array()))));

-- ---------------------------------------------------------------------------
-- 5. Exact privileges: the API roles may run the helpers their policies call.
-- ---------------------------------------------------------------------------
revoke all on function
  app_private.admin_coop_ids(), app_private.coop_ids_with_role(text), app_private.admin_coop_array(),
  app_private.admin_account_ids(), app_private.my_session_ids(), app_private.my_order_ids(),
  app_private.my_posting_ids(), app_private.my_account_ids(),
  app_private.posting_touches_coops(uuid, uuid[]), app_private.account_used_by_coops(uuid, uuid[])
  from public;
grant execute on function
  app_private.admin_coop_ids(), app_private.coop_ids_with_role(text), app_private.admin_coop_array(),
  app_private.admin_account_ids(), app_private.my_session_ids(), app_private.my_order_ids(),
  app_private.my_posting_ids(), app_private.my_account_ids(),
  app_private.posting_touches_coops(uuid, uuid[]), app_private.account_used_by_coops(uuid, uuid[])
  to anon, authenticated, service_role;
-- Trigger only.
revoke all on function app_private.record_order_cooperatives() from public;

-- The per-row helpers no policy calls any more (is_coop_admin, is_order_of_my_coop and
-- is_order_owner stay: refund_order, the order page's phone and its streamers use them).
drop function app_private.can_see_posting(uuid);
drop function app_private.can_see_ledger_line(uuid, uuid, uuid);
drop function app_private.can_see_ledger_account(uuid, uuid);
drop function app_private.is_session_host_or_admin(uuid);
