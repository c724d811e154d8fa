-- Exact privileges on every platform (issue 7, items 8 and 9; docs/decisions/0006-exact-privileges.md).
--
-- Supabase's init scripts set default privileges in schema public that give anon,
-- authenticated and service_role ALL on every new table, sequence and function the
-- migrating role creates (TRUNCATE included; RLS does not cover TRUNCATE). Our earlier
-- migrations only GRANTed, so on Supabase those defaults stayed in force: anon could read
-- cooperatives.stripe_account_id and truncate payment_events, a cooperative admin could
-- update households.stripe_account_id. Here we revoke everything from the API roles and
-- PUBLIC, then grant exactly what the earlier migrations meant — the privileges on plain
-- Postgres and PGlite do not change (tests/integration/supabase-privileges.test.ts checks
-- that, and that a Supabase-shaped database ends up identical).
--
-- Nothing here needs a superuser: on Supabase the migrating role (postgres) owns these
-- objects, and it may change its own default privileges only — objects created by
-- supabase_admin are not ours. Row level security is unchanged.

-- ---------------------------------------------------------------------------
-- 1. New objects start from nothing: every later migration grants what it means.
-- ---------------------------------------------------------------------------
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from anon, authenticated, service_role;
-- Functions are executable by PUBLIC unless revoked. A per-schema ALTER DEFAULT PRIVILEGES
-- cannot take that away (per-schema defaults only add to the global ones), so the
-- app_private revoke in 20261128150000 did nothing; this one applies to every schema.
alter default privileges revoke execute on functions from public;

-- ---------------------------------------------------------------------------
-- 2. Revoke everything on what exists (table-level REVOKE also revokes column grants).
-- ---------------------------------------------------------------------------
revoke all on table
  public.profiles, public.cooperatives, public.memberships, public.households,
  public.categories, public.products, public.product_stock, public.split_rules,
  public.live_sessions, public.live_session_secrets, public.live_session_products,
  public.carts, public.cart_items, public.orders, public.order_items,
  public.ledger_accounts, public.ledger_postings, public.ledger_lines,
  public.payouts, public.payment_events, public.refunds, public.refund_items,
  app_private.local_credentials, app_private.sessions, app_private.login_failures
  from public, anon, authenticated, service_role;

revoke all on sequence public.ledger_lines_id_seq, app_private.login_failures_id_seq
  from public, anon, authenticated, service_role;

revoke all on function
  public.place_order(text, text, text, text, text, text, text, int),
  public.expire_unpaid_orders(timestamptz),
  public.cancel_my_order(uuid),
  app_private.request_claim(text),
  app_private.is_order_owner(uuid, text, uuid),
  app_private.is_platform_admin(),
  app_private.has_coop_role(uuid, text),
  app_private.is_coop_admin(uuid),
  app_private.is_order_of_my_coop(uuid),
  app_private.is_session_host_or_admin(uuid),
  app_private.can_see_posting(uuid),
  app_private.can_see_ledger_line(uuid, uuid, uuid),
  app_private.can_see_ledger_account(uuid, uuid),
  app_private.cancel_pending_orders(uuid[]),
  app_private.check_posting_balanced(),
  app_private.check_posting_has_lines(),
  app_private.refuse_ledger_mutation()
  from public, anon, authenticated, service_role;

revoke create on schema public, app_private from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------
-- 3. Grant exactly, one block per object. service_role is the privileged path (seed,
--    webhooks, jobs); anon and authenticated are requests, narrowed further by RLS.
-- ---------------------------------------------------------------------------
grant usage on schema public to anon, authenticated, service_role;
grant usage on schema app_private to anon, authenticated, service_role;

-- profiles
grant all on table public.profiles to service_role;
grant select on table public.profiles to authenticated;

-- cooperatives: payout identifiers (stripe_account_id) are not readable by the API roles
grant all on table public.cooperatives to service_role;
grant select (id, slug, name_zh, name_en, village_zh, village_en, town_zh, town_en,
  county_zh, county_en, province_zh, province_en, story_zh, story_en, founded_year,
  hero_image, status, created_at)
  on table public.cooperatives to anon, authenticated;
grant update (story_zh, story_en, hero_image) on table public.cooperatives to authenticated;

-- memberships
grant all on table public.memberships to service_role;
grant select on table public.memberships to authenticated;

-- households: nobody but service_role reads or writes stripe_account_id
grant all on table public.households to service_role;
grant select (id, cooperative_id, key, name_zh, name_en, head_name_zh, head_name_en,
  members, status, created_at)
  on table public.households to anon, authenticated;
