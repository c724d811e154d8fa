-- Core schema for the whole product: catalogue, people, live sessions, carts, orders,
-- the double-entry ledger, payouts and payment events. Later migrations add behaviour
-- and refine policies; they should not need to reshape these tables.


-- Private schema: never exposed to the API roles.
create schema if not exists app_private;
revoke all on schema app_private from public;

-- ---------------------------------------------------------------------------
-- People
-- ---------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null unique,
  display_name text not null,
  is_platform_admin boolean not null default false,
  preferred_locale text check (preferred_locale in ('zh-CN', 'en')),
  created_at timestamptz not null default now()
);

-- Local (embedded) auth adapter's password hashes. Supabase Auth keeps its own.
create table app_private.local_credentials (
  user_id uuid primary key references auth.users (id) on delete cascade,
  password_hash text not null,
  updated_at timestamptz not null default now()
);

-- ---------------------------------------------------------------------------
-- Cooperatives and households
-- ---------------------------------------------------------------------------
create table public.cooperatives (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name_zh text not null,
  name_en text not null,
  village_zh text not null,
  village_en text not null,
  town_zh text not null,
  town_en text not null,
  county_zh text not null,
  county_en text not null,
  province_zh text not null,
  province_en text not null,
  story_zh text not null default '',
  story_en text not null default '',
  founded_year int check (founded_year between 1949 and 2100),
  hero_image text,
  status text not null default 'active' check (status in ('active', 'suspended')),
  stripe_account_id text,
  created_at timestamptz not null default now()
);

create table public.memberships (
  user_id uuid not null references auth.users (id) on delete cascade,
  cooperative_id uuid not null references public.cooperatives (id) on delete cascade,
  role text not null check (role in ('admin', 'streamer')),
  created_at timestamptz not null default now(),
  primary key (user_id, cooperative_id, role)
);
create index memberships_cooperative_idx on public.memberships (cooperative_id);

create table public.households (
  id uuid primary key default gen_random_uuid(),
  cooperative_id uuid not null references public.cooperatives (id) on delete restrict,
  key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name_zh text not null,
  name_en text not null,
  head_name_zh text not null,
  head_name_en text not null,
  members int not null default 1 check (members between 1 and 50),
  status text not null default 'active' check (status in ('active', 'inactive')),
  stripe_account_id text,
  created_at timestamptz not null default now(),
  unique (cooperative_id, key),
  unique (id, cooperative_id)
);

-- ---------------------------------------------------------------------------
-- Catalogue
-- ---------------------------------------------------------------------------
create table public.categories (
  slug text primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name_zh text not null,
  name_en text not null,
  sort_order int not null default 0
);

create table public.products (
  id uuid primary key default gen_random_uuid(),
  cooperative_id uuid not null references public.cooperatives (id) on delete restrict,
  -- null: the collective grew or packed it (its household share goes to the collective)
  household_id uuid,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title_zh text not null,
  title_en text not null,
  description_zh text not null default '',
  description_en text not null default '',
  category_slug text not null references public.categories (slug),
  unit text not null check (unit in ('kg', 'jin', 'box', 'bag', 'jar', 'piece')),
  price_fen bigint not null check (price_fen > 0 and price_fen <= 100000000),
  per_buyer_limit int check (per_buyer_limit is null or per_buyer_limit > 0),
  -- [{ "src": "/images/…", "width": 800, "height": 600, "alt_zh": "…", "alt_en": "…" }]
  images jsonb not null default '[]'::jsonb check (jsonb_typeof(images) = 'array'),
  status text not null default 'draft' check (status in ('draft', 'active', 'archived')),
  featured boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- the grower must belong to the same cooperative
  foreign key (household_id, cooperative_id) references public.households (id, cooperative_id),
  unique (id, cooperative_id)
);
create index products_cooperative_idx on public.products (cooperative_id);
create index products_category_idx on public.products (category_slug);
create index products_status_idx on public.products (status) where status = 'active';

