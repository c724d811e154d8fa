-- Row level security on every table, with explicit grants (new Supabase projects
-- no longer expose tables automatically). These are the first, simple policies:
-- the public reads the live catalogue; signed-in users read what is theirs.
-- The accounts issue refines them for cooperative admins and streamers.

grant usage on schema public to anon, authenticated, service_role;

alter table public.profiles enable row level security;
alter table public.cooperatives enable row level security;
alter table public.memberships enable row level security;
alter table public.households enable row level security;
alter table public.categories enable row level security;
alter table public.products enable row level security;
alter table public.split_rules enable row level security;
alter table public.product_stock enable row level security;
alter table public.live_sessions enable row level security;
alter table public.live_session_secrets enable row level security;
alter table public.live_session_products enable row level security;
alter table public.carts enable row level security;
alter table public.cart_items enable row level security;
alter table public.orders enable row level security;
alter table public.order_items enable row level security;
alter table public.ledger_accounts enable row level security;
alter table public.ledger_postings enable row level security;
alter table public.ledger_lines enable row level security;
alter table public.payouts enable row level security;
alter table public.payment_events enable row level security;

-- The privileged role used by seed, migrations, webhooks and jobs.
grant all on all tables in schema public to service_role;
grant usage, select on all sequences in schema public to service_role;
-- The local auth adapter reads and writes password hashes through service_role only.
grant usage on schema app_private to service_role;
grant select, insert, update, delete on app_private.local_credentials to service_role;

-- Public catalogue --------------------------------------------------------------
-- Payout identifiers (stripe_account_id) are not readable by the API roles.
grant select (id, slug, name_zh, name_en, village_zh, village_en, town_zh, town_en,
  county_zh, county_en, province_zh, province_en, story_zh, story_en, founded_year,
  hero_image, status, created_at)
  on public.cooperatives to anon, authenticated;
create policy cooperatives_public_read on public.cooperatives
  for select to anon, authenticated using (status = 'active');

grant select (id, cooperative_id, key, name_zh, name_en, head_name_zh, head_name_en,
  members, status, created_at)
  on public.households to anon, authenticated;
create policy households_public_read on public.households
  for select to anon, authenticated
  using (exists (select 1 from public.cooperatives c
                 where c.id = cooperative_id and c.status = 'active'));

grant select on public.categories to anon, authenticated;
create policy categories_public_read on public.categories
  for select to anon, authenticated using (true);

grant select on public.products to anon, authenticated;
create policy products_public_read on public.products
  for select to anon, authenticated
  using (status = 'active' and exists (select 1 from public.cooperatives c
                                       where c.id = cooperative_id and c.status = 'active'));

grant select on public.product_stock to anon, authenticated;
create policy product_stock_public_read on public.product_stock
  for select to anon, authenticated
  using (exists (select 1 from public.products p where p.id = product_id));

-- Split rules are public on purpose: buyers can see where their money goes.
grant select on public.split_rules to anon, authenticated;
create policy split_rules_public_read on public.split_rules
  for select to anon, authenticated using (true);

grant select on public.live_sessions to anon, authenticated;
create policy live_sessions_public_read on public.live_sessions
  for select to anon, authenticated using (status <> 'cancelled');

grant select on public.live_session_products to anon, authenticated;
create policy live_session_products_public_read on public.live_session_products
  for select to anon, authenticated using (true);

-- Signed-in users: their own rows ---------------------------------------------------
grant select on public.profiles to authenticated;
create policy profiles_self_read on public.profiles
  for select to authenticated using (id = auth.uid());

grant select on public.memberships to authenticated;
create policy memberships_self_read on public.memberships
  for select to authenticated using (user_id = auth.uid());

grant select on public.live_session_secrets to authenticated;
create policy live_session_secrets_host_read on public.live_session_secrets
  for select to authenticated
  using (exists (select 1 from public.live_sessions s
                 where s.id = session_id and s.host_user_id = auth.uid()));

grant select on public.orders to authenticated;
create policy orders_buyer_read on public.orders
  for select to authenticated using (buyer_user_id = auth.uid());

grant select on public.order_items to authenticated;
create policy order_items_buyer_read on public.order_items
  for select to authenticated
  using (exists (select 1 from public.orders o
                 where o.id = order_id and o.buyer_user_id = auth.uid()));

-- carts, ledger, payouts and payment_events have RLS on and no API policy yet:
-- only service_role reaches them until the checkout and accounts work adds policies.