grant insert (cooperative_id, key, name_zh, name_en, head_name_zh, head_name_en, members, status),
  update (name_zh, name_en, head_name_zh, head_name_en, members, status)
  on table public.households to authenticated;

-- categories
grant all on table public.categories to service_role;
grant select on table public.categories to anon, authenticated;

-- products
grant all on table public.products to service_role;
grant select on table public.products to anon;
grant select, insert, update on table public.products to authenticated;

-- product_stock
grant all on table public.product_stock to service_role;
grant select on table public.product_stock to anon;
grant select, insert, update on table public.product_stock to authenticated;

-- split_rules
grant all on table public.split_rules to service_role;
grant select on table public.split_rules to anon;
grant select, insert, update, delete on table public.split_rules to authenticated;

-- live_sessions
grant all on table public.live_sessions to service_role;
grant select on table public.live_sessions to anon;
grant select, insert, update on table public.live_sessions to authenticated;

-- live_session_secrets
grant all on table public.live_session_secrets to service_role;
grant select on table public.live_session_secrets to authenticated;

-- live_session_products
grant all on table public.live_session_products to service_role;
grant select on table public.live_session_products to anon;
grant select, insert, update, delete on table public.live_session_products to authenticated;

-- carts
grant all on table public.carts to service_role;
grant select, insert, update, delete on table public.carts to anon, authenticated;

-- cart_items
grant all on table public.cart_items to service_role;
grant select, insert, update, delete on table public.cart_items to anon, authenticated;

-- orders
grant all on table public.orders to service_role;
grant select on table public.orders to anon, authenticated;

-- order_items
grant all on table public.order_items to service_role;
grant select on table public.order_items to anon, authenticated;

-- ledger_accounts
grant all on table public.ledger_accounts to service_role;
grant select on table public.ledger_accounts to anon, authenticated;

-- ledger_postings
grant all on table public.ledger_postings to service_role;
grant select on table public.ledger_postings to anon, authenticated;

-- ledger_lines (and its identity sequence)
grant all on table public.ledger_lines to service_role;
grant select on table public.ledger_lines to anon, authenticated;
grant usage, select on sequence public.ledger_lines_id_seq to service_role;

-- payouts
grant all on table public.payouts to service_role;
grant select on table public.payouts to authenticated;

-- payment_events
grant all on table public.payment_events to service_role;
grant select on table public.payment_events to authenticated;

-- refunds
grant all on table public.refunds to service_role;
grant select on table public.refunds to authenticated;

-- refund_items
grant all on table public.refund_items to service_role;
grant select on table public.refund_items to authenticated;

-- app_private: the local auth adapter's tables, service_role only
-- (login_failures_id_seq: an identity column needs no grant on its sequence)
grant select, insert, update, delete on table app_private.local_credentials to service_role;
grant select, insert, update, delete on table app_private.sessions to service_role;
grant select, insert, update, delete on table app_private.login_failures to service_role;

-- Functions. Order placement and cancellation are request entry points; expiry is a job.
grant execute on function public.place_order(text, text, text, text, text, text, text, int)
  to anon, authenticated, service_role;
grant execute on function public.cancel_my_order(uuid) to anon, authenticated, service_role;
grant execute on function public.expire_unpaid_orders(timestamptz) to service_role;
-- RLS helpers: policies call them as the requesting role.
grant execute on function
  app_private.request_claim(text),
  app_private.is_order_owner(uuid, text, uuid),
  app_private.is_platform_admin(),
  app_private.has_coop_role(uuid, text),
  app_private.is_coop_admin(uuid),
  app_private.is_order_of_my_coop(uuid),
  app_private.is_session_host_or_admin(uuid),
  app_private.can_see_posting(uuid),
  app_private.can_see_ledger_line(uuid, uuid, uuid),
  app_private.can_see_ledger_account(uuid, uuid)
  to anon, authenticated, service_role;
-- cancel_pending_orders and the ledger trigger functions: no grant (owner and triggers only).

-- ---------------------------------------------------------------------------
-- 4. auth.users (item 9). The bootstrap granted it only when it created the table; on
--    Supabase the table already exists, owned by supabase_auth_admin, and the migrating
--    role may grant on it through its membership in that role. service_role stands in for
--    Supabase Auth's admin API: the seed and the local auth adapter write users through it.
-- ---------------------------------------------------------------------------
grant select, insert, update, delete on table auth.users to service_role;
