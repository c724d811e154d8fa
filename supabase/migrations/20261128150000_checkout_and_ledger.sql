-- Checkout: visitor carts under RLS, atomic order placement with stock reservation,
-- expiry of unpaid orders, refunds, and the order owner's view of its ledger postings.
--
-- Request claims (request.jwt.claims) used here, set by the app per request:
--   visitor: sha256 of the visitor's cookie token (guest carts and orders)
--   order:   an order id whose signed link the server verified

-- The accounts every posting needs exist whether or not demo data is seeded.
insert into public.ledger_accounts (kind) select k from unnest(array['platform', 'payments_clearing', 'payouts_clearing']) k
  where not exists (select 1 from public.ledger_accounts a where a.kind = k);

create index orders_contact_phone_idx on public.orders (contact_phone);
create index cart_items_product_idx on public.cart_items (product_id);
create unique index carts_user_uniq on public.carts (user_id) where user_id is not null;

-- ---------------------------------------------------------------------------
-- Refunds (whole or partial); the id doubles as the idempotency key
-- ---------------------------------------------------------------------------
create table public.refunds (
  id uuid primary key,
  order_id uuid not null references public.orders (id) on delete restrict,
  amount_fen bigint not null check (amount_fen > 0),
  restock boolean not null default false,
  reason text not null default '',
  posting_id uuid not null unique references public.ledger_postings (id) on delete restrict,
  provider_refund_id text unique,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index refunds_order_idx on public.refunds (order_id);

create table public.refund_items (
  refund_id uuid not null references public.refunds (id) on delete restrict,
  order_item_id uuid not null references public.order_items (id) on delete restrict,
  quantity int not null check (quantity > 0),
  amount_fen bigint not null check (amount_fen > 0),
  primary key (refund_id, order_item_id)
);

alter table public.refunds enable row level security;
alter table public.refund_items enable row level security;
grant all on public.refunds, public.refund_items to service_role;

-- ---------------------------------------------------------------------------
-- Who may see what: carts and orders by their owner
-- ---------------------------------------------------------------------------
create function app_private.request_claim(name text) returns text
  language sql stable set search_path = ''
  as $$ select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> name, '') $$;

-- One definition of "this request owns the order": signed-in buyer, the guest's visitor
-- token, or a verified signed link.
create function app_private.is_order_owner(p_buyer uuid, p_access_hash text, p_order_id uuid) returns boolean
  language sql stable set search_path = ''
  as $$
    select (p_buyer is not null and p_buyer = auth.uid())
        or (p_access_hash is not null and p_access_hash = app_private.request_claim('visitor'))
        or (p_order_id::text = app_private.request_claim('order'))
  $$;
revoke all on function app_private.request_claim(text), app_private.is_order_owner(uuid, text, uuid) from public;
grant usage on schema app_private to anon, authenticated;
grant execute on function app_private.request_claim(text), app_private.is_order_owner(uuid, text, uuid)
  to anon, authenticated, service_role;

grant select, insert, update, delete on public.carts, public.cart_items to anon, authenticated;
create policy carts_owner on public.carts for all to anon, authenticated
  using ((visitor_token_hash = app_private.request_claim('visitor')) or (user_id = auth.uid()))
  with check ((visitor_token_hash = app_private.request_claim('visitor')) or (user_id = auth.uid()));
create policy cart_items_owner on public.cart_items for all to anon, authenticated
  using (exists (select 1 from public.carts c where c.id = cart_id))
  with check (exists (select 1 from public.carts c where c.id = cart_id));

drop policy orders_buyer_read on public.orders;
drop policy order_items_buyer_read on public.order_items;
grant select on public.orders, public.order_items to anon;
create policy orders_owner_read on public.orders for select to anon, authenticated
  using (app_private.is_order_owner(buyer_user_id, access_token_hash, id));
create policy order_items_owner_read on public.order_items for select to anon, authenticated
  using (exists (select 1 from public.orders o where o.id = order_id));

-- The buyer sees the postings of their own order (the split made visible).
grant select on public.ledger_postings, public.ledger_lines, public.ledger_accounts to anon, authenticated;
create policy ledger_postings_order_owner_read on public.ledger_postings for select to anon, authenticated
  using (order_id is not null and exists (select 1 from public.orders o where o.id = order_id));
create policy ledger_lines_order_owner_read on public.ledger_lines for select to anon, authenticated
  using (exists (select 1 from public.ledger_postings p where p.id = posting_id));
create policy ledger_accounts_order_owner_read on public.ledger_accounts for select to anon, authenticated
  using (exists (select 1 from public.ledger_lines l where l.account_id = ledger_accounts.id));