-- Units on hand, apart from the product row: a flash sale decrements this small row
-- hundreds of times a second, while order items keep foreign keys to (and checkout
-- reads titles and prices from) products rows that therefore never change under load.
create table public.product_stock (
  product_id uuid primary key references public.products (id) on delete cascade,
  stock int not null check (stock >= 0),
  updated_at timestamptz not null default now()
);

-- A cooperative's default rule has product_id null; a product override names its product.
create table public.split_rules (
  id uuid primary key default gen_random_uuid(),
  cooperative_id uuid not null references public.cooperatives (id) on delete cascade,
  product_id uuid,
  household_bp int not null check (household_bp between 0 and 10000),
  collective_bp int not null check (collective_bp between 0 and 10000),
  streamer_bp int not null check (streamer_bp between 0 and 10000),
  platform_bp int not null check (platform_bp between 0 and 10000),
  updated_at timestamptz not null default now(),
  constraint split_rules_sum_to_whole
    check (household_bp + collective_bp + streamer_bp + platform_bp = 10000),
  foreign key (product_id, cooperative_id)
    references public.products (id, cooperative_id) on delete cascade
);
create unique index split_rules_one_default_per_coop
  on public.split_rules (cooperative_id) where product_id is null;
create unique index split_rules_one_override_per_product
  on public.split_rules (product_id) where product_id is not null;

-- ---------------------------------------------------------------------------
-- Live sessions
-- ---------------------------------------------------------------------------
create table public.live_sessions (
  id uuid primary key default gen_random_uuid(),
  cooperative_id uuid not null references public.cooperatives (id) on delete restrict,
  host_user_id uuid not null references auth.users (id) on delete restrict,
  title_zh text not null,
  title_en text not null,
  description_zh text not null default '',
  description_en text not null default '',
  status text not null default 'scheduled'
    check (status in ('scheduled', 'live', 'ended', 'cancelled')),
  scheduled_start timestamptz not null,
  started_at timestamptz,
  ended_at timestamptz,
  playback_url text,
  replay_url text,
  poster_image text,
  pinned_product_id uuid references public.products (id) on delete set null,
  created_at timestamptz not null default now(),
  check (ended_at is null or started_at is null or ended_at >= started_at)
);
create index live_sessions_status_idx on public.live_sessions (status, scheduled_start);
create index live_sessions_cooperative_idx on public.live_sessions (cooperative_id);

-- Secret ingest keys live apart so RLS can hide them from everyone but host and admins.
create table public.live_session_secrets (
  session_id uuid primary key references public.live_sessions (id) on delete cascade,
  stream_key text not null unique,
  rotated_at timestamptz not null default now()
);

