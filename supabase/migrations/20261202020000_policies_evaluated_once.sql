-- Policies written to scale (issue 8, item 5; docs/decisions/0008-policies-evaluated-once.md).
--
-- Until now a policy called auth.uid(), request_claim() (a JSON parse) and membership
-- helpers such as app_private.is_coop_admin(cooperative_id) — two queries — for every row
-- it looked at. Here every policy keeps its meaning (tests/integration/rls-matrix.test.ts,
-- rls-public.test.ts) but asks "who is this" once per query: `(select auth.uid())`,
-- `(select app_private.is_platform_admin())` and `cooperative_id in (select
-- app_private.admin_coop_ids())` are uncorrelated sub-selects, which Postgres runs once
-- (an initPlan, or a hashed subplan for the set). Where a policy must look at another
-- table that has policies back to this one (orders ↔ order_items, the ledger), a security
-- definer function does the per-row lookup, given the caller's identity and cooperatives
-- as arguments already computed once.
--
-- The earlier migrations are not squashed: a deployed database may already have applied
-- them, and the runner refuses edited migrations. ALTER POLICY keeps names, commands and roles.

-- ---------------------------------------------------------------------------
-- 1. Who is asking, as sets (evaluated once per query by the policies below)
-- ---------------------------------------------------------------------------
-- Cooperatives the caller administers by membership (platform admins are checked apart).
create function app_private.admin_coop_ids() returns setof uuid
  language sql stable security definer set search_path = ''
  as $$ select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = 'admin' $$;

create function app_private.coop_ids_with_role(p_role text) returns setof uuid
  language sql stable security definer set search_path = ''
  as $$ select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = p_role $$;

-- The same as an array, to hand to the per-row helpers below.
create function app_private.admin_coop_array() returns uuid[]
  language sql stable security definer set search_path = ''
  as $$ select coalesce(array_agg(c), '{}') from app_private.admin_coop_ids() c $$;

-- Ledger accounts that belong to the cooperatives the caller administers.
create function app_private.admin_account_ids() returns setof uuid
  language sql stable security definer set search_path = ''
  as $$ select a.id from public.ledger_accounts a where a.cooperative_id in (select app_private.admin_coop_ids()) $$;

-- Live sessions the caller hosts or whose cooperative they administer.
create function app_private.my_session_ids() returns setof uuid
  language sql stable security definer set search_path = ''
  as $$
    select s.id from public.live_sessions s
     where s.host_user_id = auth.uid() or s.cooperative_id in (select app_private.admin_coop_ids())
  $$;

-- ---------------------------------------------------------------------------
-- 2. Per-row lookups across tables whose policies refer to each other. They read as the
--    owner (no policy recursion) and take the caller's identity as arguments, so nothing
--    in them re-derives it per row.
-- ---------------------------------------------------------------------------
create function app_private.order_has_item_of(p_order_id uuid, p_coop_ids uuid[]) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (select 1 from public.order_items oi where oi.order_id = p_order_id and oi.cooperative_id = any (p_coop_ids))
  $$;

-- The caller owns the order: signed-in buyer, guest visitor token, or verified signed link.
create function app_private.order_owned_by(p_order_id uuid, p_user uuid, p_visitor text, p_order_claim text) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (select 1 from public.orders o
                    where o.id = p_order_id
                      and (o.buyer_user_id = p_user or o.access_token_hash = p_visitor or o.id::text = p_order_claim))
  $$;

-- What can_see_posting meant, with the caller passed in.
create function app_private.posting_visible_to(p_posting_id uuid, p_order_id uuid, p_user uuid, p_visitor text,
                                               p_order_claim text, p_coop_ids uuid[]) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select (p_order_id is not null
            and (app_private.order_owned_by(p_order_id, p_user, p_visitor, p_order_claim)
                 or app_private.order_has_item_of(p_order_id, p_coop_ids)))
        -- postings without an order (payouts) touching this admin's cooperative's accounts
        or exists (select 1 from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
                    where l.posting_id = p_posting_id and a.cooperative_id = any (p_coop_ids))
  $$;

-- What can_see_ledger_line meant beyond the platform admin and the caller's own accounts.
create function app_private.line_visible_to(p_posting_id uuid, p_order_item_id uuid, p_user uuid, p_visitor text,
                                            p_order_claim text, p_coop_ids uuid[]) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (select 1 from public.order_items oi where oi.id = p_order_item_id and oi.cooperative_id = any (p_coop_ids))
        or exists (select 1 from public.ledger_postings p
                    where p.id = p_posting_id and p.order_id is not null
                      and app_private.order_owned_by(p.order_id, p_user, p_visitor, p_order_claim))
  $$;

