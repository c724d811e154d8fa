-- Accounts and roles: local auth sessions and login throttling (embedded adapter),
-- role helpers, and the policies that give cooperative admins, streamers and platform
-- admins exactly what is theirs. Helpers are SECURITY DEFINER so policies can ask
-- "is this user an admin of that cooperative?" without recursing through RLS.

-- ---------------------------------------------------------------------------
-- Local auth adapter (Supabase Auth keeps its own)
-- ---------------------------------------------------------------------------
create table app_private.sessions (
  -- sha256 of the cookie's session token
  id text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on app_private.sessions (user_id);

create table app_private.login_failures (
  id bigint generated always as identity primary key,
  -- "email:<address>" or "ip:<address>"
  key text not null,
  failed_at timestamptz not null default now()
);
create index login_failures_key_idx on app_private.login_failures (key, failed_at);

grant select, insert, update, delete on app_private.sessions, app_private.login_failures to service_role;

-- ---------------------------------------------------------------------------
-- Role helpers
-- ---------------------------------------------------------------------------
create function app_private.is_platform_admin() returns boolean
  language sql stable security definer set search_path = ''
  as $$ select coalesce((select p.is_platform_admin from public.profiles p where p.id = auth.uid()), false) $$;

create function app_private.has_coop_role(p_cooperative_id uuid, p_role text) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (select 1 from public.memberships m
                    where m.user_id = auth.uid() and m.cooperative_id = p_cooperative_id and m.role = p_role)
  $$;

create function app_private.is_coop_admin(p_cooperative_id uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$ select app_private.has_coop_role(p_cooperative_id, 'admin') or app_private.is_platform_admin() $$;

-- An order is an admin's when it holds at least one item of their cooperative.
create function app_private.is_order_of_my_coop(p_order_id uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (select 1 from public.order_items oi
                    where oi.order_id = p_order_id and app_private.is_coop_admin(oi.cooperative_id))
  $$;

create function app_private.is_session_host_or_admin(p_session_id uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (select 1 from public.live_sessions s
                    where s.id = p_session_id
                      and (s.host_user_id = auth.uid() or app_private.is_coop_admin(s.cooperative_id)))
  $$;

revoke all on function app_private.is_platform_admin(), app_private.has_coop_role(uuid, text),
  app_private.is_coop_admin(uuid), app_private.is_order_of_my_coop(uuid),
  app_private.is_session_host_or_admin(uuid) from public;
grant execute on function app_private.is_platform_admin(), app_private.has_coop_role(uuid, text),
  app_private.is_coop_admin(uuid), app_private.is_order_of_my_coop(uuid),
  app_private.is_session_host_or_admin(uuid) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Cooperative admins manage their cooperative (platform admins every cooperative)
-- ---------------------------------------------------------------------------
create policy cooperatives_admin_read on public.cooperatives
  for select to authenticated using (app_private.is_coop_admin(id));
grant update (story_zh, story_en, hero_image) on public.cooperatives to authenticated;
create policy cooperatives_admin_update on public.cooperatives
  for update to authenticated using (app_private.is_coop_admin(id)) with check (app_private.is_coop_admin(id));

create policy memberships_admin_read on public.memberships
  for select to authenticated using (app_private.is_coop_admin(cooperative_id));

-- Members' names (e.g. a streamer's) for the admins of the cooperatives they belong to.
create policy profiles_coop_admin_read on public.profiles
  for select to authenticated
  using (app_private.is_platform_admin()
         or exists (select 1 from public.memberships m where m.user_id = profiles.id
                      and app_private.is_coop_admin(m.cooperative_id)));

grant insert (cooperative_id, key, name_zh, name_en, head_name_zh, head_name_en, members, status),
  update (name_zh, name_en, head_name_zh, head_name_en, members, status)
  on public.households to authenticated;
create policy households_admin_read on public.households
  for select to authenticated using (app_private.is_coop_admin(cooperative_id));
create policy households_admin_insert on public.households
  for insert to authenticated with check (app_private.is_coop_admin(cooperative_id));
create policy households_admin_update on public.households
  for update to authenticated using (app_private.is_coop_admin(cooperative_id))
  with check (app_private.is_coop_admin(cooperative_id));

grant insert, update on public.products to authenticated;
create policy products_admin_read on public.products
  for select to authenticated using (app_private.is_coop_admin(cooperative_id));
create policy products_admin_insert on public.products
  for insert to authenticated with check (app_private.is_coop_admin(cooperative_id));
create policy products_admin_update on public.products
  for update to authenticated using (app_private.is_coop_admin(cooperative_id))
  with check (app_private.is_coop_admin(cooperative_id));

grant insert, update on public.product_stock to authenticated;
create policy product_stock_admin_write on public.product_stock
  for all to authenticated
  using (exists (select 1 from public.products p where p.id = product_id and app_private.is_coop_admin(p.cooperative_id)))
  with check (exists (select 1 from public.products p where p.id = product_id and app_private.is_coop_admin(p.cooperative_id)));

grant insert, update, delete on public.split_rules to authenticated;
create policy split_rules_admin_write on public.split_rules
  for all to authenticated using (app_private.is_coop_admin(cooperative_id))
  with check (app_private.is_coop_admin(cooperative_id));

-- Orders: an admin sees the orders holding their cooperative's items, and those items.
create policy orders_coop_admin_read on public.orders
  for select to authenticated using (app_private.is_order_of_my_coop(id));
create policy order_items_coop_admin_read on public.order_items
  for select to authenticated using (app_private.is_coop_admin(cooperative_id));
-- The buyer's item policy said "the order is visible", which for an admin is any order
-- sharing an item with their cooperative: it showed them the other cooperatives' items of a
-- mixed order. Items are the buyer's by ownership of the order, not by its visibility.
drop policy order_items_owner_read on public.order_items;
create policy order_items_owner_read on public.order_items for select to anon, authenticated
  using (exists (select 1 from public.orders o
                  where o.id = order_id and app_private.is_order_owner(o.buyer_user_id, o.access_token_hash, o.id)));

grant select on public.refunds, public.refund_items to authenticated;
create policy refunds_read on public.refunds
  for select to authenticated using (exists (select 1 from public.orders o where o.id = order_id));
-- a refunded item is seen by whoever sees the order item (its buyer, its cooperative's admins)
create policy refund_items_read on public.refund_items
  for select to authenticated using (exists (select 1 from public.order_items oi where oi.id = order_item_id));

-- Ledger. Policies on postings, lines and accounts would recurse through one another,
-- so one definer function per table answers "may this request see it?":
--   the buyer sees every line of their own order (they paid all of it);
--   an admin sees their cooperative's accounts, the shared accounts (platform, clearing)
--   their orders post to, the lines on their accounts, and the lines for their
--   cooperative's order items (e.g. the platform's share of them);
--   the platform admin sees everything.
create function app_private.can_see_posting(p_posting_id uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select app_private.is_platform_admin()
        or exists (select 1 from public.ledger_postings p join public.orders o on o.id = p.order_id
                    where p.id = p_posting_id
                      and (app_private.is_order_owner(o.buyer_user_id, o.access_token_hash, o.id)
                           or app_private.is_order_of_my_coop(o.id)))
        -- postings without an order (payouts) touching this admin's cooperative's accounts
        or exists (select 1 from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
                    where l.posting_id = p_posting_id and a.cooperative_id is not null
                      and app_private.is_coop_admin(a.cooperative_id))
  $$;

create function app_private.can_see_ledger_line(p_posting_id uuid, p_account_id uuid, p_order_item_id uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select app_private.is_platform_admin()
        or exists (select 1 from public.ledger_postings p join public.orders o on o.id = p.order_id
                    where p.id = p_posting_id
                      and app_private.is_order_owner(o.buyer_user_id, o.access_token_hash, o.id))
        or exists (select 1 from public.ledger_accounts a
                    where a.id = p_account_id and a.cooperative_id is not null and app_private.is_coop_admin(a.cooperative_id))
        or exists (select 1 from public.order_items oi
                    where oi.id = p_order_item_id and app_private.is_coop_admin(oi.cooperative_id))
  $$;

create function app_private.can_see_ledger_account(p_account_id uuid, p_cooperative_id uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select app_private.is_platform_admin()
        or (p_cooperative_id is not null and app_private.is_coop_admin(p_cooperative_id))
        or exists (select 1 from public.ledger_lines l
                     join public.ledger_postings p on p.id = l.posting_id
                     join public.orders o on o.id = p.order_id
                    where l.account_id = p_account_id
                      and (app_private.is_order_owner(o.buyer_user_id, o.access_token_hash, o.id)
                           -- not another cooperative's account on a mixed order
                           or (p_cooperative_id is null and app_private.is_order_of_my_coop(o.id))))
  $$;

revoke all on function app_private.can_see_posting(uuid), app_private.can_see_ledger_line(uuid, uuid, uuid),
  app_private.can_see_ledger_account(uuid, uuid) from public;
grant execute on function app_private.can_see_posting(uuid), app_private.can_see_ledger_line(uuid, uuid, uuid),
  app_private.can_see_ledger_account(uuid, uuid) to anon, authenticated, service_role;

drop policy ledger_postings_order_owner_read on public.ledger_postings;
drop policy ledger_lines_order_owner_read on public.ledger_lines;
drop policy ledger_accounts_order_owner_read on public.ledger_accounts;
create policy ledger_postings_read on public.ledger_postings
  for select to anon, authenticated using (app_private.can_see_posting(id));
create policy ledger_lines_read on public.ledger_lines
  for select to anon, authenticated using (app_private.can_see_ledger_line(posting_id, account_id, order_item_id));
create policy ledger_accounts_read on public.ledger_accounts
  for select to anon, authenticated using (app_private.can_see_ledger_account(id, cooperative_id));

grant select on public.payouts to authenticated;
create policy payouts_coop_admin_read on public.payouts
  for select to authenticated using (app_private.is_coop_admin(cooperative_id));

grant select on public.payment_events to authenticated;
create policy payment_events_platform_read on public.payment_events
  for select to authenticated using (app_private.is_platform_admin());

-- ---------------------------------------------------------------------------
-- Streamers run their own sessions; admins run every session of their cooperative
-- ---------------------------------------------------------------------------
grant insert, update on public.live_sessions to authenticated;
create policy live_sessions_host_insert on public.live_sessions
  for insert to authenticated
  with check ((host_user_id = auth.uid() and app_private.has_coop_role(cooperative_id, 'streamer'))
              or app_private.is_coop_admin(cooperative_id));
-- The new row must pass the insert rule: a host cannot move their session into a
-- cooperative they do not stream for.
create policy live_sessions_host_update on public.live_sessions
  for update to authenticated
  using (host_user_id = auth.uid() or app_private.is_coop_admin(cooperative_id))
  with check ((host_user_id = auth.uid() and app_private.has_coop_role(cooperative_id, 'streamer'))
              or app_private.is_coop_admin(cooperative_id));
create policy live_sessions_admin_read on public.live_sessions
  for select to authenticated using (host_user_id = auth.uid() or app_private.is_coop_admin(cooperative_id));

drop policy live_session_secrets_host_read on public.live_session_secrets;
create policy live_session_secrets_host_or_admin_read on public.live_session_secrets
  for select to authenticated using (app_private.is_session_host_or_admin(session_id));

grant insert, update, delete on public.live_session_products to authenticated;
create policy live_session_products_host_write on public.live_session_products
  for all to authenticated using (app_private.is_session_host_or_admin(session_id))
  with check (app_private.is_session_host_or_admin(session_id));