create table public.live_session_products (
  session_id uuid not null references public.live_sessions (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete cascade,
  position int not null default 0,
  primary key (session_id, product_id)
);

-- ---------------------------------------------------------------------------
-- Carts
-- ---------------------------------------------------------------------------
create table public.carts (
  id uuid primary key default gen_random_uuid(),
  -- sha256 of the visitor's cookie token; the raw token never reaches the database
  visitor_token_hash text unique,
  user_id uuid references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (visitor_token_hash is not null or user_id is not null)
);

create table public.cart_items (
  cart_id uuid not null references public.carts (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete cascade,
  quantity int not null check (quantity between 1 and 999),
  live_session_id uuid references public.live_sessions (id) on delete set null,
  added_at timestamptz not null default now(),
  primary key (cart_id, product_id)
);

-- ---------------------------------------------------------------------------
-- Orders
-- ---------------------------------------------------------------------------
create table public.orders (
  id uuid primary key default gen_random_uuid(),
  buyer_user_id uuid references auth.users (id) on delete set null,
  -- sha256 of the guest's order-access token (guest checkout)
  access_token_hash text,
  status text not null default 'pending_payment'
    check (status in ('pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded', 'partially_refunded')),
  currency text not null default 'CNY' check (currency = 'CNY'),
  subtotal_fen bigint not null check (subtotal_fen >= 0),
  shipping_fen bigint not null default 0 check (shipping_fen >= 0),
  total_fen bigint not null check (total_fen >= 0),
  refunded_fen bigint not null default 0 check (refunded_fen >= 0 and refunded_fen <= total_fen),
  contact_name text not null,
  contact_phone text not null,
  province text not null,
  city text not null,
  district text not null,
  address_line text not null,
  locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
  payment_provider text not null default 'demo' check (payment_provider in ('demo', 'stripe')),
  payment_reference text,
  reserved_until timestamptz not null,
  paid_at timestamptz,
  fulfilled_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (total_fen = subtotal_fen + shipping_fen)
);
create index orders_buyer_idx on public.orders (buyer_user_id);
create index orders_pending_expiry_idx on public.orders (reserved_until) where status = 'pending_payment';

create table public.order_items (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id) on delete restrict,
  product_id uuid not null references public.products (id) on delete restrict,
  cooperative_id uuid not null references public.cooperatives (id) on delete restrict,
  household_id uuid references public.households (id) on delete restrict,
  live_session_id uuid references public.live_sessions (id) on delete restrict,
  streamer_user_id uuid references auth.users (id) on delete restrict,
  title_zh text not null,
  title_en text not null,
  unit text not null,
  unit_price_fen bigint not null check (unit_price_fen > 0),
  quantity int not null check (quantity > 0),
  line_total_fen bigint not null,
  refunded_quantity int not null default 0,
  -- the split rule in force when the order was placed, frozen here for good
  split_household_bp int not null,
  split_collective_bp int not null,
  split_streamer_bp int not null,
  split_platform_bp int not null,
  created_at timestamptz not null default now(),
  check (line_total_fen = unit_price_fen * quantity),
  check (refunded_quantity between 0 and quantity),
  check (split_household_bp >= 0 and split_collective_bp >= 0 and split_streamer_bp >= 0 and split_platform_bp >= 0),
  check (split_household_bp + split_collective_bp + split_streamer_bp + split_platform_bp = 10000),
  check ((live_session_id is null) = (streamer_user_id is null))
);
create index order_items_order_idx on public.order_items (order_id);
create index order_items_cooperative_idx on public.order_items (cooperative_id, created_at);
create index order_items_household_idx on public.order_items (household_id);
create index order_items_session_idx on public.order_items (live_session_id);

-- ---------------------------------------------------------------------------
-- Ledger (double-entry, append-only)
-- ---------------------------------------------------------------------------
-- Sign convention: a posting's lines sum to zero. Payee accounts (household,
-- collective, streamer, platform) are credited with negative amounts; the
-- clearing account that received the buyer's money is debited with a positive one.
create table public.ledger_accounts (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('household', 'collective', 'streamer', 'platform', 'payments_clearing', 'payouts_clearing')),
  cooperative_id uuid references public.cooperatives (id) on delete restrict,
  household_id uuid references public.households (id) on delete restrict,
  user_id uuid references auth.users (id) on delete restrict,
  created_at timestamptz not null default now(),
  check (
    case kind
      when 'household' then household_id is not null and cooperative_id is not null and user_id is null
      when 'collective' then cooperative_id is not null and household_id is null and user_id is null
      when 'streamer' then user_id is not null and household_id is null
      else household_id is null and user_id is null and cooperative_id is null
    end
  )
);
create unique index ledger_accounts_household_uniq on public.ledger_accounts (household_id) where kind = 'household';
create unique index ledger_accounts_collective_uniq on public.ledger_accounts (cooperative_id) where kind = 'collective';
create unique index ledger_accounts_streamer_uniq on public.ledger_accounts (user_id, cooperative_id) where kind = 'streamer';
create unique index ledger_accounts_singletons_uniq on public.ledger_accounts (kind)
  where kind in ('platform', 'payments_clearing', 'payouts_clearing');