-- What can_see_ledger_account meant beyond the platform admin and the caller's cooperatives:
-- an account used by an order the caller owns, or (an account of no cooperative: platform,
-- clearing) by an order of the caller's cooperatives.
create function app_private.account_visible_to(p_account_id uuid, p_account_coop uuid, p_user uuid, p_visitor text,
                                               p_order_claim text, p_coop_ids uuid[]) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (select 1 from public.ledger_lines l
                     join public.ledger_postings p on p.id = l.posting_id
                     join public.orders o on o.id = p.order_id
                    where l.account_id = p_account_id
                      and ((o.buyer_user_id = p_user or o.access_token_hash = p_visitor or o.id::text = p_order_claim)
                           or (p_account_coop is null and app_private.order_has_item_of(o.id, p_coop_ids))))
  $$;

-- ---------------------------------------------------------------------------
-- 3. The policies, same meaning, identity evaluated once per query
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
  using ((select app_private.is_platform_admin())
         or app_private.order_has_item_of(id, (select app_private.admin_coop_array())));

alter policy order_items_coop_admin_read on public.order_items
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
alter policy order_items_owner_read on public.order_items
  using (app_private.order_owned_by(order_id, (select auth.uid()), (select app_private.request_claim('visitor')),
                                    (select app_private.request_claim('order'))));

alter policy ledger_postings_read on public.ledger_postings
  using ((select app_private.is_platform_admin())
         or app_private.posting_visible_to(id, order_id, (select auth.uid()), (select app_private.request_claim('visitor')),
                                           (select app_private.request_claim('order')), (select app_private.admin_coop_array())));
alter policy ledger_lines_read on public.ledger_lines
  using ((select app_private.is_platform_admin())
         or account_id in (select app_private.admin_account_ids())
         or app_private.line_visible_to(posting_id, order_item_id, (select auth.uid()), (select app_private.request_claim('visitor')),
                                        (select app_private.request_claim('order')), (select app_private.admin_coop_array())));
alter policy ledger_accounts_read on public.ledger_accounts
  using ((select app_private.is_platform_admin())
         or cooperative_id in (select app_private.admin_coop_ids())
         or app_private.account_visible_to(id, cooperative_id, (select auth.uid()), (select app_private.request_claim('visitor')),
                                           (select app_private.request_claim('order')), (select app_private.admin_coop_array())));

-- ---------------------------------------------------------------------------
-- 4. Exact privileges: the API roles may run the helpers their policies call.
-- ---------------------------------------------------------------------------
revoke all on function
  app_private.admin_coop_ids(), app_private.coop_ids_with_role(text), app_private.admin_coop_array(),
  app_private.admin_account_ids(), app_private.my_session_ids(),
  app_private.order_has_item_of(uuid, uuid[]), app_private.order_owned_by(uuid, uuid, text, text),
  app_private.posting_visible_to(uuid, uuid, uuid, text, text, uuid[]),
  app_private.line_visible_to(uuid, uuid, uuid, text, text, uuid[]),
  app_private.account_visible_to(uuid, uuid, uuid, text, text, uuid[])
  from public;
grant execute on function
  app_private.admin_coop_ids(), app_private.coop_ids_with_role(text), app_private.admin_coop_array(),
  app_private.admin_account_ids(), app_private.my_session_ids(),
  app_private.order_has_item_of(uuid, uuid[]), app_private.order_owned_by(uuid, uuid, text, text),
  app_private.posting_visible_to(uuid, uuid, uuid, text, text, uuid[]),
  app_private.line_visible_to(uuid, uuid, uuid, text, text, uuid[]),
  app_private.account_visible_to(uuid, uuid, uuid, text, text, uuid[])
  to anon, authenticated, service_role;

-- The per-row helpers no policy calls any more (is_coop_admin, is_order_of_my_coop and
-- is_order_owner stay: refund_order, the order page's phone and its streamers use them).
drop function app_private.can_see_posting(uuid);
drop function app_private.can_see_ledger_line(uuid, uuid, uuid);
drop function app_private.can_see_ledger_account(uuid, uuid);
drop function app_private.is_session_host_or_admin(uuid);