-- ---------------------------------------------------------------------------
-- Placing an order: one statement from the app, atomic in the database
-- ---------------------------------------------------------------------------
-- Error codes (SQLSTATE, class HL) the app turns into clear messages:
--   HL001 cart empty · HL002 product unavailable · HL003 per-buyer limit · HL004 sold out
--   HL005 bad reservation window
-- Stock is decremented last, in product-id order: the hot row's lock is held only from
-- the decrement to commit, and carts with several products cannot deadlock.
create function public.place_order(
  p_contact_name text,
  p_contact_phone text,
  p_province text,
  p_city text,
  p_district text,
  p_address_line text,
  p_locale text,
  p_reservation_minutes int
) returns table (order_id uuid, total_fen bigint)
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  v_visitor text := app_private.request_claim('visitor');
  v_buyer uuid := auth.uid();
  v_cart_id uuid;
  v_order_id uuid;
  v_item record;
  v_already int;
  v_short text[] := '{}';
  v_updated int;
  v_total bigint;
  v_product_ids uuid[];
  v_quantities int[];
begin
  if p_reservation_minutes is null or p_reservation_minutes not between 1 and 1440 then
    raise exception 'reservation window must be 1..1440 minutes' using errcode = 'HL005';
  end if;

  select c.id into v_cart_id from public.carts c
   where (v_buyer is not null and c.user_id = v_buyer)
      or (v_visitor is not null and c.visitor_token_hash = v_visitor)
   order by c.user_id nulls last
   limit 1;
  if v_cart_id is null or not exists (select 1 from public.cart_items where cart_id = v_cart_id) then
    raise exception 'the cart is empty' using errcode = 'HL001';
  end if;

  -- Cheap early answer for a sold-out flash sale: most buyers after the last unit stop
  -- here, before writing anything. (Only an optimisation: the conditional decrement at the
  -- end is what guarantees no oversell.)
  select coalesce(array_agg(ci.product_id::text order by ci.product_id), '{}') into v_short
    from public.cart_items ci join public.product_stock s on s.product_id = ci.product_id
   where ci.cart_id = v_cart_id and s.stock < ci.quantity;
  if cardinality(v_short) > 0 then
    raise exception 'sold out' using errcode = 'HL004', detail = array_to_string(v_short, ',');
  end if;

  -- Every line must still be on sale and within its per-order limit.
  for v_item in
    select ci.product_id, ci.quantity, p.status, p.per_buyer_limit, c.status as coop_status
      from public.cart_items ci
      left join public.products p on p.id = ci.product_id
      left join public.cooperatives c on c.id = p.cooperative_id
     where ci.cart_id = v_cart_id
  loop
    if v_item.status is distinct from 'active' or v_item.coop_status is distinct from 'active' then
      raise exception 'product is not on sale' using errcode = 'HL002', detail = v_item.product_id::text;
    end if;
    if v_item.per_buyer_limit is not null then
      -- per buyer = per contact phone, across this buyer's live orders; serialised per phone
      perform pg_advisory_xact_lock(hashtext('buyer-limit:' || p_contact_phone));
      select coalesce(sum(oi.quantity - oi.refunded_quantity), 0) into v_already
        from public.order_items oi join public.orders o on o.id = oi.order_id
       where o.contact_phone = p_contact_phone and oi.product_id = v_item.product_id
         and o.status in ('pending_payment', 'paid', 'fulfilled', 'partially_refunded');
      if v_already + v_item.quantity > v_item.per_buyer_limit then
        raise exception 'per-buyer limit exceeded' using errcode = 'HL003',
          detail = v_item.product_id::text || ':' || greatest(v_item.per_buyer_limit - v_already, 0);
      end if;
    end if;
  end loop;

  -- The total is set from the inserted items below (one read of each price).
  insert into public.orders (buyer_user_id, access_token_hash, subtotal_fen, shipping_fen, total_fen,
      contact_name, contact_phone, province, city, district, address_line, locale, reserved_until)
  values (v_buyer, v_visitor, 0, 0, 0, p_contact_name, p_contact_phone, p_province, p_city,
          p_district, p_address_line, p_locale, now() + make_interval(mins => p_reservation_minutes))
  returning id into v_order_id;

  -- Price, titles and the split rule in force are copied onto each item, for good.
  insert into public.order_items (order_id, product_id, cooperative_id, household_id, live_session_id,
      streamer_user_id, title_zh, title_en, unit, unit_price_fen, quantity, line_total_fen,
      split_household_bp, split_collective_bp, split_streamer_bp, split_platform_bp)
  select v_order_id, p.id, p.cooperative_id, p.household_id, s.id, s.host_user_id, p.title_zh, p.title_en,
         p.unit, p.price_fen, ci.quantity, p.price_fen * ci.quantity,
         r.household_bp, r.collective_bp, r.streamer_bp, r.platform_bp
    from public.cart_items ci
    join public.products p on p.id = ci.product_id
    -- attribute to the session the item was added from, if it sold this cooperative's goods
    left join public.live_sessions s on s.id = ci.live_session_id and s.cooperative_id = p.cooperative_id
         and s.status in ('live', 'ended')
    cross join lateral (
      select sr.household_bp, sr.collective_bp, sr.streamer_bp, sr.platform_bp
        from public.split_rules sr
       where sr.cooperative_id = p.cooperative_id and (sr.product_id = p.id or sr.product_id is null)
       order by sr.product_id nulls last
       limit 1
    ) r
   where ci.cart_id = v_cart_id;

  -- A line without a split rule in force would be dropped above: refuse the order instead.
  if (select count(*) from public.order_items oi where oi.order_id = v_order_id)
     <> (select count(*) from public.cart_items ci where ci.cart_id = v_cart_id) then
    raise exception 'a product has no split rule in force' using errcode = 'HL002',
      detail = (select ci.product_id::text from public.cart_items ci
                 where ci.cart_id = v_cart_id
                   and not exists (select 1 from public.order_items oi
                                    where oi.order_id = v_order_id and oi.product_id = ci.product_id) limit 1);
  end if;
  update public.orders o set subtotal_fen = t.total, total_fen = t.total
    from (select sum(oi.line_total_fen)::bigint as total from public.order_items oi where oi.order_id = v_order_id) t
   where o.id = v_order_id
  returning o.total_fen into v_total;

  -- Empty the cart before reserving, so that nothing but the commit follows the
  -- reservation (the rollback of a refusal restores the cart).
  with emptied as (
    delete from public.cart_items where cart_id = v_cart_id returning product_id, quantity
  )
  select array_agg(e.product_id order by e.product_id), array_agg(e.quantity order by e.product_id)
    into v_product_ids, v_quantities from emptied e;

  -- Reserve stock last (see above). Collect every short line so the buyer hears about all.
  for v_item in
    select x.product_id, x.quantity from unnest(v_product_ids, v_quantities) as x (product_id, quantity)
  loop
    update public.product_stock set stock = stock - v_item.quantity, updated_at = now()
     where product_id = v_item.product_id and stock >= v_item.quantity;
    get diagnostics v_updated = row_count;
    if v_updated = 0 then
      v_short := v_short || v_item.product_id::text;
    end if;
  end loop;
  if cardinality(v_short) > 0 then
    raise exception 'sold out' using errcode = 'HL004', detail = array_to_string(v_short, ',');
  end if;

  return query select v_order_id, v_total;