create table public.ledger_postings (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('payment', 'refund', 'payout', 'fee', 'adjustment')),
  -- makes every money-moving event post once: e.g. 'payment:<payment id>'
  idempotency_key text not null unique,
  order_id uuid references public.orders (id) on delete restrict,
  memo text not null default '',
  created_at timestamptz not null default now()
);
create index ledger_postings_order_idx on public.ledger_postings (order_id);

create table public.ledger_lines (
  id bigint generated always as identity primary key,
  posting_id uuid not null references public.ledger_postings (id) on delete restrict,
  account_id uuid not null references public.ledger_accounts (id) on delete restrict,
  order_item_id uuid references public.order_items (id) on delete restrict,
  amount_fen bigint not null check (amount_fen <> 0),
  created_at timestamptz not null default now()
);
create index ledger_lines_posting_idx on public.ledger_lines (posting_id);
create index ledger_lines_account_idx on public.ledger_lines (account_id);

-- Balance check at commit time: a posting whose lines do not sum to zero is refused.
create function app_private.check_posting_balanced() returns trigger
  language plpgsql
  set search_path = ''
  as $$
declare
  total numeric;
  line_count int;
begin
  select coalesce(sum(amount_fen), 0), count(*) into total, line_count
    from public.ledger_lines where posting_id = new.posting_id;
  if line_count > 0 and total <> 0 then
    raise exception 'ledger posting % is unbalanced by % fen', new.posting_id, total
      using errcode = '23514';
  end if;
  return null;
end
$$;

create constraint trigger ledger_lines_balanced
  after insert on public.ledger_lines
  deferrable initially deferred
  for each row execute function app_private.check_posting_balanced();

-- Every posting must have lines; checked at commit too.
create function app_private.check_posting_has_lines() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if not exists (select 1 from public.ledger_lines where posting_id = new.id) then
    raise exception 'ledger posting % has no lines', new.id using errcode = '23514';
  end if;
  return null;
end
$$;

create constraint trigger ledger_postings_have_lines
  after insert on public.ledger_postings
  deferrable initially deferred
  for each row execute function app_private.check_posting_has_lines();

create function app_private.refuse_ledger_mutation() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  raise exception 'the ledger is append-only: % on % is not allowed', tg_op, tg_table_name
    using errcode = '42501';
end
$$;

create trigger ledger_postings_append_only
  before update or delete on public.ledger_postings
  for each row execute function app_private.refuse_ledger_mutation();
create trigger ledger_lines_append_only
  before update or delete on public.ledger_lines
  for each row execute function app_private.refuse_ledger_mutation();
create trigger ledger_postings_no_truncate
  before truncate on public.ledger_postings
  for each statement execute function app_private.refuse_ledger_mutation();
create trigger ledger_lines_no_truncate
  before truncate on public.ledger_lines
  for each statement execute function app_private.refuse_ledger_mutation();

-- ---------------------------------------------------------------------------
-- Payouts and payment events
-- ---------------------------------------------------------------------------
create table public.payouts (
  id uuid primary key default gen_random_uuid(),
  cooperative_id uuid not null references public.cooperatives (id) on delete restrict,
  account_id uuid not null references public.ledger_accounts (id) on delete restrict,
  amount_fen bigint not null check (amount_fen > 0),
  method text not null check (method in ('stripe_transfer', 'offline')),
  receipt_note text not null default '',
  stripe_transfer_id text unique,
  posting_id uuid unique references public.ledger_postings (id) on delete restrict,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index payouts_cooperative_idx on public.payouts (cooperative_id, created_at);

-- Webhook and demo-provider events, recorded once and processed once.
create table public.payment_events (
  id text primary key,
  provider text not null check (provider in ('demo', 'stripe')),
  type text not null,
  order_id uuid references public.orders (id) on delete restrict,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
