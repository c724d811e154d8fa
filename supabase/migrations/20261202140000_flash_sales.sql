-- Flash sales during a live session (issue 9, item 4).
--
-- The host offers the pinned product at a flash price: N units, an optional per-buyer
-- limit, for a countdown. The database enforces all of it where the order is placed
-- (public.place_order): a cart line added from the session, checked out while the window is
-- open, gets the flash price frozen on its order item (and so the split uses it) and takes
-- its units from the allotment by a conditional update of the flash sale's row, the same
-- way stock is reserved; past the allotment the buyer is told "sold out". The last unit
-- ends the sale (reason sold-out); time and the host end it too. Units of unpaid orders
-- that expire or are cancelled go back to the allotment. Every change is a stored live
-- event (flash.start, units-left, flash.end), so every viewer on every instance sees the
-- same units left and the same end; paid orders from a session add an anonymised `sale`
-- to the ticker (a city at most).

create table public.flash_sales (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.live_sessions (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete cascade,
  price_fen bigint not null check (price_fen > 0),
  units_offered int not null check (units_offered between 1 and 100000),
  -- units held by orders that are not cancelled (so expiry can give them back)
  units_sold int not null default 0,
  per_buyer_limit int check (per_buyer_limit is null or per_buyer_limit between 1 and 99),
  starts_at timestamptz not null default now(),
  ends_at timestamptz not null,
  ended_at timestamptz,
  end_reason text check (end_reason in ('time', 'sold-out', 'host')),
  started_by uuid references auth.users (id) on delete set null,
  check (units_sold between 0 and units_offered),
  check (ends_at > starts_at),
  check ((ended_at is null) = (end_reason is null))
);
-- One open flash sale per session at a time: the host runs one countdown.
create unique index flash_sales_one_open_per_session on public.flash_sales (session_id) where ended_at is null;
create index flash_sales_session_idx on public.flash_sales (session_id, starts_at);

alter table public.flash_sales enable row level security;
create policy flash_sales_public_read on public.flash_sales
  for select to anon, authenticated
  using (exists (select 1 from public.live_sessions s where s.id = session_id and s.status <> 'cancelled'));

-- The flash sale an order item was sold under (its price is the flash price).
alter table public.order_items add column flash_sale_id uuid references public.flash_sales (id) on delete restrict;
create index order_items_flash_sale_idx on public.order_items (flash_sale_id) where flash_sale_id is not null;

-- The open flash sale of a session on a product, if its window is open now.
create function app_private.open_flash_sale(p_session_id uuid, p_product_id uuid) returns public.flash_sales
  language sql stable set search_path = ''
  as $$
  select f.* from public.flash_sales f
   where f.session_id = p_session_id and f.product_id = p_product_id
     and f.ended_at is null and f.starts_at <= now() and now() < f.ends_at
$$;

-- The flash sale a cart line was added under. Set by the database (clients cannot choose it):
-- a line added or changed from a live session while a flash sale of that product is open
-- carries it, so a buyer who checks out after the last unit went is told "sold out" rather
-- than silently charged the regular price. Any other change clears it.
alter table public.cart_items add column flash_sale_id uuid references public.flash_sales (id) on delete set null;

create function app_private.tag_cart_flash_sale() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  new.flash_sale_id := (
    select f.id from public.live_sessions s, app_private.open_flash_sale(s.id, new.product_id) f
     where s.id = new.live_session_id and s.status = 'live');
  return new;
end
$$;

create trigger cart_items_tag_flash_sale before insert or update on public.cart_items
  for each row execute function app_private.tag_cart_flash_sale();

-- Ends a session's open flash sale (if any) with the reason, writing flash.end. Returns the event id.
create function app_private.close_open_flash_sale(p_session_id uuid, p_reason text) returns bigint
  language plpgsql volatile set search_path = ''
  as $$
declare
  v_sale public.flash_sales;
begin
  update public.flash_sales set ended_at = now(), end_reason = p_reason
   where session_id = p_session_id and ended_at is null
  returning * into v_sale;
  if v_sale.id is null then
    return null;
  end if;
  return (app_private.append_live_event(p_session_id, 'flash.end',
    jsonb_build_object('flashSaleId', v_sale.id, 'productId', v_sale.product_id, 'reason', p_reason))).id;
end
$$;

-- Starts a flash sale on the session's pinned product. Answers {ok, flashSaleId, eventId}
-- or {ok: false, reason}. Rights: the session's host or its cooperative's admins.
create function public.start_flash_sale(p_session_id uuid, p_product_id uuid, p_price_fen bigint, p_units int,
                                        p_per_buyer_limit int, p_duration_seconds int) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_session public.live_sessions;
  v_product record;
  v_sale public.flash_sales;
  v_event public.live_events;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if v_session.status <> 'live' then
    return jsonb_build_object('ok', false, 'reason', 'not_live');
  end if;
  if v_session.pinned_product_id is distinct from p_product_id then
    return jsonb_build_object('ok', false, 'reason', 'not_pinned');
  end if;
  -- The stock row is locked so the units offered are really there when the sale opens.
  select p.price_fen, st.stock into v_product
    from public.products p join public.product_stock st on st.product_id = p.id
   where p.id = p_product_id and p.status = 'active'
     for update of st;
  if not found then
    return jsonb_build_object('ok', false, 'reason', 'not_pinned');
  end if;
  if p_price_fen is null or p_price_fen < 1 or p_price_fen >= v_product.price_fen then
    return jsonb_build_object('ok', false, 'reason', 'price_not_lower');
  end if;
  if p_units is null or p_units < 1 or p_units > 100000 then
    return jsonb_build_object('ok', false, 'reason', 'bad_units');
  end if;
  if p_units > v_product.stock then
    return jsonb_build_object('ok', false, 'reason', 'not_enough_stock', 'stock', v_product.stock);
  end if;
  if p_per_buyer_limit is not null and p_per_buyer_limit not between 1 and 99 then
    return jsonb_build_object('ok', false, 'reason', 'bad_limit');
  end if;
  if p_duration_seconds is null or p_duration_seconds not between 10 and 3600 then
    return jsonb_build_object('ok', false, 'reason', 'bad_duration');
  end if;
  -- A sale whose countdown ran out but that no job has closed yet ends now, by time.
  if exists (select 1 from public.flash_sales where session_id = v_session.id and ended_at is null and ends_at <= now()) then
    perform app_private.close_open_flash_sale(v_session.id, 'time');
  end if;
  if exists (select 1 from public.flash_sales where session_id = v_session.id and ended_at is null) then
    return jsonb_build_object('ok', false, 'reason', 'flash_running');
  end if;

  insert into public.flash_sales (session_id, product_id, price_fen, units_offered, per_buyer_limit, ends_at, started_by)
  values (v_session.id, p_product_id, p_price_fen, p_units, p_per_buyer_limit,
          now() + make_interval(secs => p_duration_seconds), auth.uid())
  returning * into v_sale;
  v_event := app_private.append_live_event(v_session.id, 'flash.start', jsonb_build_object(
    'flashSaleId', v_sale.id, 'productId', v_sale.product_id, 'priceFen', v_sale.price_fen,
    'units', v_sale.units_offered, 'perBuyerLimit', v_sale.per_buyer_limit, 'endsAt', v_sale.ends_at));
  return jsonb_build_object('ok', true, 'flashSaleId', v_sale.id, 'eventId', v_event.id);
end
$$;

-- The host (or an admin) ends the session's open flash sale early.
create function public.end_flash_sale(p_session_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_session public.live_sessions;
  v_event_id bigint;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  v_event_id := app_private.close_open_flash_sale(v_session.id, 'host');
  return jsonb_build_object('ok', true, 'repeated', v_event_id is null, 'eventId', v_event_id);
end
$$;

-- Closes every flash sale whose countdown has run out (the expiry job, every instance:
-- rows another run holds are skipped). Answers [{sessionId, eventId}] for the realtime port.
create function public.end_expired_flash_sales() returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_sale record;
  v_ended jsonb := '[]'::jsonb;
begin
  for v_sale in
    select f.session_id from public.flash_sales f
     where f.ended_at is null and f.ends_at <= now()
     for update skip locked
  loop
    -- The session's one open sale (a unique index), the row locked above.
    v_ended := v_ended || jsonb_build_object('sessionId', v_sale.session_id, 'eventId',
      app_private.close_open_flash_sale(v_sale.session_id, 'time'));
  end loop;
  return v_ended;
end
$$;

-- ---------------------------------------------------------------------------
-- Placing an order: as before (20261128150000_checkout_and_ledger.sql), plus flash sales.
-- ---------------------------------------------------------------------------
create or replace function public.place_order(p_contact_name text, p_contact_phone text, p_province text, p_city text,
    p_district text, p_address_line text, p_locale text, p_reservation_minutes integer)
  returns table (order_id uuid, total_fen bigint)
  language plpgsql security definer set search_path = ''
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
  v_sale public.flash_sales;
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

  -- Cheap early answer for a sold-out product or flash allotment: most buyers after the
  -- last unit stop here, before writing anything. (Only an optimisation: the conditional
  -- updates at the end are what guarantee no oversell.)
  -- A line added under a flash sale that has since sold out is sold out too.
  select coalesce(array_agg(ci.product_id::text order by ci.product_id), '{}') into v_short
    from public.cart_items ci join public.product_stock s on s.product_id = ci.product_id
    left join lateral app_private.open_flash_sale(ci.live_session_id, ci.product_id) f on ci.live_session_id is not null
    left join public.flash_sales tagged on tagged.id = ci.flash_sale_id
   where ci.cart_id = v_cart_id
     and (s.stock < ci.quantity
          or (f.id is not null and f.units_sold + ci.quantity > f.units_offered)
          or (f.id is null and tagged.end_reason = 'sold-out'));
  if cardinality(v_short) > 0 then
    raise exception 'sold out' using errcode = 'HL004', detail = array_to_string(v_short, ',');
  end if;

  -- Every line must still be on sale and within its per-order limit (a flash sale's own
  -- limit, counted over that sale, replaces the product's while the sale is open).
  for v_item in
    select ci.product_id, ci.quantity, p.status, p.per_buyer_limit, c.status as coop_status,
           f.id as flash_sale_id, f.per_buyer_limit as flash_limit
      from public.cart_items ci
      left join public.products p on p.id = ci.product_id
      left join public.cooperatives c on c.id = p.cooperative_id
      left join public.live_sessions s on s.id = ci.live_session_id and s.cooperative_id = p.cooperative_id and s.status = 'live'
      left join lateral app_private.open_flash_sale(s.id, ci.product_id) f on s.id is not null
     where ci.cart_id = v_cart_id
  loop
    if v_item.status is distinct from 'active' or v_item.coop_status is distinct from 'active' then
      raise exception 'product is not on sale' using errcode = 'HL002', detail = v_item.product_id::text;
    end if;
    if v_item.flash_sale_id is not null and v_item.flash_limit is not null then
      perform pg_advisory_xact_lock(hashtext('flash-limit:' || v_item.flash_sale_id::text || ':' || p_contact_phone));
      select coalesce(sum(oi.quantity), 0) into v_already
        from public.order_items oi join public.orders o on o.id = oi.order_id
       where oi.flash_sale_id = v_item.flash_sale_id and o.contact_phone = p_contact_phone
         and o.status <> 'cancelled';
      if v_already + v_item.quantity > v_item.flash_limit then
        raise exception 'per-buyer limit exceeded' using errcode = 'HL003',
          detail = v_item.product_id::text || ':' || greatest(v_item.flash_limit - v_already, 0);
      end if;
    elsif v_item.per_buyer_limit is not null then
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

  -- Price (the flash price inside an open flash sale of the session the line came from),
  -- titles and the split rule in force are copied onto each item, for good.
  insert into public.order_items (order_id, product_id, cooperative_id, household_id, live_session_id,
      streamer_user_id, title_zh, title_en, unit, unit_price_fen, quantity, line_total_fen,
      split_household_bp, split_collective_bp, split_streamer_bp, split_platform_bp, flash_sale_id)
  select v_order_id, p.id, p.cooperative_id, p.household_id, s.id, s.host_user_id, p.title_zh, p.title_en,
         p.unit, coalesce(f.price_fen, p.price_fen), ci.quantity, coalesce(f.price_fen, p.price_fen) * ci.quantity,
         r.household_bp, r.collective_bp, r.streamer_bp, r.platform_bp, f.id
    from public.cart_items ci
    join public.products p on p.id = ci.product_id
    -- attribute to the session the item was added from, if it sold this cooperative's goods
    left join public.live_sessions s on s.id = ci.live_session_id and s.cooperative_id = p.cooperative_id
         and s.status in ('live', 'ended')
    left join lateral app_private.open_flash_sale(s.id, p.id) f on s.status = 'live'
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

  -- A line added under a flash sale that sold out after the early check got the regular
  -- price above: it is sold out. The row is locked (shared) so a sale selling its last unit
  -- right now is seen as it commits.
  select v_short || coalesce(array_agg(x.product_id::text order by x.product_id), '{}') into v_short
    from (select ci.product_id, f.end_reason
            from public.cart_items ci
            join public.order_items oi on oi.order_id = v_order_id and oi.product_id = ci.product_id and oi.flash_sale_id is null
            join public.flash_sales f on f.id = ci.flash_sale_id
           where ci.cart_id = v_cart_id
             for share of f) x
   where x.end_reason = 'sold-out';

  -- Empty the cart before reserving, so that nothing but the commit follows the
  -- reservation (the rollback of a refusal restores the cart).
  with emptied as (
    delete from public.cart_items where cart_id = v_cart_id returning product_id, quantity
  )
  select array_agg(e.product_id order by e.product_id), array_agg(e.quantity order by e.product_id)
    into v_product_ids, v_quantities from emptied e;

  -- Flash allotments first, then stock, always in this order (no deadlock between buyers).
  -- The window is checked again on the locked row: a sale the host ended meanwhile sells nothing.
  for v_item in
    select oi.flash_sale_id, oi.product_id, oi.live_session_id, sum(oi.quantity)::int as quantity
      from public.order_items oi where oi.order_id = v_order_id and oi.flash_sale_id is not null
     group by 1, 2, 3 order by 1
  loop
    update public.flash_sales set units_sold = units_sold + v_item.quantity
     where id = v_item.flash_sale_id and ended_at is null and now() < ends_at
       and units_sold + v_item.quantity <= units_offered
    returning * into v_sale;
    if v_sale.id is null then
      v_short := v_short || v_item.product_id::text;
      continue;
    end if;
    perform app_private.append_live_event(v_item.live_session_id, 'units-left', jsonb_build_object(
      'productId', v_item.product_id, 'flashSaleId', v_sale.id, 'unitsLeft', v_sale.units_offered - v_sale.units_sold));
    if v_sale.units_sold = v_sale.units_offered then
      perform app_private.close_open_flash_sale(v_item.live_session_id, 'sold-out');
    end if;
  end loop;

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

-- Cancelled or expired unpaid orders give back their stock (as before) and their flash
-- units; viewers of a sale still open see the new count.
create or replace function app_private.cancel_pending_orders(p_order_ids uuid[]) returns int
  language plpgsql
  set search_path = ''
  as $$
declare
  v_cancelled uuid[];
  v_sale record;
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

  for v_sale in
    update public.flash_sales f set units_sold = greatest(f.units_sold - x.quantity, 0)
      from (select flash_sale_id, sum(quantity)::int as quantity from public.order_items
             where order_id = any (v_cancelled) and flash_sale_id is not null group by flash_sale_id) x
     where f.id = x.flash_sale_id
    returning f.id, f.session_id, f.product_id, f.units_offered - f.units_sold as units_left, f.ended_at
  loop
    if v_sale.ended_at is null then
      perform app_private.append_live_event(v_sale.session_id, 'units-left', jsonb_build_object(
        'productId', v_sale.product_id, 'flashSaleId', v_sale.id, 'unitsLeft', v_sale.units_left));
    end if;
  end loop;

  update public.product_stock s set stock = least(s.stock + x.quantity, 1000000), updated_at = now()
    from (select product_id, sum(quantity)::int as quantity from public.order_items
           where order_id = any (v_cancelled) group by product_id) x
   where s.product_id = x.product_id;
  return cardinality(v_cancelled);
end
$$;

-- ---------------------------------------------------------------------------
-- The sales ticker: a paid order from a live session tells its viewers, anonymised.
-- ---------------------------------------------------------------------------
create function app_private.announce_live_sale() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
declare
  v_item record;
  v_city text := nullif(left(btrim(coalesce(new.city, '')), 20), '');
begin
  for v_item in
    select oi.live_session_id, oi.product_id, oi.unit, sum(oi.quantity)::int as quantity
      from public.order_items oi join public.live_sessions s on s.id = oi.live_session_id and s.status = 'live'
     where oi.order_id = new.id
     group by 1, 2, 3 order by 1, 2
  loop
    perform app_private.append_live_event(v_item.live_session_id, 'sale', jsonb_build_object(
      'productId', v_item.product_id, 'quantity', v_item.quantity, 'unit', v_item.unit,
      'cityZh', v_city, 'cityEn', v_city));
  end loop;
  return null;
end
$$;

create trigger orders_announce_live_sale after update of status on public.orders
  for each row when (old.status = 'pending_payment' and new.status = 'paid')
  execute function app_private.announce_live_sale();

-- A session that stops being live ends its flash sale (however it was ended: the studio's
-- end, an admin's cancel), so no flash price outlives the broadcast.
create function app_private.end_flash_sale_with_session() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  perform app_private.close_open_flash_sale(new.id, 'host');
  return null;
end
$$;

create trigger live_sessions_end_flash_sale after update of status on public.live_sessions
  for each row when (old.status = 'live' and new.status <> 'live')
  execute function app_private.end_flash_sale_with_session();

-- ---------------------------------------------------------------------------
-- Exact privileges (20261201120000_exact_privileges.sql): revoke first, then grant.
-- ---------------------------------------------------------------------------
revoke all on table public.flash_sales from public, anon, authenticated, service_role;
revoke all on function
  app_private.open_flash_sale(uuid, uuid),
  app_private.close_open_flash_sale(uuid, text),
  app_private.announce_live_sale(),
  app_private.tag_cart_flash_sale(),
  app_private.end_flash_sale_with_session(),
  public.start_flash_sale(uuid, uuid, bigint, int, int, int),
  public.end_flash_sale(uuid),
  public.end_expired_flash_sales()
  from public, anon, authenticated, service_role;

-- Read by anyone for a public session (RLS above); written only by the functions.
grant select on table public.flash_sales to anon, authenticated, service_role;
grant execute on function public.start_flash_sale(uuid, uuid, bigint, int, int, int), public.end_flash_sale(uuid) to authenticated;
grant execute on function public.end_expired_flash_sales() to service_role;