end
$$;
revoke all on function public.place_order(text, text, text, text, text, text, text, int) from public;
grant execute on function public.place_order(text, text, text, text, text, text, text, int) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Cancelling unpaid orders returns their reserved stock
-- ---------------------------------------------------------------------------
create function app_private.cancel_pending_orders(p_order_ids uuid[]) returns int
  language plpgsql
  set search_path = ''
  as $$
declare
  v_cancelled uuid[];
begin
  with locked as (
    select id from public.orders
     where id = any (p_order_ids) and status = 'pending_payment'
     for update skip locked
  ), cancelled as (
    update public.orders o set status = 'cancelled', cancelled_at = now(), updated_at = now()
      from locked where o.id = locked.id
    returning o.id
  )
  select coalesce(array_agg(id), '{}') into v_cancelled from cancelled;

  update public.product_stock s set stock = s.stock + x.quantity, updated_at = now()
    from (select product_id, sum(quantity)::int as quantity from public.order_items
           where order_id = any (v_cancelled) group by product_id) x
   where s.product_id = x.product_id;
  return cardinality(v_cancelled);
end
$$;

-- The job: any app instance may run it; skip locked makes concurrent runs safe.
create function public.expire_unpaid_orders(p_now timestamptz default now()) returns int
  language sql
  security definer
  set search_path = ''
  as $$
    select app_private.cancel_pending_orders(coalesce(array_agg(id), '{}'))
      from public.orders where status = 'pending_payment' and reserved_until <= p_now
  $$;
revoke all on function public.expire_unpaid_orders(timestamptz) from public;
grant execute on function public.expire_unpaid_orders(timestamptz) to service_role;

-- The buyer cancels their own unpaid order.
create function public.cancel_my_order(p_order_id uuid) returns boolean
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  if not exists (select 1 from public.orders o
                  where o.id = p_order_id
                    and app_private.is_order_owner(o.buyer_user_id, o.access_token_hash, o.id)) then
    return false;
  end if;
  return app_private.cancel_pending_orders(array[p_order_id]) = 1;
end
$$;
revoke all on function public.cancel_my_order(uuid) from public;
grant execute on function public.cancel_my_order(uuid) to anon, authenticated, service_role;

-- app_private is reachable by the API roles only for the helpers granted above.
revoke all on function app_private.cancel_pending_orders(uuid[]) from public;
revoke all on function app_private.check_posting_balanced() from public;
revoke all on function app_private.check_posting_has_lines() from public;
revoke all on function app_private.refuse_ledger_mutation() from public;
alter default privileges in schema app_private revoke execute on functions from public;
