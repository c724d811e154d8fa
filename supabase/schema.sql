-- The current schema, grants and row-level security policies, as the migrations in
-- supabase/migrations leave them on a fresh Postgres database. Generated: do not edit.
-- Regenerate with `npm run schema:dump` (needs a Postgres server, e.g. TEST_DATABASE_URL);
-- CI fails when this file and a fresh migration disagree.

--
-- PostgreSQL database dump
--

--
-- Name: app_private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app_private;

--
-- Name: auth; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA auth;

--
-- Name: extensions; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA extensions;

--
-- Name: active_coop_array(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.active_coop_array() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return coalesce((select array_agg(c.id) from public.cooperatives c where c.status = 'active'), '{}');
end
$$;

--
-- Name: admin_account_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.admin_account_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select a.id from public.ledger_accounts a
    where a.cooperative_id in (select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = 'admin');
end
$$;

--
-- Name: admin_coop_array(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.admin_coop_array() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return coalesce((select array_agg(m.cooperative_id) from public.memberships m where m.user_id = auth.uid() and m.role = 'admin'), '{}');
end
$$;

--
-- Name: admin_coop_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.admin_coop_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = 'admin';
end
$$;

--
-- Name: admin_order_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.admin_order_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select distinct oi.order_id from public.order_items oi
    where oi.cooperative_id in (select app_private.admin_coop_ids());
end
$$;

--
-- Name: allocate_split(bigint, integer, integer, integer, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.allocate_split(p_total bigint, p_household integer, p_collective integer, p_streamer integer, p_platform integer) RETURNS TABLE(party text, party_order integer, amount bigint)
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
    with parts as (
      select s.party, s.party_order::int as party_order,
             (p_total * s.bp) / 10000 as base, (p_total * s.bp) % 10000 as remainder
        from unnest(array['household', 'collective', 'streamer', 'platform'],
                    array[p_household, p_collective, p_streamer, p_platform]::bigint[])
             with ordinality as s (party, bp, party_order)
    ), ranked as (
      select parts.*, row_number() over (order by remainder desc, party_order) as rank,
             p_total - sum(base) over () as leftover
        from parts
    )
    select party, party_order, (base + case when remainder > 0 and rank <= leftover then 1 else 0 end)::bigint
      from ranked order by party_order
  $$;

--
-- Name: announce_live_sale(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.announce_live_sale() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: live_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_events (
    id bigint NOT NULL,
    session_id uuid NOT NULL,
    type text NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT live_events_payload_check CHECK (((jsonb_typeof(payload) = 'object'::text) AND (octet_length((payload)::text) <= 4096))),
    CONSTRAINT live_events_type_check CHECK ((type = ANY (ARRAY['pin'::text, 'unpin'::text, 'flash.start'::text, 'flash.end'::text, 'units-left'::text, 'sale'::text, 'chat'::text, 'chat.hidden'::text, 'session'::text])))
);

--
-- Name: append_live_event(uuid, text, jsonb); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.append_live_event(p_session_id uuid, p_type text, p_payload jsonb) RETURNS public.live_events
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_event public.live_events;
begin
  perform pg_advisory_xact_lock(hashtextextended('live_events:' || p_session_id::text, 0));
  insert into public.live_events (session_id, type, payload)
  values (p_session_id, p_type, coalesce(p_payload, '{}'::jsonb))
  returning * into v_event;
  return v_event;
end
$$;

--
-- Name: apply_account_updated(text, boolean, boolean, boolean, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.apply_account_updated(p_account_id text, p_payouts_enabled boolean, p_charges_enabled boolean, p_details_submitted boolean, p_created timestamp with time zone) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.stripe_connected_accounts s
     set payouts_enabled = p_payouts_enabled, charges_enabled = p_charges_enabled,
         details_submitted = p_details_submitted, stripe_updated_at = p_created, updated_at = now()
   where s.id = p_account_id and (s.stripe_updated_at is null or s.stripe_updated_at <= p_created);
  if found then
    return 'updated';
  end if;
  return case when exists (select 1 from public.stripe_connected_accounts s where s.id = p_account_id) then 'stale' else 'unknown_account' end;
end
$$;

--
-- Name: cancel_pending_orders(uuid[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.cancel_pending_orders(p_order_ids uuid[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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

--
-- Name: chat_author_name(text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.chat_author_name(p_display_name text, p_email text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
declare
  v_name text := btrim(regexp_replace(coalesce(p_display_name, ''), '[\u0001-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]', '', 'g'));
begin
  if v_name = '' or position('@' in v_name) > 0 or lower(v_name) = lower(split_part(coalesce(p_email, ''), '@', 1)) then
    return '';
  end if;
  v_name := left(v_name, 40);
  while char_length(v_name) + (select count(*) from regexp_split_to_table(v_name, '') c where octet_length(c) = 4) > 40 loop
    v_name := left(v_name, -1);
  end loop;
  return v_name;
end
$$;

--
-- Name: check_posting_balanced(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_posting_balanced() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: check_posting_has_lines(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_posting_has_lines() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if not exists (select 1 from public.ledger_lines where posting_id = new.id) then
    raise exception 'ledger posting % has no lines', new.id using errcode = '23514';
  end if;
  return null;
end
$$;

--
-- Name: close_open_flash_sale(uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.close_open_flash_sale(p_session_id uuid, p_reason text) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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

--
-- Name: live_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    cooperative_id uuid NOT NULL,
    host_user_id uuid NOT NULL,
    title_zh text NOT NULL,
    title_en text NOT NULL,
    description_zh text DEFAULT ''::text NOT NULL,
    description_en text DEFAULT ''::text NOT NULL,
    status text DEFAULT 'scheduled'::text NOT NULL,
    scheduled_start timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    ended_at timestamp with time zone,
    playback_url text,
    replay_url text,
    poster_image text,
    pinned_product_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT live_sessions_check CHECK (((ended_at IS NULL) OR (started_at IS NULL) OR (ended_at >= started_at))),
    CONSTRAINT live_sessions_status_check CHECK ((status = ANY (ARRAY['scheduled'::text, 'live'::text, 'ended'::text, 'cancelled'::text])))
);

--
-- Name: close_open_pin(public.live_sessions); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.close_open_pin(p_session public.live_sessions) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_pin public.live_session_pins;
begin
  update public.live_session_pins set unpinned_at = now()
   where session_id = p_session.id and unpinned_at is null
  returning * into v_pin;
  if v_pin.id is null then
    return null;
  end if;
  return (app_private.append_live_event(p_session.id, 'unpin',
    jsonb_build_object('productId', v_pin.product_id, 'pinId', v_pin.id))).id;
end
$$;

--
-- Name: close_stripe_dispute(text, uuid, text, bigint, text, text, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.close_stripe_dispute(p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_closed_at timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_dispute record;
  v_outcome text := case when p_status in ('won', 'warning_closed', 'prevented') then 'won' else 'lost' end;
  v_released integer := 0;
begin
  insert into public.stripe_disputes (id, order_id, charge_id, amount_fen, reason, stripe_status, opened_at, closed_at, outcome)
  values (p_dispute_id, p_order_id, p_charge_id, p_amount_fen, left(coalesce(p_reason, ''), 100), left(coalesce(p_status, ''), 50),
          p_closed_at, p_closed_at, v_outcome)
  on conflict (id) do nothing;
  if found then
    return 0; -- never opened here: nothing is held for it
  end if;
  update public.stripe_disputes d
     set stripe_status = left(coalesce(p_status, ''), 50), closed_at = p_closed_at, outcome = v_outcome,
         amount_fen = coalesce(p_amount_fen, d.amount_fen)
   where d.id = p_dispute_id and d.closed_at is null
  returning d.* into v_dispute;
  if not found then
    return 0;
  end if;
  update public.stripe_transfers t set status = 'pending', updated_at = now()
   where t.status = 'held'
     and (v_outcome = 'won' or t.order_id <> v_dispute.order_id)
     and t.account_id in (select l.account_id from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
                           where p.idempotency_key = 'payment:' || v_dispute.order_id::text and p.kind = 'payment')
     and not exists (
       select 1 from public.stripe_disputes d
         join public.ledger_postings p on p.idempotency_key = 'payment:' || d.order_id::text and p.kind = 'payment'
         join public.ledger_lines l on l.posting_id = p.id
        where d.closed_at is null and l.account_id = t.account_id);
  get diagnostics v_released = row_count;
  return v_released;
end
$$;

--
-- Name: coop_ids_with_role(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.coop_ids_with_role(p_role text) RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = p_role;
end
$$;

--
-- Name: end_flash_sale_with_session(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.end_flash_sale_with_session() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform app_private.close_open_flash_sale(new.id, 'host');
  return null;
end
$$;

--
-- Name: has_coop_role(uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.has_coop_role(p_cooperative_id uuid, p_role text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (select 1 from public.memberships m
                    where m.user_id = auth.uid() and m.cooperative_id = p_cooperative_id and m.role = p_role)
  $$;

--
-- Name: hide_chat_row(uuid, uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.hide_chat_row(p_session_id uuid, p_message_id uuid) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  update public.live_chat_messages set hidden_at = now(), hidden_by = auth.uid()
   where id = p_message_id and session_id = p_session_id and hidden_at is null;
  if not found then
    return null;
  end if;
  return (app_private.append_live_event(p_session_id, 'chat.hidden', jsonb_build_object('messageId', p_message_id))).id;
end
$$;

--
-- Name: is_coop_admin(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.is_coop_admin(p_cooperative_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$ select app_private.has_coop_role(p_cooperative_id, 'admin') or app_private.is_platform_admin() $$;

--
-- Name: is_media_url(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.is_media_url(p_url text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$ select p_url is not null and length(p_url) <= 2048 and p_url !~ '\s'
               and (p_url ~ '^/[^/\\]' or p_url ~* '^https?://[^/]') $$;

--
-- Name: is_order_of_my_coop(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.is_order_of_my_coop(p_order_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (select 1 from public.order_items oi
                    where oi.order_id = p_order_id and app_private.is_coop_admin(oi.cooperative_id))
  $$;

--
-- Name: is_order_owner(uuid, text, uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.is_order_owner(p_buyer uuid, p_access_hash text, p_order_id uuid) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    select (p_buyer is not null and p_buyer = auth.uid())
        or (p_access_hash is not null and p_access_hash = app_private.request_claim('visitor'))
        or (p_order_id::text = app_private.request_claim('order'))
  $$;

--
-- Name: is_platform_admin(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.is_platform_admin() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return coalesce((select p.is_platform_admin from public.profiles p where p.id = auth.uid()), false);
end
$$;

--
-- Name: ledger_account_ids(text[], uuid[], uuid[], uuid[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.ledger_account_ids(p_kinds text[], p_cooperative_ids uuid[], p_household_ids uuid[], p_user_ids uuid[]) RETURNS TABLE(n integer, account_id uuid)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  insert into public.ledger_accounts (kind, cooperative_id, household_id, user_id)
  select distinct k.kind, k.cooperative_id, k.household_id, k.user_id
    from unnest(p_kinds, p_cooperative_ids, p_household_ids, p_user_ids) as k (kind, cooperative_id, household_id, user_id)
   where not exists (select 1 from public.ledger_accounts a
                      where a.kind = k.kind and a.cooperative_id is not distinct from k.cooperative_id
                        and a.household_id is not distinct from k.household_id and a.user_id is not distinct from k.user_id)
  on conflict do nothing;
  return query
    select k.n::int, a.id
      from unnest(p_kinds, p_cooperative_ids, p_household_ids, p_user_ids) with ordinality as k (kind, cooperative_id, household_id, user_id, n)
      join public.ledger_accounts a
        on a.kind = k.kind and a.cooperative_id is not distinct from k.cooperative_id
       and a.household_id is not distinct from k.household_id and a.user_id is not distinct from k.user_id
     order by k.n;
end
$$;

--
-- Name: lock_chat_author(uuid, uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.lock_chat_author(p_session_id uuid, p_user_id uuid) RETURNS void
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select pg_advisory_xact_lock(hashtextextended('live_chat:' || p_session_id::text || ':' || p_user_id::text, 0)) $$;

--
-- Name: may_moderate_chat(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.may_moderate_chat(p_session_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select coalesce((select app_private.may_run_session(s) from public.live_sessions s where s.id = p_session_id), false)
  $$;

--
-- Name: may_run_session(public.live_sessions); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.may_run_session(p_session public.live_sessions) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return auth.uid() is not null and (
    p_session.host_user_id = auth.uid() or app_private.has_coop_role(p_session.cooperative_id, 'admin'));
end
$$;

--
-- Name: my_account_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.my_account_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select distinct l.account_id from public.ledger_lines l
    where l.posting_id in (select p.id from public.ledger_postings p where p.order_id in (select app_private.my_order_ids()));
end
$$;

--
-- Name: my_order_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.my_order_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $_$
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
$_$;

--
-- Name: my_payee_account_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.my_payee_account_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select a.id from public.ledger_accounts a where a.kind = 'streamer' and a.user_id = auth.uid();
end
$$;

--
-- Name: my_payee_posting_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.my_payee_posting_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select distinct l.posting_id from public.ledger_lines l
    where l.account_id in (select a.id from public.ledger_accounts a where a.kind = 'streamer' and a.user_id = auth.uid());
end
$$;

--
-- Name: my_posting_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.my_posting_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select p.id from public.ledger_postings p where p.order_id in (select app_private.my_order_ids());
end
$$;

--
-- Name: my_session_ids(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.my_session_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query select s.id from public.live_sessions s
    where s.host_user_id = auth.uid()
       or s.cooperative_id in (select m.cooperative_id from public.memberships m where m.user_id = auth.uid() and m.role = 'admin');
end
$$;

--
-- Name: new_stream_key(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.new_stream_key() RETURNS text
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select 'hl_' || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') $$;

--
-- Name: notify_live_event(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.notify_live_event() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform pg_notify('live_events', json_build_object('id', new.id, 's', new.session_id)::text);
  return null;
end
$$;

--
-- Name: flash_sales; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.flash_sales (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    session_id uuid NOT NULL,
    product_id uuid NOT NULL,
    price_fen bigint NOT NULL,
    units_offered integer NOT NULL,
    units_sold integer DEFAULT 0 NOT NULL,
    per_buyer_limit integer,
    starts_at timestamp with time zone DEFAULT now() NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    end_reason text,
    started_by uuid,
    CONSTRAINT flash_sales_check CHECK (((units_sold >= 0) AND (units_sold <= units_offered))),
    CONSTRAINT flash_sales_check1 CHECK ((ends_at > starts_at)),
    CONSTRAINT flash_sales_check2 CHECK (((ended_at IS NULL) = (end_reason IS NULL))),
    CONSTRAINT flash_sales_end_reason_check CHECK ((end_reason = ANY (ARRAY['time'::text, 'sold-out'::text, 'host'::text]))),
    CONSTRAINT flash_sales_per_buyer_limit_check CHECK (((per_buyer_limit IS NULL) OR ((per_buyer_limit >= 1) AND (per_buyer_limit <= 99)))),
    CONSTRAINT flash_sales_price_fen_check CHECK ((price_fen > 0)),
    CONSTRAINT flash_sales_units_offered_check CHECK (((units_offered >= 1) AND (units_offered <= 100000)))
);

--
-- Name: open_flash_sale(uuid, uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.open_flash_sale(p_session_id uuid, p_product_id uuid) RETURNS public.flash_sales
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select f.* from public.flash_sales f
   where f.session_id = p_session_id and f.product_id = p_product_id
     and f.ended_at is null and f.starts_at <= now() and now() < f.ends_at
$$;

--
-- Name: open_stripe_dispute(text, uuid, text, bigint, text, text, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.open_stripe_dispute(p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_opened_at timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_held integer;
begin
  insert into public.stripe_disputes (id, order_id, charge_id, amount_fen, reason, stripe_status, opened_at)
  values (p_dispute_id, p_order_id, p_charge_id, p_amount_fen, left(coalesce(p_reason, ''), 100), left(coalesce(p_status, ''), 50), p_opened_at)
  on conflict (id) do nothing;
  if not found then
    return 0;
  end if;
  update public.stripe_transfers t set status = 'held', updated_at = now()
   where t.status = 'pending'
     and t.account_id in (select l.account_id from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
                           where p.idempotency_key = 'payment:' || p_order_id::text and p.kind = 'payment');
  get diagnostics v_held = row_count;
  return v_held;
end
$$;

--
-- Name: order_claim(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.order_claim() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $_$
declare
  v_order text := app_private.request_claim('order');
begin
  if v_order ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return v_order::uuid;
  end if;
  return null;
end
$_$;

--
-- Name: order_contact_phone(text, uuid, uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.order_contact_phone(p_phone text, p_buyer uuid, p_order_id uuid) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    select case
      when (p_buyer is not null and p_buyer = auth.uid()) or app_private.is_order_of_my_coop(p_order_id) then p_phone
      when length(p_phone) > 7 then left(p_phone, 3) || repeat('*', length(p_phone) - 7) || right(p_phone, 4)
      else repeat('*', length(p_phone))
    end
  $$;

--
-- Name: posting_touches_coops(uuid, uuid[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.posting_touches_coops(p_posting_id uuid, p_coop_ids uuid[]) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select cardinality(p_coop_ids) > 0
       and exists (select 1 from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
                    where l.posting_id = p_posting_id and a.cooperative_id = any (p_coop_ids))
  $$;

--
-- Name: public_product_array(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.public_product_array() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return coalesce((select array_agg(p.id) from public.products p join public.cooperatives c on c.id = p.cooperative_id
                    where p.status = 'active' and c.status = 'active'), '{}');
end
$$;

--
-- Name: queue_stripe_refund(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.queue_stripe_refund() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_intent text;
  v_outside bigint;
  v_covered bigint;
begin
  select o.payment_reference into v_intent from public.orders o
   where o.id = new.order_id and o.payment_provider = 'stripe' and o.payment_reference ~ '^pi_\w+$';
  if v_intent is null then
    return null; -- paid with the demo provider: nothing leaves the ledger
  end if;
  -- Money the buyer already got back outside the app and no refund here has accounted for
  -- yet: refunds made in Stripe's dashboard (the latest unexplained amount per charge) and
  -- lost disputes. That part is not refunded again; the split is reversed all the same.
  select greatest(0,
           coalesce((select sum(o.unknown_fen) from public.stripe_outside_refunds o where o.order_id = new.order_id), 0)
         + coalesce((select sum(d.amount_fen) from public.stripe_disputes d where d.order_id = new.order_id and d.outcome = 'lost'), 0)
         - coalesce((select sum(r.covered_fen) from public.stripe_refunds r where r.order_id = new.order_id), 0))
    into v_outside;
  v_covered := least(new.amount_fen, v_outside);
  insert into public.stripe_refunds (refund_id, order_id, payment_intent_id, amount_fen, covered_fen, status, settled_at)
  values (new.id, new.order_id, v_intent, new.amount_fen, v_covered,
          case when v_covered = new.amount_fen then 'succeeded' else 'pending' end,
          case when v_covered = new.amount_fen then now() end);

  -- Each payee's share of this refund is what the refund posting debits its account.
  -- Sent, or at Stripe right now (its amount is fixed under its key): reverse the share, up to
  -- what is left of the transfer after earlier reversals (sent once the transfer is).
  insert into public.stripe_transfer_reversals (transfer_id, refund_id, amount_fen)
  select x.id, new.id, x.amount from (
    select t.id,
           least(s.share, t.amount_fen - coalesce((select sum(r.amount_fen) from public.stripe_transfer_reversals r
                                                    where r.transfer_id = t.id and r.status <> 'failed'), 0)) as amount
      from public.stripe_transfers t
      join (select l.account_id, sum(l.amount_fen) as share from public.ledger_lines l
             where l.posting_id = new.posting_id group by l.account_id) s on s.account_id = t.account_id
     where t.order_id = new.order_id and t.status in ('sent', 'sending')) x
   where x.amount > 0;

  -- Not sent yet: send less, or nothing.
  with shares as (
    select l.account_id, sum(l.amount_fen) as share from public.ledger_lines l
     where l.posting_id = new.posting_id group by l.account_id having sum(l.amount_fen) > 0
  ), dropped as (
    delete from public.stripe_transfers t using shares s
     where t.order_id = new.order_id and t.status in ('pending', 'held') and s.account_id = t.account_id and s.share >= t.amount_fen
    returning t.id
  )
  update public.stripe_transfers t set amount_fen = t.amount_fen - s.share, updated_at = now()
    from shares s
   where t.order_id = new.order_id and t.status in ('pending', 'held') and s.account_id = t.account_id
     and t.id not in (select d.id from dropped d);
  return null;
end
$_$;

--
-- Name: queue_stripe_transfers(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.queue_stripe_transfers(p_order_id uuid) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_count integer;
begin
  perform 1 from public.ledger_accounts a
   where a.id in (select l.account_id from public.ledger_lines l
                    join public.ledger_postings p on p.id = l.posting_id
                   where p.idempotency_key = 'payment:' || p_order_id::text and p.kind = 'payment')
     and a.kind in ('household', 'collective')
   order by a.id
     for no key update;
  with credits as (
    select l.account_id, -sum(l.amount_fen) as credit
      from public.ledger_lines l
      join public.ledger_postings p on p.id = l.posting_id
     where p.idempotency_key = 'payment:' || p_order_id::text and p.kind = 'payment'
     group by l.account_id
  ), payees as (
    select c.account_id, c.credit, a.cooperative_id, s.id as connected_account_id
      from credits c
      join public.ledger_accounts a on a.id = c.account_id and a.kind in ('household', 'collective')
      join public.stripe_connected_accounts s
        on s.cooperative_id = a.cooperative_id and s.household_id is not distinct from a.household_id and s.payouts_enabled
  ), owed as (
    select py.account_id,
           coalesce((select -sum(l.amount_fen) from public.ledger_lines l where l.account_id = py.account_id), 0)
           - coalesce((select sum(t.amount_fen) from public.stripe_transfers t
                        where t.account_id = py.account_id and t.status in ('pending', 'sending', 'held') and t.order_id <> p_order_id), 0)
           -- a reversal still to come will collect that part of a receivable itself
           -- (public.stripe_transfer_reversals: migration 20261204120000; plpgsql binds it when called)
           + coalesce((select sum(r.amount_fen) from public.stripe_transfer_reversals r
                        join public.stripe_transfers t on t.id = r.transfer_id
                       where t.account_id = py.account_id and r.status = 'pending'), 0) as owed
      from payees py
  ), inserted as (
    insert into public.stripe_transfers (order_id, account_id, cooperative_id, connected_account_id, amount_fen)
    select p_order_id, py.account_id, py.cooperative_id, py.connected_account_id, least(py.credit, o.owed)
      from payees py join owed o on o.account_id = py.account_id
     where least(py.credit, o.owed) > 0
    on conflict (order_id, account_id) do nothing
    returning 1
  )
  select count(*)::integer into v_count from inserted;
  return v_count;
end
$$;

--
-- Name: record_account_users(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_account_users() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: record_connected_account(uuid, uuid, uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_connected_account(p_user_id uuid, p_cooperative_id uuid, p_household_id uuid, p_account_id text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_id text;
begin
  if p_user_id is null or p_cooperative_id is null
     or not (exists (select 1 from public.memberships m
                      where m.user_id = p_user_id and m.cooperative_id = p_cooperative_id and m.role = 'admin')
             or exists (select 1 from public.profiles pr where pr.id = p_user_id and pr.is_platform_admin))
     or (p_household_id is not null and not exists (
       select 1 from public.households h where h.id = p_household_id and h.cooperative_id = p_cooperative_id)) then
    return jsonb_build_object('ok', false, 'reason', 'unknown_payee');
  end if;
  if p_account_id is null or p_account_id !~ '^acct_[A-Za-z0-9_]+$' then
    return jsonb_build_object('ok', false, 'reason', 'invalid_account');
  end if;
  insert into public.stripe_connected_accounts (id, cooperative_id, household_id)
  values (p_account_id, p_cooperative_id, p_household_id)
  on conflict do nothing;
  select s.id into v_id from public.stripe_connected_accounts s
   where s.cooperative_id = p_cooperative_id and s.household_id is not distinct from p_household_id;
  if v_id is null then
    -- the account id is another payee's: Stripe would not do that for our key; refuse
    return jsonb_build_object('ok', false, 'reason', 'invalid_account');
  end if;
  return jsonb_build_object('ok', true, 'accountId', v_id, 'created', v_id = p_account_id);
end
$_$;

--
-- Name: record_line_cooperatives(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_line_cooperatives() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: record_order_cooperatives(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_order_cooperatives() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  update public.orders o
     set cooperative_ids = (select array_agg(distinct c order by c) from unnest(o.cooperative_ids || x.ids) c)
    from (select a.order_id, array_agg(distinct a.cooperative_id) as ids from added a group by a.order_id) x
   where o.id = x.order_id;
  return null;
end
$$;

--
-- Name: record_posting_cooperatives(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_posting_cooperatives() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  new.cooperative_ids := coalesce((select o.cooperative_ids from public.orders o where o.id = new.order_id), '{}');
  return new;
end
$$;

--
-- Name: record_stripe_transfer_sent(uuid, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_stripe_transfer_sent(p_transfer_id uuid, p_stripe_transfer_id text, p_source_charge_id text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_transfer record;
  v_clearing uuid;
  v_posting_id uuid;
  v_payout_id uuid;
begin
  select t.* into v_transfer from public.stripe_transfers t where t.id = p_transfer_id for update;
  if not found then
    raise exception 'no stripe transfer %', p_transfer_id;
  end if;
  if v_transfer.status = 'sent' then
    return 'already_sent';
  end if;
  if v_transfer.status not in ('pending', 'sending') then
    return 'not_pending';
  end if;
  select a.id into v_clearing from public.ledger_accounts a where a.kind = 'payouts_clearing';
  if v_clearing is null then
    raise exception 'the payouts clearing account is missing';
  end if;
  insert into public.ledger_postings (kind, idempotency_key, memo)
  values ('payout', 'transfer:' || p_transfer_id::text, 'stripe ' || p_stripe_transfer_id)
  returning id into v_posting_id;
  -- Sign convention: payees are credited with negative amounts, so paying one out debits it.
  insert into public.ledger_lines (posting_id, account_id, amount_fen)
  values (v_posting_id, v_transfer.account_id, v_transfer.amount_fen), (v_posting_id, v_clearing, -v_transfer.amount_fen);
  insert into public.payouts (cooperative_id, account_id, amount_fen, method, receipt_note, stripe_transfer_id, posting_id,
                              order_id, idempotency_key, paid_on)
  values (v_transfer.cooperative_id, v_transfer.account_id, v_transfer.amount_fen, 'stripe_transfer', p_stripe_transfer_id,
          p_stripe_transfer_id, v_posting_id, v_transfer.order_id, 'transfer:' || p_transfer_id::text,
          (now() at time zone 'Asia/Shanghai')::date)
  returning id into v_payout_id;
  update public.stripe_transfers
     set status = 'sent', stripe_transfer_id = p_stripe_transfer_id, payout_id = v_payout_id, sent_at = now(),
         source_charge_id = coalesce(p_source_charge_id, source_charge_id), failure = null, updated_at = now()
   where id = p_transfer_id;
  return 'sent';
end
$$;

--
-- Name: record_transfer_reversal(uuid, uuid, text, bigint); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.record_transfer_reversal(p_reversal_id uuid, p_transfer_id uuid, p_stripe_reversal_id text, p_amount_fen bigint) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_reversal record;
  v_transfer record;
  v_clearing uuid;
  v_posting_id uuid;
begin
  if p_reversal_id is null then
    if exists (select 1 from public.stripe_transfer_reversals r where r.stripe_reversal_id = p_stripe_reversal_id) then
      return 'already_settled';
    end if;
    -- Never more than is left of the transfer (Stripe would not reverse more; a malformed
    -- event must not make the whole inbox fail on the reversed_fen check).
    select t.* into v_transfer from public.stripe_transfers t where t.id = p_transfer_id for update;
    if not found or least(p_amount_fen, v_transfer.amount_fen - v_transfer.reversed_fen) <= 0 then
      return 'nothing_left';
    end if;
    insert into public.stripe_transfer_reversals (transfer_id, amount_fen)
    values (p_transfer_id, least(p_amount_fen, v_transfer.amount_fen - v_transfer.reversed_fen)) returning id into p_reversal_id;
  end if;
  select r.* into v_reversal from public.stripe_transfer_reversals r where r.id = p_reversal_id for update;
  if not found then
    raise exception 'no transfer reversal %', p_reversal_id;
  end if;
  if v_reversal.status <> 'pending' then
    return 'already_settled';
  end if;
  select t.* into v_transfer from public.stripe_transfers t where t.id = v_reversal.transfer_id for update;
  select a.id into v_clearing from public.ledger_accounts a where a.kind = 'payouts_clearing';
  insert into public.ledger_postings (kind, idempotency_key, order_id, memo)
  values ('payout', 'reversal:' || p_reversal_id::text, v_transfer.order_id, 'stripe reversal ' || p_stripe_reversal_id)
  returning id into v_posting_id;
  -- The payee is credited back what the transfer had paid it (payees are credited negative).
  insert into public.ledger_lines (posting_id, account_id, amount_fen)
  values (v_posting_id, v_transfer.account_id, -v_reversal.amount_fen), (v_posting_id, v_clearing, v_reversal.amount_fen);
  update public.stripe_transfer_reversals
     set status = 'succeeded', stripe_reversal_id = p_stripe_reversal_id, posting_id = v_posting_id, failure = null, settled_at = now()
   where id = p_reversal_id;
  update public.stripe_transfers set reversed_fen = reversed_fen + v_reversal.amount_fen, updated_at = now()
   where id = v_transfer.id;
  return 'succeeded';
end
$$;

--
-- Name: refuse_ledger_mutation(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.refuse_ledger_mutation() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'the ledger is append-only: % on % is not allowed', tg_op, tg_table_name
    using errcode = '42501';
end
$$;

--
-- Name: request_claim(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.request_claim(name text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$ select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> name, '') $$;

--
-- Name: session_event(uuid, text, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.session_event(p_session_id uuid, p_status text, p_replay_url text) RETURNS bigint
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select (app_private.append_live_event(p_session_id, 'session',
                jsonb_build_object('status', p_status, 'replayUrl', p_replay_url))).id $$;

--
-- Name: session_input_problem(text, text, text, text, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.session_input_problem(p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  if coalesce(length(btrim(p_title_zh)), 0) not between 1 and 120 or coalesce(length(btrim(p_title_en)), 0) not between 1 and 120
     or length(coalesce(p_description_zh, '')) > 2000 or length(coalesce(p_description_en, '')) > 2000 then
    return 'bad_input';
  end if;
  if p_scheduled_start is not null
     and (p_scheduled_start < now() - interval '10 minutes' or p_scheduled_start > now() + interval '1 year') then
    return 'bad_time';
  end if;
  return null;
end
$$;

--
-- Name: session_to_run(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.session_to_run(p_session_id uuid) RETURNS public.live_sessions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
begin
  select * into v_session from public.live_sessions where id = p_session_id for update;
  if v_session.id is null or not app_private.may_run_session(v_session) then
    return null;
  end if;
  return v_session;
end
$$;

--
-- Name: set_session_products(public.live_sessions, uuid[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.set_session_products(p_session public.live_sessions, p_product_ids uuid[]) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_count int := coalesce(cardinality(p_product_ids), 0);
begin
  if v_count not between 1 and 50 or v_count <> (select count(distinct x) from unnest(p_product_ids) x)
     or v_count <> (select count(*) from public.products p
                     where p.id = any (p_product_ids) and p.cooperative_id = p_session.cooperative_id and p.status = 'active') then
    return false;
  end if;
  delete from public.live_session_products where session_id = p_session.id and product_id <> all (p_product_ids);
  insert into public.live_session_products (session_id, product_id, position)
  select p_session.id, x.id, x.n - 1 from unnest(p_product_ids) with ordinality as x (id, n)
  on conflict (session_id, product_id) do update set position = excluded.position;
  return true;
end
$$;

--
-- Name: tag_cart_flash_sale(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.tag_cart_flash_sale() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  new.flash_sale_id := (
    select f.id from public.live_sessions s, app_private.open_flash_sale(s.id, new.product_id) f
     where s.id = new.live_session_id and s.status = 'live');
  return new;
end
$$;

--
-- Name: jwt(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.jwt() RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
        select coalesce(
          nullif(current_setting('request.jwt.claim', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')
        )::jsonb
      $$;

--
-- Name: role(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.role() RETURNS text
    LANGUAGE sql STABLE
    AS $$
        select coalesce(
          nullif(current_setting('request.jwt.claim.role', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
        )::text
      $$;

--
-- Name: uid(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.uid() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$
        select coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        )::uuid
      $$;

--
-- Name: cancel_live_session(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cancel_live_session(p_session_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if v_session.status <> 'scheduled' then
    return jsonb_build_object('ok', false, 'reason', 'wrong_status', 'status', v_session.status);
  end if;
  perform app_private.close_open_pin(v_session);
  update public.live_sessions set status = 'cancelled', pinned_product_id = null where id = v_session.id;
  return jsonb_build_object('ok', true);
end
$$;

--
-- Name: cancel_my_order(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cancel_my_order(p_order_id uuid) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if not exists (select 1 from public.orders o
                  where o.id = p_order_id
                    and app_private.is_order_owner(o.buyer_user_id, o.access_token_hash, o.id)) then
    return false;
  end if;
  return app_private.cancel_pending_orders(array[p_order_id]) = 1;
end
$$;

--
-- Name: check_stream_key(text, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.check_stream_key(p_stream_key text, p_sources text[]) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_sources text[] := coalesce((select array_agg(distinct left(s, 100)) from unnest(p_sources) s where s is not null and s <> ''),
                               array['unknown']);
  v_ok boolean;
  v_session_id uuid;
begin
  if exists (select 1 from unnest(v_sources) s
              where (select count(*) from app_private.stream_key_failures f
                      where f.source = s and f.failed_at > now() - interval '10 minutes') >= 20) then
    return jsonb_build_object('ok', false, 'throttled', true);
  end if;
  if p_stream_key is not null and length(p_stream_key) between 16 and 200 then
    select s.id into v_session_id from public.live_session_secrets k join public.live_sessions s on s.id = k.session_id
     where k.stream_key = p_stream_key and s.status in ('scheduled', 'live');
  end if;
  v_ok := v_session_id is not null;
  if not v_ok then
    delete from app_private.stream_key_failures where source = any (v_sources) and failed_at < now() - interval '1 hour';
    insert into app_private.stream_key_failures (source) select s from unnest(v_sources) s;
  end if;
  -- The session id goes back to the RTMP server only (the relay names the HLS after it).
  return jsonb_build_object('ok', v_ok, 'throttled', false, 'sessionId', v_session_id);
end
$$;

--
-- Name: connect_payee_account(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.connect_payee_account(p_cooperative_id uuid, p_household_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_account record;
begin
  if auth.uid() is null or p_cooperative_id is null or not app_private.is_coop_admin(p_cooperative_id)
     or (p_household_id is not null and not exists (
       select 1 from public.households h where h.id = p_household_id and h.cooperative_id = p_cooperative_id)) then
    return jsonb_build_object('ok', false, 'reason', 'unknown_payee');
  end if;
  select s.id, s.payouts_enabled, s.details_submitted into v_account
    from public.stripe_connected_accounts s
   where s.cooperative_id = p_cooperative_id and s.household_id is not distinct from p_household_id;
  return jsonb_build_object('ok', true, 'accountId', v_account.id,
                            'payoutsEnabled', coalesce(v_account.payouts_enabled, false),
                            'detailsSubmitted', coalesce(v_account.details_submitted, false));
end
$$;

--
-- Name: create_live_session(uuid, text, text, text, text, timestamp with time zone, uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.create_live_session(p_cooperative_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone, p_product_ids uuid[]) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
  v_problem text;
begin
  if auth.uid() is null or not (app_private.has_coop_role(p_cooperative_id, 'streamer')
                                or app_private.has_coop_role(p_cooperative_id, 'admin')) then
    return jsonb_build_object('ok', false, 'reason', 'not_allowed');
  end if;
  v_problem := coalesce(app_private.session_input_problem(p_title_zh, p_title_en, p_description_zh, p_description_en, p_scheduled_start),
                        case when p_scheduled_start is null then 'bad_time' end);
  if v_problem is not null then
    return jsonb_build_object('ok', false, 'reason', v_problem);
  end if;
  insert into public.live_sessions (cooperative_id, host_user_id, title_zh, title_en, description_zh, description_en, scheduled_start)
  values (p_cooperative_id, auth.uid(), btrim(p_title_zh), btrim(p_title_en), coalesce(p_description_zh, ''),
          coalesce(p_description_en, ''), p_scheduled_start)
  returning * into v_session;
  if not app_private.set_session_products(v_session, p_product_ids) then
    raise exception using errcode = 'P0001', message = 'bad_products'; -- undoes the insert
  end if;
  insert into public.live_session_secrets (session_id, stream_key) values (v_session.id, app_private.new_stream_key());
  return jsonb_build_object('ok', true, 'sessionId', v_session.id);
exception
  when sqlstate 'P0001' then
    if sqlerrm = 'bad_products' then
      return jsonb_build_object('ok', false, 'reason', 'bad_products');
    end if;
    raise;
end
$$;

--
-- Name: end_expired_flash_sales(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.end_expired_flash_sales() RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: end_flash_sale(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.end_flash_sale(p_session_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: end_live_session(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.end_live_session(p_session_id uuid, p_replay_url text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_session public.live_sessions;
  v_unpin bigint;
  v_replay text;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if v_session.status <> 'live' then
    return jsonb_build_object('ok', false, 'reason', 'wrong_status', 'status', v_session.status);
  end if;
  if p_replay_url is not null and not app_private.is_media_url(p_replay_url) then
    return jsonb_build_object('ok', false, 'reason', 'bad_replay_url');
  end if;
  v_replay := coalesce(p_replay_url, v_session.replay_url,
                       case when v_session.playback_url = '/hls/sample-live/master.m3u8' then '/media/sample/master.m3u8'
                            when v_session.playback_url ~ '/live\.m3u8$'
                            then regexp_replace(v_session.playback_url, 'live\.m3u8$', 'master.m3u8') end);
  v_unpin := app_private.close_open_pin(v_session);
  update public.live_sessions
     set status = 'ended', ended_at = now(), pinned_product_id = null, replay_url = v_replay
   where id = v_session.id;
  return jsonb_build_object('ok', true, 'unpinEventId', v_unpin, 'replayUrl', v_replay,
                            'eventId', app_private.session_event(v_session.id, 'ended', v_replay));
end
$_$;

--
-- Name: expire_unpaid_orders(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.expire_unpaid_orders(p_now timestamp with time zone DEFAULT now()) RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select app_private.cancel_pending_orders(coalesce(array_agg(id), '{}'))
      from public.orders where status = 'pending_payment' and reserved_until <= p_now
  $$;

--
-- Name: go_live(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.go_live(p_session_id uuid, p_playback_url text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
  v_playback text;
  v_key text;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if v_session.status <> 'scheduled' then
    return jsonb_build_object('ok', false, 'reason', 'wrong_status', 'status', v_session.status);
  end if;
  v_playback := coalesce(v_session.playback_url, p_playback_url);
  select stream_key into v_key from public.live_session_secrets where session_id = v_session.id;
  -- A public playback address must never carry the secret key.
  if not app_private.is_media_url(v_playback) or (v_key is not null and strpos(v_playback, v_key) > 0) then
    return jsonb_build_object('ok', false, 'reason', 'no_playback');
  end if;
  update public.live_sessions set status = 'live', started_at = now(), ended_at = null, playback_url = v_playback
   where id = v_session.id;
  return jsonb_build_object('ok', true, 'eventId', app_private.session_event(v_session.id, 'live', null));
end
$$;

--
-- Name: hide_chat_message(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hide_chat_message(p_message_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session_id uuid;
  v_session public.live_sessions;
  v_event_id bigint;
begin
  select session_id into v_session_id from public.live_chat_messages where id = p_message_id;
  if v_session_id is not null then
    v_session := app_private.session_to_run(v_session_id);
  end if;
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_message');
  end if;
  v_event_id := app_private.hide_chat_row(v_session.id, p_message_id);
  return jsonb_build_object('ok', true, 'repeated', v_event_id is null, 'eventId', v_event_id);
end
$$;

--
-- Name: income_disclosure(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.income_disclosure(p_slug text) RETURNS TABLE(year integer, month integer, net_fen bigint, collective_fen bigint, household_fen bigint, paid_to_households_fen bigint, households_paid integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with c as (
    select id from public.cooperatives where slug = p_slug and status = 'active' and disclosure_enabled
  ), moves as (
    select p.created_at at time zone 'Asia/Shanghai' as at, a.kind as party, l.amount_fen, null::uuid as household_id, false as payout
      from public.ledger_lines l
      join public.ledger_postings p on p.id = l.posting_id
      join public.ledger_accounts a on a.id = l.account_id
      join public.order_items oi on oi.id = l.order_item_id
     where oi.cooperative_id = (select id from c)
       and p.kind in ('payment', 'refund')
       and a.kind in ('household', 'collective', 'streamer', 'platform')
    union all
    select p.created_at at time zone 'Asia/Shanghai', a.kind, l.amount_fen, a.household_id, true
      from public.ledger_lines l
      join public.ledger_postings p on p.id = l.posting_id
      join public.ledger_accounts a on a.id = l.account_id
     where a.cooperative_id = (select id from c) and a.kind = 'household' and p.kind = 'payout'
  )
  select extract(year from at)::int, extract(month from at)::int,
         coalesce(-sum(amount_fen) filter (where not payout), 0)::bigint,
         coalesce(-sum(amount_fen) filter (where not payout and party = 'collective'), 0)::bigint,
         coalesce(-sum(amount_fen) filter (where not payout and party = 'household'), 0)::bigint,
         coalesce(sum(amount_fen) filter (where payout), 0)::bigint,
         count(distinct household_id) filter (where payout and amount_fen > 0)::int
    from moves
   group by grouping sets ((extract(year from at)), (extract(year from at), extract(month from at)))
   order by 1, 2 nulls first
$$;

--
-- Name: live_presence(uuid, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.live_presence(p_session_id uuid, p_viewer_id text, p_leaving boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_count int;
  v_published int;
begin
  if not exists (select 1 from public.live_sessions where id = p_session_id and status <> 'cancelled') then
    return null;
  end if;
  delete from public.live_viewers where session_id = p_session_id and last_seen < now() - interval '40 seconds';
  if p_leaving then
    delete from public.live_viewers where session_id = p_session_id and viewer_id = p_viewer_id;
  else
    insert into public.live_viewers (session_id, viewer_id) values (p_session_id, p_viewer_id)
    on conflict (session_id, viewer_id) do update set last_seen = now();
  end if;
  select count(*)::int into v_count from public.live_viewers where session_id = p_session_id;
  insert into public.live_viewer_counts as c (session_id, viewers, peak_viewers) values (p_session_id, v_count, v_count)
  on conflict (session_id) do update set viewers = excluded.viewers, published_at = now()
   where c.viewers <> excluded.viewers and c.published_at < now() - interval '3 seconds'
  returning viewers into v_published;
  update public.live_viewer_counts set peak_viewers = v_count
   where session_id = p_session_id and (peak_viewers is null or peak_viewers < v_count);
  return jsonb_build_object('viewers', v_count, 'publish', v_published is not null);
end
$$;

--
-- Name: mute_chat_user(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.mute_chat_user(p_session_id uuid, p_user_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
  v_inserted int;
  v_message_id uuid;
  v_event_id bigint;
  v_last_event bigint;
  v_hidden int := 0;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if p_user_id is null or not exists (select 1 from public.profiles where id = p_user_id) then
    return jsonb_build_object('ok', false, 'reason', 'unknown_user');
  end if;
  if p_user_id = v_session.host_user_id or exists (
       select 1 from public.memberships m
        where m.user_id = p_user_id and m.cooperative_id = v_session.cooperative_id and m.role = 'admin') then
    return jsonb_build_object('ok', false, 'reason', 'moderator');
  end if;
  perform app_private.lock_chat_author(v_session.id, p_user_id);
  insert into public.live_chat_mutes (session_id, user_id, muted_by) values (v_session.id, p_user_id, auth.uid())
  on conflict (session_id, user_id) do nothing;
  get diagnostics v_inserted = row_count;
  for v_message_id in
    select id from public.live_chat_messages
     where session_id = v_session.id and user_id = p_user_id and hidden_at is null
       and created_at > clock_timestamp() - interval '10 minutes'
     order by created_at
  loop
    v_event_id := app_private.hide_chat_row(v_session.id, v_message_id);
    if v_event_id is not null then
      v_last_event := v_event_id;
      v_hidden := v_hidden + 1;
    end if;
  end loop;
  return jsonb_build_object('ok', true, 'repeated', v_inserted = 0, 'hidden', v_hidden, 'eventId', v_last_event);
end
$$;

--
-- Name: order_streamers(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.order_streamers(p_order_id uuid) RETURNS TABLE(order_item_id uuid, streamer_user_id uuid, display_name text, session_id uuid, title_zh text, title_en text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select oi.id, oi.streamer_user_id, coalesce(p.display_name, ''), s.id, s.title_zh, s.title_en
      from public.orders o
      join public.order_items oi on oi.order_id = o.id
      left join public.profiles p on p.id = oi.streamer_user_id
      left join public.live_sessions s on s.id = oi.live_session_id
     where o.id = p_order_id
       and oi.streamer_user_id is not null
       and (app_private.is_order_owner(o.buyer_user_id, o.access_token_hash, o.id)
            or app_private.is_order_of_my_coop(o.id))
  $$;

--
-- Name: pin_product(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.pin_product(p_session_id uuid, p_product_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
  v_product public.products;
  v_pin_id bigint;
  v_event public.live_events;
  v_offset bigint;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if v_session.status not in ('scheduled', 'live') then
    return jsonb_build_object('ok', false, 'reason', 'session_over');
  end if;
  select p.* into v_product from public.products p
    join public.live_session_products sp on sp.product_id = p.id and sp.session_id = v_session.id
   where p.id = p_product_id;
  if v_product.id is null then
    return jsonb_build_object('ok', false, 'reason', 'not_in_session');
  end if;
  if v_session.pinned_product_id = v_product.id
     and exists (select 1 from public.live_session_pins where session_id = v_session.id and unpinned_at is null) then
    return jsonb_build_object('ok', true, 'repeated', true);
  end if;

  perform app_private.close_open_pin(v_session);
  if v_session.status = 'live' and v_session.started_at is not null then
    v_offset := greatest(0, floor(extract(epoch from (now() - v_session.started_at)) * 1000))::bigint;
  end if;
  insert into public.live_session_pins (session_id, product_id, pinned_by, offset_ms)
  values (v_session.id, v_product.id, auth.uid(), v_offset)
  returning id into v_pin_id;
  update public.live_sessions set pinned_product_id = v_product.id where id = v_session.id;
  -- What a viewer's card needs, and nothing else (never the session's secrets).
  v_event := app_private.append_live_event(v_session.id, 'pin', jsonb_build_object(
    'productId', v_product.id, 'pinId', v_pin_id, 'offsetMs', v_offset,
    'product', jsonb_build_object('slug', v_product.slug, 'titleZh', v_product.title_zh, 'titleEn', v_product.title_en,
                                  'priceFen', v_product.price_fen, 'unit', v_product.unit)));
  return jsonb_build_object('ok', true, 'repeated', false, 'eventId', v_event.id, 'pinId', v_pin_id);
end
$$;

--
-- Name: place_order(text, text, text, text, text, text, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.place_order(p_contact_name text, p_contact_phone text, p_province text, p_city text, p_district text, p_address_line text, p_locale text, p_reservation_minutes integer) RETURNS TABLE(order_id uuid, total_fen bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: post_chat_message(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.post_chat_message(p_session_id uuid, p_text text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_user uuid := auth.uid();
  v_status text;
  v_text text;
  v_now timestamptz;
  v_last timestamptz;
  v_fifth timestamptz;
  v_wait_until timestamptz;
  v_profile public.profiles;
  v_id uuid;
  v_event public.live_events;
begin
  if v_user is null then
    return jsonb_build_object('ok', false, 'reason', 'sign_in');
  end if;
  -- KEY SHARE: the session stays while we write; ending it (a non-key update) is not blocked.
  select status into v_status from public.live_sessions where id = p_session_id for key share;
  if v_status is null or v_status = 'cancelled' then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if v_status <> 'live' then
    return jsonb_build_object('ok', false, 'reason', 'not_live');
  end if;

  -- The rule of app/domain/live-chat-text.ts: String.prototype.trim's characters, then
  -- 1–200 code points without control, separator or bidi-control characters.
  v_text := regexp_replace(coalesce(p_text, ''),
    '^[\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$',
    '', 'g');
  if v_text = '' then
    return jsonb_build_object('ok', false, 'reason', 'empty');
  end if;
  if v_text ~ '[\u0001-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]' then
    return jsonb_build_object('ok', false, 'reason', 'control');
  end if;
  if char_length(v_text) > 200 then
    return jsonb_build_object('ok', false, 'reason', 'too_long');
  end if;

  -- From here to commit, this user's posts (and a mute of them) in this session go one at a time.
  perform app_private.lock_chat_author(p_session_id, v_user);
  if exists (select 1 from public.live_chat_mutes where session_id = p_session_id and user_id = v_user) then
    return jsonb_build_object('ok', false, 'reason', 'muted');
  end if;
  v_now := clock_timestamp();
  select max(created_at) into v_last from public.live_chat_messages where session_id = p_session_id and user_id = v_user;
  select created_at into v_fifth from public.live_chat_messages
   where session_id = p_session_id and user_id = v_user order by created_at desc offset 4 limit 1;
  v_wait_until := greatest(v_last + interval '1 second', v_fifth + interval '10 seconds');
  if v_wait_until > v_now then
    return jsonb_build_object('ok', false, 'reason', 'rate_limited',
      'retryAfterSeconds', greatest(1, ceil(extract(epoch from (v_wait_until - v_now))))::int);
  end if;

  select * into v_profile from public.profiles where id = v_user;
  insert into public.live_chat_messages (session_id, user_id, author_name, body, created_at)
  values (p_session_id, v_user, app_private.chat_author_name(v_profile.display_name, v_profile.email), v_text, v_now)
  returning id into v_id;
  v_event := app_private.append_live_event(p_session_id, 'chat', jsonb_build_object(
    'messageId', v_id, 'author', app_private.chat_author_name(v_profile.display_name, v_profile.email), 'text', v_text));
  return jsonb_build_object('ok', true, 'messageId', v_id, 'eventId', v_event.id);
end
$_$;

--
-- Name: record_payout(text, uuid, uuid, bigint, text, text, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.record_payout(p_idempotency_key text, p_cooperative_id uuid, p_account_id uuid, p_amount_fen bigint, p_method text, p_receipt_note text, p_paid_on date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_account record;
  v_previous record;
  v_note text := btrim(coalesce(p_receipt_note, ''));
  v_today date := (now() at time zone 'Asia/Shanghai')::date;
  v_owed bigint;
  v_clearing uuid;
  v_posting_id uuid;
  v_payout_id uuid;
begin
  if auth.uid() is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_payee');
  end if;
  if p_idempotency_key is null or char_length(p_idempotency_key) not between 1 and 100 then
    return jsonb_build_object('ok', false, 'reason', 'invalid_key');
  end if;
  -- The payee's account, locked: payouts to one payee are serialised, so two admins cannot
  -- both pay out the same balance.
  select a.id, a.kind, a.cooperative_id into v_account
    from public.ledger_accounts a
   where a.id = p_account_id and a.kind in ('household', 'collective', 'streamer')
     for update;
  if not found or v_account.cooperative_id is distinct from p_cooperative_id
     or not app_private.is_coop_admin(v_account.cooperative_id) then
    return jsonb_build_object('ok', false, 'reason', 'unknown_payee');
  end if;

  -- The same key again: a double submit of the same form (done), or a key reused for another payout.
  select po.account_id, po.amount_fen into v_previous from public.payouts po where po.idempotency_key = p_idempotency_key;
  if found then
    if v_previous.account_id <> p_account_id or v_previous.amount_fen <> p_amount_fen then
      return jsonb_build_object('ok', false, 'reason', 'key_reused');
    end if;
    select coalesce(-sum(l.amount_fen), 0) into v_owed from public.ledger_lines l where l.account_id = p_account_id;
    return jsonb_build_object('ok', true, 'payoutId', (select po.id from public.payouts po where po.idempotency_key = p_idempotency_key),
                              'amountFen', p_amount_fen, 'owedFen', v_owed, 'repeated', true);
  end if;

  if p_amount_fen is null or p_amount_fen <= 0 then
    return jsonb_build_object('ok', false, 'reason', 'invalid_amount');
  end if;
  if p_method is null or p_method not in ('cash', 'bank') then
    return jsonb_build_object('ok', false, 'reason', 'invalid_method');
  end if;
  if char_length(v_note) not between 1 and 200 then
    return jsonb_build_object('ok', false, 'reason', 'invalid_note');
  end if;
  if p_paid_on is not null and (p_paid_on > v_today or p_paid_on < date '2020-01-01') then
    return jsonb_build_object('ok', false, 'reason', 'invalid_date');
  end if;

  -- Less what Stripe transfers already on their way will pay (pending, being sent, or held by
  -- a dispute): paying that in cash too would pay it twice. (public.stripe_transfers comes with
  -- migration 20261204100000; plpgsql binds it when called.)
  select coalesce(-sum(l.amount_fen), 0)
         - coalesce((select sum(t.amount_fen) from public.stripe_transfers t
                      where t.account_id = p_account_id and t.status in ('pending', 'sending', 'held')), 0)
    into v_owed from public.ledger_lines l where l.account_id = p_account_id;
  if p_amount_fen > v_owed then
    return jsonb_build_object('ok', false, 'reason', 'more_than_owed', 'owedFen', v_owed);
  end if;

  select a.id into v_clearing from public.ledger_accounts a where a.kind = 'payouts_clearing';
  if v_clearing is null then
    raise exception 'the payouts clearing account is missing';
  end if;
  insert into public.ledger_postings (kind, idempotency_key, memo)
  values ('payout', 'payout:' || p_idempotency_key, v_note)
  returning id into v_posting_id;
  -- Sign convention: payees are credited with negative amounts, so paying one out debits it.
  insert into public.ledger_lines (posting_id, account_id, amount_fen)
  values (v_posting_id, p_account_id, p_amount_fen), (v_posting_id, v_clearing, -p_amount_fen);
  insert into public.payouts (cooperative_id, account_id, amount_fen, method, receipt_note, posting_id, created_by,
                              created_by_name, idempotency_key, paid_on)
  values (v_account.cooperative_id, p_account_id, p_amount_fen, p_method, v_note, v_posting_id, auth.uid(),
          coalesce((select pr.display_name from public.profiles pr where pr.id = auth.uid()), ''),
          p_idempotency_key, coalesce(p_paid_on, v_today))
  returning id into v_payout_id;
  return jsonb_build_object('ok', true, 'payoutId', v_payout_id, 'amountFen', p_amount_fen,
                            'owedFen', v_owed - p_amount_fen, 'repeated', false);
end
$$;

--
-- Name: refund_order(uuid, uuid, uuid[], numeric[], boolean, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.refund_order(p_refund_id uuid, p_order_id uuid, p_item_ids uuid[], p_quantities numeric[], p_restock boolean, p_reason text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_order record;
  v_previous record;
  v_bad record;
  v_ids uuid[];
  v_quantities int[];
  v_line_items uuid[];
  v_line_payees text[];
  v_line_amounts bigint[];
  v_kinds text[];
  v_coops uuid[];
  v_households uuid[];
  v_users uuid[];
  v_amount bigint;
  v_status text;
  v_posting_id uuid;
  v_written int;
begin
  if auth.uid() is null or p_refund_id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_order');
  end if;
  select o.id, o.status, o.total_fen, o.refunded_fen into v_order
    from public.orders o where o.id = p_order_id for update;
  if not found or not exists (select 1 from public.order_items oi
                               where oi.order_id = p_order_id and app_private.is_coop_admin(oi.cooperative_id)) then
    return jsonb_build_object('ok', false, 'reason', 'unknown_order');
  end if;

  -- The refund id is the idempotency key. It belongs to one order; the same id with the
  -- same units is a repeat (a double submit), with other units a stale page: refused.
  select r.order_id, r.amount_fen into v_previous from public.refunds r where r.id = p_refund_id;
  if found then
    if v_previous.order_id <> p_order_id then
      return jsonb_build_object('ok', false, 'reason', 'unknown_order');
    end if;
    if p_item_ids is not null and (
         exists (select ri.order_item_id, ri.quantity::numeric from public.refund_items ri where ri.refund_id = p_refund_id
                 except select x.id, x.q from unnest(p_item_ids, p_quantities) as x (id, q) where x.q > 0)
      or exists (select x.id, x.q from unnest(p_item_ids, p_quantities) as x (id, q) where x.q > 0
                 except select ri.order_item_id, ri.quantity::numeric from public.refund_items ri where ri.refund_id = p_refund_id)) then
      return jsonb_build_object('ok', false, 'reason', 'refund_id_reused');
    end if;
    return jsonb_build_object('ok', true, 'refundId', p_refund_id, 'amountFen', v_previous.amount_fen,
                              'status', v_order.status, 'repeated', true);
  end if;

  if v_order.status not in ('paid', 'fulfilled', 'partially_refunded') then
    return jsonb_build_object('ok', false, 'reason', 'not_refundable');
  end if;

  -- What is asked, in request order (repeated lines of one item add up).
  if p_item_ids is null then
    select array_agg(oi.id order by oi.id), array_agg(oi.quantity - oi.refunded_quantity order by oi.id)
      into v_ids, v_quantities
      from public.order_items oi
     where oi.order_id = p_order_id and oi.quantity > oi.refunded_quantity and app_private.is_coop_admin(oi.cooperative_id);
  else
    if not exists (select 1 from unnest(p_item_ids, p_quantities) as x (id, q) where x.q > 0) then
      return jsonb_build_object('ok', false, 'reason', 'nothing_to_refund');
    end if;
    if exists (select 1 from unnest(p_item_ids, p_quantities) as x (id, q)
                where x.q > 0
                  and not exists (select 1 from public.order_items oi
                                   where oi.order_id = p_order_id and oi.id = x.id
                                     and app_private.is_coop_admin(oi.cooperative_id))) then
      return jsonb_build_object('ok', false, 'reason', 'unknown_item');
    end if;
    select x.id, oi.quantity - oi.refunded_quantity as available into v_bad
      from unnest(p_item_ids, p_quantities) with ordinality as x (id, q, n)
      join public.order_items oi on oi.id = x.id
     where x.q > 0
     group by x.id, oi.quantity, oi.refunded_quantity
    having sum(x.q) <> trunc(sum(x.q)) or sum(x.q) > oi.quantity - oi.refunded_quantity
     order by min(x.n) limit 1;
    if found then
      return jsonb_build_object('ok', false, 'reason', 'too_many', 'orderItemId', v_bad.id, 'available', v_bad.available);
    end if;
    -- Checked: whole units within what is left. In request order; repeated lines add up.
    select array_agg(w.id order by w.first), array_agg(w.q::int order by w.first) into v_ids, v_quantities
      from (select x.id, min(x.n) as first, sum(x.q) as q
              from unnest(p_item_ids, p_quantities) with ordinality as x (id, q, n)
             where x.q > 0 group by x.id) w;
  end if;
  if v_ids is null then
    return jsonb_build_object('ok', false, 'reason', 'nothing_to_refund');
  end if;

  -- Each party gives back allocation(still paid before) − allocation(still paid after), by
  -- the item's frozen rule with the same fallbacks as app/domain/split-rule.ts
  -- effectiveShares: no live sale → streamer part to the collective; no household →
  -- household part to the collective. The clearing line balances each item.
  with wanted as (
    select oi.id, oi.unit_price_fen as price, oi.quantity - oi.refunded_quantity as available, w.q,
           case when oi.household_id is null then 0 else oi.split_household_bp end as h,
           oi.split_collective_bp
             + case when oi.live_session_id is null or oi.streamer_user_id is null then oi.split_streamer_bp else 0 end
             + case when oi.household_id is null then oi.split_household_bp else 0 end as c,
           case when oi.live_session_id is null or oi.streamer_user_id is null then 0 else oi.split_streamer_bp end as s,
           oi.split_platform_bp as p
      from unnest(v_ids, v_quantities) as w (id, q)
      join public.order_items oi on oi.id = w.id
  ), deltas as (
    select wanted.id, b.party, b.party_order, b.amount - a.amount as delta
      from wanted
     cross join lateral app_private.allocate_split(wanted.price * wanted.available, h, c, s, p) b
      join lateral app_private.allocate_split(wanted.price * (wanted.available - wanted.q), h, c, s, p) a on a.party = b.party
  ), lines as (
    select id, party as payee, party_order, delta as amount from deltas where delta <> 0
    union all
    select id, 'clearing', 5, -sum(delta) from deltas group by id having sum(delta) <> 0
  )
  select array_agg(id order by id, party_order), array_agg(payee order by id, party_order),
         array_agg(amount order by id, party_order)
    into v_line_items, v_line_payees, v_line_amounts
    from lines;

  select coalesce(-sum(x.amount), 0) into v_amount
    from unnest(v_line_payees, v_line_amounts) as x (payee, amount) where x.payee = 'clearing';
  v_status := case when v_order.refunded_fen + v_amount >= v_order.total_fen then 'refunded' else 'partially_refunded' end;

  insert into public.ledger_postings (kind, idempotency_key, order_id, memo)
  values ('refund', 'refund:' || p_refund_id, p_order_id, coalesce(p_reason, ''))
  on conflict (idempotency_key) do nothing
  returning id into v_posting_id;
  if v_posting_id is null then
    raise exception 'refund % was posted but not recorded', p_refund_id;
  end if;

  select array_agg(case l.payee when 'clearing' then 'payments_clearing' else l.payee end order by l.n),
         array_agg(case when l.payee in ('household', 'collective', 'streamer') then oi.cooperative_id end order by l.n),
         array_agg(case when l.payee = 'household' then oi.household_id end order by l.n),
         array_agg(case when l.payee = 'streamer' then oi.streamer_user_id end order by l.n)
    into v_kinds, v_coops, v_households, v_users
    from unnest(v_line_items, v_line_payees) with ordinality as l (item_id, payee, n)
    join public.order_items oi on oi.id = l.item_id;
  insert into public.ledger_lines (posting_id, account_id, order_item_id, amount_fen)
  select v_posting_id, acc.account_id, l.item_id, l.amount
    from unnest(v_line_items, v_line_amounts) with ordinality as l (item_id, amount, n)
    join app_private.ledger_account_ids(v_kinds, v_coops, v_households, v_users) acc on acc.n = l.n
   order by l.n;
  get diagnostics v_written = row_count;
  if v_written <> cardinality(v_line_items) then
    raise exception 'refund %: % of % ledger lines found an account', p_refund_id, v_written, cardinality(v_line_items);
  end if;

  insert into public.refunds (id, order_id, amount_fen, restock, reason, posting_id, created_by)
  values (p_refund_id, p_order_id, v_amount, coalesce(p_restock, false), coalesce(p_reason, ''), v_posting_id, auth.uid());
  insert into public.refund_items (refund_id, order_item_id, quantity, amount_fen)
  select p_refund_id, l.item_id, w.q, -l.amount
    from unnest(v_line_items, v_line_payees, v_line_amounts) as l (item_id, payee, amount)
    join unnest(v_ids, v_quantities) as w (id, q) on w.id = l.item_id
   where l.payee = 'clearing';
  update public.order_items oi set refunded_quantity = oi.refunded_quantity + w.q
    from unnest(v_ids, v_quantities) as w (id, q) where oi.id = w.id;
  if coalesce(p_restock, false) then
    -- Within the stock cap (product_stock_at_most_a_million): a restock past it is clipped.
    update public.product_stock st set stock = least(st.stock + x.q, 1000000), updated_at = now()
      from (select oi.product_id, sum(w.q)::int as q
              from unnest(v_ids, v_quantities) as w (id, q) join public.order_items oi on oi.id = w.id
             group by oi.product_id) x
     where st.product_id = x.product_id;
  end if;
  update public.orders set refunded_fen = refunded_fen + v_amount, status = v_status, updated_at = now()
   where id = p_order_id;
  return jsonb_build_object('ok', true, 'refundId', p_refund_id, 'amountFen', v_amount, 'status', v_status, 'repeated', false);
end
$$;

--
-- Name: rotate_stream_key(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.rotate_stream_key(p_session_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
  v_key text := app_private.new_stream_key();
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if v_session.status not in ('scheduled', 'live') then
    return jsonb_build_object('ok', false, 'reason', 'wrong_status', 'status', v_session.status);
  end if;
  insert into public.live_session_secrets as k (session_id, stream_key) values (v_session.id, v_key)
  on conflict (session_id) do update set stream_key = excluded.stream_key, rotated_at = now();
  return jsonb_build_object('ok', true, 'streamKey', v_key);
end
$$;

--
-- Name: session_peak_viewers(uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.session_peak_viewers(p_session_ids uuid[]) RETURNS TABLE(session_id uuid, peak_viewers integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query
    select c.session_id, c.peak_viewers
      from public.live_viewer_counts c
      join public.live_sessions s on s.id = c.session_id
     where c.session_id = any (p_session_ids)
       and c.peak_viewers is not null
       and ((select app_private.is_platform_admin())
            or s.cooperative_id in (select app_private.admin_coop_ids())
            or s.host_user_id = (select auth.uid()));
end
$$;

--
-- Name: set_income_disclosure(uuid, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.set_income_disclosure(p_cooperative_id uuid, p_enabled boolean) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if not (app_private.is_platform_admin() or p_cooperative_id in (select app_private.admin_coop_ids())) then
    raise exception 'not an admin of this cooperative' using errcode = '42501';
  end if;
  update public.cooperatives set disclosure_enabled = p_enabled where id = p_cooperative_id;
  return p_enabled;
end
$$;

--
-- Name: start_flash_sale(uuid, uuid, bigint, integer, integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.start_flash_sale(p_session_id uuid, p_product_id uuid, p_price_fen bigint, p_units integer, p_per_buyer_limit integer, p_duration_seconds integer) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: streamer_commission_by_session(uuid, uuid, date, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.streamer_commission_by_session(p_user_id uuid, p_cooperative_id uuid, p_from date, p_to date) RETURNS TABLE(live_session_id uuid, title_zh text, title_en text, started_on text, earned_fen bigint, refunds_fen bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select s.id, s.title_zh, s.title_en,
         to_char(coalesce(s.started_at, s.scheduled_start) at time zone 'Asia/Shanghai', 'YYYY-MM-DD'),
         coalesce(-sum(l.amount_fen) filter (where p.kind = 'payment'), 0)::bigint,
         coalesce(sum(l.amount_fen) filter (where p.kind = 'refund'), 0)::bigint
    from public.ledger_lines l
    join public.ledger_postings p on p.id = l.posting_id
    join public.ledger_accounts a on a.id = l.account_id
    left join public.order_items oi on oi.id = l.order_item_id
    left join public.live_sessions s on s.id = oi.live_session_id
   where a.kind = 'streamer' and a.user_id = p_user_id
     and (p_cooperative_id is null or a.cooperative_id = p_cooperative_id)
     and (p_user_id = auth.uid() or app_private.is_platform_admin()
          or a.cooperative_id in (select app_private.admin_coop_ids()))
     and p.kind in ('payment', 'refund')
     and p.created_at >= (p_from::timestamp at time zone 'Asia/Shanghai')
     and p.created_at < ((p_to + 1)::timestamp at time zone 'Asia/Shanghai')
   group by s.id
   order by min(coalesce(s.started_at, s.scheduled_start)) nulls last
$$;

--
-- Name: studio_session_stats(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.studio_session_stats(p_session_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
begin
  select * into v_session from public.live_sessions where id = p_session_id;
  if v_session.id is null or not app_private.may_run_session(v_session) then
    return null;
  end if;
  return jsonb_build_object(
    'viewers', (select count(*) from public.live_viewers v
                 where v.session_id = v_session.id and v.last_seen > now() - interval '40 seconds'),
    'orders', (select count(distinct oi.order_id) from public.order_items oi join public.orders o on o.id = oi.order_id
                where oi.live_session_id = v_session.id and o.paid_at is not null),
    'gmvFen', (select coalesce(sum(oi.line_total_fen), 0) from public.order_items oi join public.orders o on o.id = oi.order_id
                where oi.live_session_id = v_session.id and o.paid_at is not null),
    'topProducts', coalesce((select jsonb_agg(t order by t."quantity" desc, t."salesFen" desc) from (
        select oi.product_id as "productId", min(oi.title_zh) as "titleZh", min(oi.title_en) as "titleEn", min(oi.unit) as "unit",
               sum(oi.quantity)::int as "quantity", sum(oi.line_total_fen) as "salesFen"
          from public.order_items oi join public.orders o on o.id = oi.order_id
         where oi.live_session_id = v_session.id and o.paid_at is not null
         group by oi.product_id order by sum(oi.quantity) desc, sum(oi.line_total_fen) desc limit 5) t), '[]'::jsonb),
    'commissionFen', (select coalesce(-sum(l.amount_fen), 0) from public.ledger_lines l
                        join public.ledger_accounts a on a.id = l.account_id
                        join public.order_items oi on oi.id = l.order_item_id
                       where a.kind = 'streamer' and a.user_id = v_session.host_user_id and oi.live_session_id = v_session.id));
end
$$;

--
-- Name: unmute_chat_user(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unmute_chat_user(p_session_id uuid, p_user_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  delete from public.live_chat_mutes where session_id = v_session.id and user_id = p_user_id;
  return jsonb_build_object('ok', true, 'repeated', not found);
end
$$;

--
-- Name: unpin_product(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unpin_product(p_session_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
  v_event_id bigint;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  v_event_id := app_private.close_open_pin(v_session);
  update public.live_sessions set pinned_product_id = null where id = v_session.id and pinned_product_id is not null;
  return jsonb_build_object('ok', true, 'repeated', v_event_id is null, 'eventId', v_event_id);
end
$$;

--
-- Name: update_live_session(uuid, text, text, text, text, timestamp with time zone, uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.update_live_session(p_session_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone, p_product_ids uuid[]) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_session public.live_sessions;
  v_problem text;
begin
  v_session := app_private.session_to_run(p_session_id);
  if v_session.id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_session');
  end if;
  if v_session.status not in ('scheduled', 'live')
     or (v_session.status = 'live' and (p_scheduled_start is not null or p_product_ids is not null)) then
    return jsonb_build_object('ok', false, 'reason', 'wrong_status', 'status', v_session.status);
  end if;
  v_problem := app_private.session_input_problem(p_title_zh, p_title_en, p_description_zh, p_description_en, p_scheduled_start);
  if v_problem is not null then
    return jsonb_build_object('ok', false, 'reason', v_problem);
  end if;
  if p_product_ids is not null then
    if not app_private.set_session_products(v_session, p_product_ids) then
      return jsonb_build_object('ok', false, 'reason', 'bad_products');
    end if;
    -- A pinned product taken out of the session is unpinned.
    if v_session.pinned_product_id is not null and v_session.pinned_product_id <> all (p_product_ids) then
      perform app_private.close_open_pin(v_session);
      update public.live_sessions set pinned_product_id = null where id = v_session.id;
    end if;
  end if;
  update public.live_sessions
     set title_zh = btrim(p_title_zh), title_en = btrim(p_title_en),
         description_zh = coalesce(p_description_zh, ''), description_en = coalesce(p_description_en, ''),
         scheduled_start = coalesce(p_scheduled_start, scheduled_start)
   where id = v_session.id;
  return jsonb_build_object('ok', true);
end
$$;

--
-- Name: local_credentials; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.local_credentials (
    user_id uuid NOT NULL,
    password_hash text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: login_failures; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.login_failures (
    id bigint NOT NULL,
    key text NOT NULL,
    failed_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: login_failures_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.login_failures ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.login_failures_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: sessions; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.sessions (
    id text NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL
);

--
-- Name: stream_key_failures; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.stream_key_failures (
    id bigint NOT NULL,
    source text NOT NULL,
    failed_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: stream_key_failures_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.stream_key_failures ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.stream_key_failures_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: users; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.users (
    id uuid NOT NULL,
    email text,
    raw_user_meta_data jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: cart_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cart_items (
    cart_id uuid NOT NULL,
    product_id uuid NOT NULL,
    quantity integer NOT NULL,
    live_session_id uuid,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    flash_sale_id uuid,
    CONSTRAINT cart_items_quantity_check CHECK (((quantity >= 1) AND (quantity <= 999)))
);

--
-- Name: carts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.carts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    visitor_token_hash text,
    user_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT carts_check CHECK (((visitor_token_hash IS NOT NULL) OR (user_id IS NOT NULL)))
);

--
-- Name: categories; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.categories (
    slug text NOT NULL,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    CONSTRAINT categories_slug_check CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);

--
-- Name: cooperatives; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cooperatives (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    slug text NOT NULL,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    village_zh text NOT NULL,
    village_en text NOT NULL,
    town_zh text NOT NULL,
    town_en text NOT NULL,
    county_zh text NOT NULL,
    county_en text NOT NULL,
    province_zh text NOT NULL,
    province_en text NOT NULL,
    story_zh text DEFAULT ''::text NOT NULL,
    story_en text DEFAULT ''::text NOT NULL,
    founded_year integer,
    hero_image text,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    disclosure_enabled boolean DEFAULT false NOT NULL,
    CONSTRAINT cooperatives_founded_year_check CHECK (((founded_year >= 1949) AND (founded_year <= 2100))),
    CONSTRAINT cooperatives_slug_check CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT cooperatives_status_check CHECK ((status = ANY (ARRAY['active'::text, 'suspended'::text])))
);

--
-- Name: households; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.households (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    cooperative_id uuid NOT NULL,
    key text NOT NULL,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    head_name_zh text NOT NULL,
    head_name_en text NOT NULL,
    members integer DEFAULT 1 NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT households_key_check CHECK ((key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT households_members_check CHECK (((members >= 1) AND (members <= 50))),
    CONSTRAINT households_status_check CHECK ((status = ANY (ARRAY['active'::text, 'inactive'::text])))
);

--
-- Name: ledger_accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    kind text NOT NULL,
    cooperative_id uuid,
    household_id uuid,
    user_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    used_by_cooperative_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    CONSTRAINT ledger_accounts_check CHECK (
CASE kind
    WHEN 'household'::text THEN ((household_id IS NOT NULL) AND (cooperative_id IS NOT NULL) AND (user_id IS NULL))
    WHEN 'collective'::text THEN ((cooperative_id IS NOT NULL) AND (household_id IS NULL) AND (user_id IS NULL))
    WHEN 'streamer'::text THEN ((user_id IS NOT NULL) AND (household_id IS NULL))
    ELSE ((household_id IS NULL) AND (user_id IS NULL) AND (cooperative_id IS NULL))
END),
    CONSTRAINT ledger_accounts_kind_check CHECK ((kind = ANY (ARRAY['household'::text, 'collective'::text, 'streamer'::text, 'platform'::text, 'payments_clearing'::text, 'payouts_clearing'::text])))
);

--
-- Name: ledger_lines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_lines (
    id bigint NOT NULL,
    posting_id uuid NOT NULL,
    account_id uuid NOT NULL,
    order_item_id uuid,
    amount_fen bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    cooperative_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    CONSTRAINT ledger_lines_amount_fen_check CHECK ((amount_fen <> 0))
);

--
-- Name: ledger_lines_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.ledger_lines ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.ledger_lines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: ledger_postings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_postings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    kind text NOT NULL,
    idempotency_key text NOT NULL,
    order_id uuid,
    memo text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    cooperative_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    CONSTRAINT ledger_postings_kind_check CHECK ((kind = ANY (ARRAY['payment'::text, 'refund'::text, 'payout'::text, 'fee'::text, 'adjustment'::text])))
);

--
-- Name: live_chat_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_chat_messages (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    session_id uuid NOT NULL,
    user_id uuid,
    author_name text NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    hidden_at timestamp with time zone,
    hidden_by uuid,
    CONSTRAINT live_chat_messages_author_name_check CHECK (((char_length(author_name) <= 40) AND (POSITION(('@'::text) IN (author_name)) = 0))),
    CONSTRAINT live_chat_messages_body_check CHECK (((char_length(body) >= 1) AND (char_length(body) <= 200)))
);

--
-- Name: live_chat_mutes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_chat_mutes (
    session_id uuid NOT NULL,
    user_id uuid NOT NULL,
    muted_by uuid,
    muted_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: live_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.live_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.live_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: live_session_pins; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_session_pins (
    id bigint NOT NULL,
    session_id uuid NOT NULL,
    product_id uuid NOT NULL,
    pinned_by uuid,
    pinned_at timestamp with time zone DEFAULT now() NOT NULL,
    unpinned_at timestamp with time zone,
    offset_ms bigint,
    CONSTRAINT live_session_pins_check CHECK (((unpinned_at IS NULL) OR (unpinned_at >= pinned_at))),
    CONSTRAINT live_session_pins_offset_ms_check CHECK (((offset_ms IS NULL) OR (offset_ms >= 0)))
);

--
-- Name: live_session_pins_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.live_session_pins ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.live_session_pins_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: live_session_products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_session_products (
    session_id uuid NOT NULL,
    product_id uuid NOT NULL,
    "position" integer DEFAULT 0 NOT NULL
);

--
-- Name: live_session_secrets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_session_secrets (
    session_id uuid NOT NULL,
    stream_key text NOT NULL,
    rotated_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: live_viewer_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_viewer_counts (
    session_id uuid NOT NULL,
    viewers integer NOT NULL,
    published_at timestamp with time zone DEFAULT now() NOT NULL,
    peak_viewers integer,
    CONSTRAINT live_viewer_counts_peak_viewers_check CHECK ((peak_viewers >= 0))
);

--
-- Name: live_viewers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.live_viewers (
    session_id uuid NOT NULL,
    viewer_id text NOT NULL,
    last_seen timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT live_viewers_viewer_id_check CHECK ((viewer_id ~ '^[A-Za-z0-9_-]{16,64}$'::text))
);

--
-- Name: memberships; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.memberships (
    user_id uuid NOT NULL,
    cooperative_id uuid NOT NULL,
    role text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT memberships_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'streamer'::text])))
);

--
-- Name: order_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.order_items (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    order_id uuid NOT NULL,
    product_id uuid NOT NULL,
    cooperative_id uuid NOT NULL,
    household_id uuid,
    live_session_id uuid,
    streamer_user_id uuid,
    title_zh text NOT NULL,
    title_en text NOT NULL,
    unit text NOT NULL,
    unit_price_fen bigint NOT NULL,
    quantity integer NOT NULL,
    line_total_fen bigint NOT NULL,
    refunded_quantity integer DEFAULT 0 NOT NULL,
    split_household_bp integer NOT NULL,
    split_collective_bp integer NOT NULL,
    split_streamer_bp integer NOT NULL,
    split_platform_bp integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    flash_sale_id uuid,
    CONSTRAINT order_items_check CHECK ((line_total_fen = (unit_price_fen * quantity))),
    CONSTRAINT order_items_check1 CHECK (((refunded_quantity >= 0) AND (refunded_quantity <= quantity))),
    CONSTRAINT order_items_check2 CHECK (((split_household_bp >= 0) AND (split_collective_bp >= 0) AND (split_streamer_bp >= 0) AND (split_platform_bp >= 0))),
    CONSTRAINT order_items_check3 CHECK (((((split_household_bp + split_collective_bp) + split_streamer_bp) + split_platform_bp) = 10000)),
    CONSTRAINT order_items_check4 CHECK (((live_session_id IS NULL) = (streamer_user_id IS NULL))),
    CONSTRAINT order_items_quantity_check CHECK ((quantity > 0)),
    CONSTRAINT order_items_unit_price_fen_check CHECK ((unit_price_fen > 0))
);

--
-- Name: orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orders (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    buyer_user_id uuid,
    access_token_hash text,
    status text DEFAULT 'pending_payment'::text NOT NULL,
    currency text DEFAULT 'CNY'::text NOT NULL,
    subtotal_fen bigint NOT NULL,
    shipping_fen bigint DEFAULT 0 NOT NULL,
    total_fen bigint NOT NULL,
    refunded_fen bigint DEFAULT 0 NOT NULL,
    contact_name text NOT NULL,
    contact_phone text NOT NULL,
    province text NOT NULL,
    city text NOT NULL,
    district text NOT NULL,
    address_line text NOT NULL,
    locale text DEFAULT 'zh-CN'::text NOT NULL,
    payment_provider text DEFAULT 'demo'::text NOT NULL,
    payment_reference text,
    reserved_until timestamp with time zone NOT NULL,
    paid_at timestamp with time zone,
    fulfilled_at timestamp with time zone,
    cancelled_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    cooperative_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    stripe_checkout_session_id text,
    stripe_checkout_url text,
    stripe_checkout_expires_at timestamp with time zone,
    CONSTRAINT orders_check CHECK (((refunded_fen >= 0) AND (refunded_fen <= total_fen))),
    CONSTRAINT orders_check1 CHECK ((total_fen = (subtotal_fen + shipping_fen))),
    CONSTRAINT orders_currency_check CHECK ((currency = 'CNY'::text)),
    CONSTRAINT orders_locale_check CHECK ((locale = ANY (ARRAY['zh-CN'::text, 'en'::text]))),
    CONSTRAINT orders_payment_provider_check CHECK ((payment_provider = ANY (ARRAY['demo'::text, 'stripe'::text]))),
    CONSTRAINT orders_shipping_fen_check CHECK ((shipping_fen >= 0)),
    CONSTRAINT orders_status_check CHECK ((status = ANY (ARRAY['pending_payment'::text, 'paid'::text, 'fulfilled'::text, 'cancelled'::text, 'refunded'::text, 'partially_refunded'::text]))),
    CONSTRAINT orders_subtotal_fen_check CHECK ((subtotal_fen >= 0)),
    CONSTRAINT orders_total_fen_check CHECK ((total_fen >= 0))
);

--
-- Name: payment_auto_refunds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_auto_refunds (
    payment_intent_id text NOT NULL,
    order_id uuid NOT NULL,
    checkout_session_id text,
    event_id text NOT NULL,
    amount_minor bigint NOT NULL,
    currency text NOT NULL,
    reason text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    stripe_refund_id text,
    failure text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    refunded_at timestamp with time zone,
    CONSTRAINT payment_auto_refunds_amount_minor_check CHECK ((amount_minor > 0)),
    CONSTRAINT payment_auto_refunds_reason_check CHECK ((reason = ANY (ARRAY['order_expired'::text, 'order_cancelled'::text, 'amount_mismatch'::text, 'already_paid'::text]))),
    CONSTRAINT payment_auto_refunds_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'succeeded'::text, 'failed'::text])))
);

--
-- Name: payment_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment_events (
    id text NOT NULL,
    provider text NOT NULL,
    type text NOT NULL,
    order_id uuid,
    payload jsonb NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    processed_at timestamp with time zone,
    CONSTRAINT payment_events_provider_check CHECK ((provider = ANY (ARRAY['demo'::text, 'stripe'::text])))
);

--
-- Name: payouts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payouts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    cooperative_id uuid NOT NULL,
    account_id uuid NOT NULL,
    amount_fen bigint NOT NULL,
    method text NOT NULL,
    receipt_note text DEFAULT ''::text NOT NULL,
    stripe_transfer_id text,
    posting_id uuid,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    idempotency_key text,
    paid_on date,
    created_by_name text DEFAULT ''::text NOT NULL,
    order_id uuid,
    CONSTRAINT payouts_amount_fen_check CHECK ((amount_fen > 0)),
    CONSTRAINT payouts_idempotency_key_check CHECK (((char_length(idempotency_key) >= 1) AND (char_length(idempotency_key) <= 100))),
    CONSTRAINT payouts_method_check CHECK ((method = ANY (ARRAY['cash'::text, 'bank'::text, 'stripe_transfer'::text]))),
    CONSTRAINT payouts_receipt_note_length CHECK ((char_length(receipt_note) <= 200)),
    CONSTRAINT payouts_transfer_id_only_for_transfers CHECK (((stripe_transfer_id IS NULL) OR (method = 'stripe_transfer'::text)))
);

--
-- Name: product_stock; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.product_stock (
    product_id uuid NOT NULL,
    stock integer NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT product_stock_at_most_a_million CHECK ((stock <= 1000000)),
    CONSTRAINT product_stock_stock_check CHECK ((stock >= 0))
);

--
-- Name: products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.products (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    cooperative_id uuid NOT NULL,
    household_id uuid,
    slug text NOT NULL,
    title_zh text NOT NULL,
    title_en text NOT NULL,
    description_zh text DEFAULT ''::text NOT NULL,
    description_en text DEFAULT ''::text NOT NULL,
    category_slug text NOT NULL,
    unit text NOT NULL,
    price_fen bigint NOT NULL,
    per_buyer_limit integer,
    images jsonb DEFAULT '[]'::jsonb NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    featured boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT products_images_check CHECK ((jsonb_typeof(images) = 'array'::text)),
    CONSTRAINT products_per_buyer_limit_check CHECK (((per_buyer_limit IS NULL) OR (per_buyer_limit > 0))),
    CONSTRAINT products_price_fen_check CHECK (((price_fen > 0) AND (price_fen <= 100000000))),
    CONSTRAINT products_slug_check CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT products_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'active'::text, 'archived'::text]))),
    CONSTRAINT products_unit_check CHECK ((unit = ANY (ARRAY['kg'::text, 'jin'::text, 'box'::text, 'bag'::text, 'jar'::text, 'piece'::text])))
);

--
-- Name: profiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.profiles (
    id uuid NOT NULL,
    email text NOT NULL,
    display_name text NOT NULL,
    is_platform_admin boolean DEFAULT false NOT NULL,
    preferred_locale text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT profiles_preferred_locale_check CHECK ((preferred_locale = ANY (ARRAY['zh-CN'::text, 'en'::text])))
);

--
-- Name: refund_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.refund_items (
    refund_id uuid NOT NULL,
    order_item_id uuid NOT NULL,
    quantity integer NOT NULL,
    amount_fen bigint NOT NULL,
    CONSTRAINT refund_items_amount_fen_check CHECK ((amount_fen > 0)),
    CONSTRAINT refund_items_quantity_check CHECK ((quantity > 0))
);

--
-- Name: refunds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.refunds (
    id uuid NOT NULL,
    order_id uuid NOT NULL,
    amount_fen bigint NOT NULL,
    restock boolean DEFAULT false NOT NULL,
    reason text DEFAULT ''::text NOT NULL,
    posting_id uuid NOT NULL,
    provider_refund_id text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT refunds_amount_fen_check CHECK ((amount_fen > 0))
);

--
-- Name: split_rules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.split_rules (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    cooperative_id uuid NOT NULL,
    product_id uuid,
    household_bp integer NOT NULL,
    collective_bp integer NOT NULL,
    streamer_bp integer NOT NULL,
    platform_bp integer NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT split_rules_collective_bp_check CHECK (((collective_bp >= 0) AND (collective_bp <= 10000))),
    CONSTRAINT split_rules_household_bp_check CHECK (((household_bp >= 0) AND (household_bp <= 10000))),
    CONSTRAINT split_rules_platform_bp_check CHECK (((platform_bp >= 0) AND (platform_bp <= 10000))),
    CONSTRAINT split_rules_streamer_bp_check CHECK (((streamer_bp >= 0) AND (streamer_bp <= 10000))),
    CONSTRAINT split_rules_sum_to_whole CHECK (((((household_bp + collective_bp) + streamer_bp) + platform_bp) = 10000))
);

--
-- Name: stripe_connected_accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stripe_connected_accounts (
    id text NOT NULL,
    cooperative_id uuid NOT NULL,
    household_id uuid,
    payouts_enabled boolean DEFAULT false NOT NULL,
    charges_enabled boolean DEFAULT false NOT NULL,
    details_submitted boolean DEFAULT false NOT NULL,
    stripe_updated_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT stripe_connected_accounts_id_check CHECK ((id ~ '^acct_[A-Za-z0-9_]+$'::text))
);

--
-- Name: stripe_disputes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stripe_disputes (
    id text NOT NULL,
    order_id uuid NOT NULL,
    charge_id text,
    amount_fen bigint NOT NULL,
    reason text DEFAULT ''::text NOT NULL,
    stripe_status text DEFAULT ''::text NOT NULL,
    opened_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    outcome text,
    CONSTRAINT stripe_disputes_amount_fen_check CHECK ((amount_fen >= 0)),
    CONSTRAINT stripe_disputes_check CHECK (((closed_at IS NULL) = (outcome IS NULL))),
    CONSTRAINT stripe_disputes_id_check CHECK ((id ~ '^(dp|du)_\w+$'::text)),
    CONSTRAINT stripe_disputes_outcome_check CHECK ((outcome = ANY (ARRAY['won'::text, 'lost'::text]))),
    CONSTRAINT stripe_disputes_reason_check CHECK ((char_length(reason) <= 100)),
    CONSTRAINT stripe_disputes_stripe_status_check CHECK ((char_length(stripe_status) <= 50))
);

--
-- Name: stripe_outside_refunds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stripe_outside_refunds (
    charge_id text NOT NULL,
    order_id uuid NOT NULL,
    amount_refunded_fen bigint NOT NULL,
    unknown_fen bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT stripe_outside_refunds_amount_refunded_fen_check CHECK ((amount_refunded_fen > 0)),
    CONSTRAINT stripe_outside_refunds_unknown_fen_check CHECK ((unknown_fen > 0))
);

--
-- Name: stripe_refunds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stripe_refunds (
    refund_id uuid NOT NULL,
    order_id uuid NOT NULL,
    payment_intent_id text NOT NULL,
    amount_fen bigint NOT NULL,
    covered_fen bigint DEFAULT 0 NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    stripe_refund_id text,
    failure text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    settled_at timestamp with time zone,
    CONSTRAINT stripe_refunds_amount_fen_check CHECK ((amount_fen > 0)),
    CONSTRAINT stripe_refunds_check CHECK (((status = 'pending'::text) = (settled_at IS NULL))),
    CONSTRAINT stripe_refunds_check1 CHECK (((covered_fen >= 0) AND (covered_fen <= amount_fen))),
    CONSTRAINT stripe_refunds_failure_check CHECK ((char_length(failure) <= 500)),
    CONSTRAINT stripe_refunds_payment_intent_id_check CHECK ((payment_intent_id ~ '^pi_\w+$'::text)),
    CONSTRAINT stripe_refunds_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'succeeded'::text, 'failed'::text])))
);

--
-- Name: stripe_transfer_reversals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stripe_transfer_reversals (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    transfer_id uuid NOT NULL,
    refund_id uuid,
    amount_fen bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    stripe_reversal_id text,
    posting_id uuid,
    failure text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    settled_at timestamp with time zone,
    CONSTRAINT stripe_transfer_reversals_amount_fen_check CHECK ((amount_fen > 0)),
    CONSTRAINT stripe_transfer_reversals_check CHECK (((status = 'succeeded'::text) = (posting_id IS NOT NULL))),
    CONSTRAINT stripe_transfer_reversals_check1 CHECK (((status = 'pending'::text) = (settled_at IS NULL))),
    CONSTRAINT stripe_transfer_reversals_failure_check CHECK ((char_length(failure) <= 500)),
    CONSTRAINT stripe_transfer_reversals_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'succeeded'::text, 'failed'::text])))
);

--
-- Name: stripe_transfers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stripe_transfers (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    order_id uuid NOT NULL,
    account_id uuid NOT NULL,
    cooperative_id uuid NOT NULL,
    connected_account_id text NOT NULL,
    amount_fen bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    source_charge_id text,
    stripe_transfer_id text,
    payout_id uuid,
    reversed_fen bigint DEFAULT 0 NOT NULL,
    failure text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT stripe_transfers_amount_fen_check CHECK ((amount_fen > 0)),
    CONSTRAINT stripe_transfers_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT stripe_transfers_check CHECK (((reversed_fen >= 0) AND (reversed_fen <= amount_fen))),
    CONSTRAINT stripe_transfers_check1 CHECK (((status = 'sent'::text) = ((stripe_transfer_id IS NOT NULL) AND (payout_id IS NOT NULL) AND (sent_at IS NOT NULL)))),
    CONSTRAINT stripe_transfers_failure_check CHECK ((char_length(failure) <= 500)),
    CONSTRAINT stripe_transfers_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sending'::text, 'sent'::text, 'held'::text, 'failed'::text])))
);

--
-- Name: stripe_webhook_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stripe_webhook_events (
    id text NOT NULL,
    type text NOT NULL,
    object_id text,
    dedupe_key text NOT NULL,
    livemode boolean DEFAULT false NOT NULL,
    stripe_created_at timestamp with time zone NOT NULL,
    payload jsonb NOT NULL,
    status text DEFAULT 'received'::text NOT NULL,
    outcome text,
    order_id uuid,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    processed_at timestamp with time zone,
    CONSTRAINT stripe_webhook_events_check CHECK (((status = 'received'::text) = (processed_at IS NULL))),
    CONSTRAINT stripe_webhook_events_id_check CHECK ((id ~~ 'evt_%'::text)),
    CONSTRAINT stripe_webhook_events_status_check CHECK ((status = ANY (ARRAY['received'::text, 'processed'::text, 'ignored'::text, 'deferred'::text, 'failed'::text])))
);

--
-- Name: local_credentials local_credentials_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.local_credentials
    ADD CONSTRAINT local_credentials_pkey PRIMARY KEY (user_id);

--
-- Name: login_failures login_failures_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.login_failures
    ADD CONSTRAINT login_failures_pkey PRIMARY KEY (id);

--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);

--
-- Name: stream_key_failures stream_key_failures_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.stream_key_failures
    ADD CONSTRAINT stream_key_failures_pkey PRIMARY KEY (id);

--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: cart_items cart_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT cart_items_pkey PRIMARY KEY (cart_id, product_id);

--
-- Name: carts carts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.carts
    ADD CONSTRAINT carts_pkey PRIMARY KEY (id);

--
-- Name: carts carts_visitor_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.carts
    ADD CONSTRAINT carts_visitor_token_hash_key UNIQUE (visitor_token_hash);

--
-- Name: categories categories_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (slug);

--
-- Name: cooperatives cooperatives_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cooperatives
    ADD CONSTRAINT cooperatives_pkey PRIMARY KEY (id);

--
-- Name: cooperatives cooperatives_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cooperatives
    ADD CONSTRAINT cooperatives_slug_key UNIQUE (slug);

--
-- Name: flash_sales flash_sales_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flash_sales
    ADD CONSTRAINT flash_sales_pkey PRIMARY KEY (id);

--
-- Name: households households_cooperative_id_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.households
    ADD CONSTRAINT households_cooperative_id_key_key UNIQUE (cooperative_id, key);

--
-- Name: households households_id_cooperative_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.households
    ADD CONSTRAINT households_id_cooperative_id_key UNIQUE (id, cooperative_id);

--
-- Name: households households_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.households
    ADD CONSTRAINT households_pkey PRIMARY KEY (id);

--
-- Name: ledger_accounts ledger_accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_accounts
    ADD CONSTRAINT ledger_accounts_pkey PRIMARY KEY (id);

--
-- Name: ledger_lines ledger_lines_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_lines
    ADD CONSTRAINT ledger_lines_pkey PRIMARY KEY (id);

--
-- Name: ledger_postings ledger_postings_idempotency_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_postings
    ADD CONSTRAINT ledger_postings_idempotency_key_key UNIQUE (idempotency_key);

--
-- Name: ledger_postings ledger_postings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_postings
    ADD CONSTRAINT ledger_postings_pkey PRIMARY KEY (id);

--
-- Name: live_chat_messages live_chat_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_chat_messages
    ADD CONSTRAINT live_chat_messages_pkey PRIMARY KEY (id);

--
-- Name: live_chat_mutes live_chat_mutes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_chat_mutes
    ADD CONSTRAINT live_chat_mutes_pkey PRIMARY KEY (session_id, user_id);

--
-- Name: live_events live_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_events
    ADD CONSTRAINT live_events_pkey PRIMARY KEY (id);

--
-- Name: live_session_pins live_session_pins_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_pins
    ADD CONSTRAINT live_session_pins_pkey PRIMARY KEY (id);

--
-- Name: live_session_products live_session_products_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_products
    ADD CONSTRAINT live_session_products_pkey PRIMARY KEY (session_id, product_id);

--
-- Name: live_session_secrets live_session_secrets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_secrets
    ADD CONSTRAINT live_session_secrets_pkey PRIMARY KEY (session_id);

--
-- Name: live_session_secrets live_session_secrets_stream_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_secrets
    ADD CONSTRAINT live_session_secrets_stream_key_key UNIQUE (stream_key);

--
-- Name: live_sessions live_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_sessions
    ADD CONSTRAINT live_sessions_pkey PRIMARY KEY (id);

--
-- Name: live_viewer_counts live_viewer_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_viewer_counts
    ADD CONSTRAINT live_viewer_counts_pkey PRIMARY KEY (session_id);

--
-- Name: live_viewers live_viewers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_viewers
    ADD CONSTRAINT live_viewers_pkey PRIMARY KEY (session_id, viewer_id);

--
-- Name: memberships memberships_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_pkey PRIMARY KEY (user_id, cooperative_id, role);

--
-- Name: order_items order_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_pkey PRIMARY KEY (id);

--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

--
-- Name: orders orders_stripe_checkout_session_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_stripe_checkout_session_id_key UNIQUE (stripe_checkout_session_id);

--
-- Name: payment_auto_refunds payment_auto_refunds_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_auto_refunds
    ADD CONSTRAINT payment_auto_refunds_pkey PRIMARY KEY (payment_intent_id);

--
-- Name: payment_auto_refunds payment_auto_refunds_stripe_refund_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_auto_refunds
    ADD CONSTRAINT payment_auto_refunds_stripe_refund_id_key UNIQUE (stripe_refund_id);

--
-- Name: payment_events payment_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_events
    ADD CONSTRAINT payment_events_pkey PRIMARY KEY (id);

--
-- Name: payouts payouts_idempotency_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_idempotency_key_key UNIQUE (idempotency_key);

--
-- Name: payouts payouts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_pkey PRIMARY KEY (id);

--
-- Name: payouts payouts_posting_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_posting_id_key UNIQUE (posting_id);

--
-- Name: payouts payouts_stripe_transfer_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_stripe_transfer_id_key UNIQUE (stripe_transfer_id);

--
-- Name: product_stock product_stock_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_stock
    ADD CONSTRAINT product_stock_pkey PRIMARY KEY (product_id);

--
-- Name: products products_id_cooperative_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_id_cooperative_id_key UNIQUE (id, cooperative_id);

--
-- Name: products products_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);

--
-- Name: products products_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_slug_key UNIQUE (slug);

--
-- Name: profiles profiles_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_email_key UNIQUE (email);

--
-- Name: profiles profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_pkey PRIMARY KEY (id);

--
-- Name: refund_items refund_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund_items
    ADD CONSTRAINT refund_items_pkey PRIMARY KEY (refund_id, order_item_id);

--
-- Name: refunds refunds_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_pkey PRIMARY KEY (id);

--
-- Name: refunds refunds_posting_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_posting_id_key UNIQUE (posting_id);

--
-- Name: refunds refunds_provider_refund_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_provider_refund_id_key UNIQUE (provider_refund_id);

--
-- Name: split_rules split_rules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.split_rules
    ADD CONSTRAINT split_rules_pkey PRIMARY KEY (id);

--
-- Name: stripe_connected_accounts stripe_connected_accounts_payee_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_connected_accounts
    ADD CONSTRAINT stripe_connected_accounts_payee_key UNIQUE NULLS NOT DISTINCT (cooperative_id, household_id);

--
-- Name: stripe_connected_accounts stripe_connected_accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_connected_accounts
    ADD CONSTRAINT stripe_connected_accounts_pkey PRIMARY KEY (id);

--
-- Name: stripe_disputes stripe_disputes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_disputes
    ADD CONSTRAINT stripe_disputes_pkey PRIMARY KEY (id);

--
-- Name: stripe_outside_refunds stripe_outside_refunds_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_outside_refunds
    ADD CONSTRAINT stripe_outside_refunds_pkey PRIMARY KEY (charge_id);

--
-- Name: stripe_refunds stripe_refunds_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_refunds
    ADD CONSTRAINT stripe_refunds_pkey PRIMARY KEY (refund_id);

--
-- Name: stripe_refunds stripe_refunds_stripe_refund_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_refunds
    ADD CONSTRAINT stripe_refunds_stripe_refund_id_key UNIQUE (stripe_refund_id);

--
-- Name: stripe_transfer_reversals stripe_transfer_reversals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfer_reversals
    ADD CONSTRAINT stripe_transfer_reversals_pkey PRIMARY KEY (id);

--
-- Name: stripe_transfer_reversals stripe_transfer_reversals_posting_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfer_reversals
    ADD CONSTRAINT stripe_transfer_reversals_posting_id_key UNIQUE (posting_id);

--
-- Name: stripe_transfer_reversals stripe_transfer_reversals_refund_id_transfer_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfer_reversals
    ADD CONSTRAINT stripe_transfer_reversals_refund_id_transfer_id_key UNIQUE (refund_id, transfer_id);

--
-- Name: stripe_transfer_reversals stripe_transfer_reversals_stripe_reversal_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfer_reversals
    ADD CONSTRAINT stripe_transfer_reversals_stripe_reversal_id_key UNIQUE (stripe_reversal_id);

--
-- Name: stripe_transfers stripe_transfers_order_id_account_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_order_id_account_id_key UNIQUE (order_id, account_id);

--
-- Name: stripe_transfers stripe_transfers_payout_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_payout_id_key UNIQUE (payout_id);

--
-- Name: stripe_transfers stripe_transfers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_pkey PRIMARY KEY (id);

--
-- Name: stripe_transfers stripe_transfers_stripe_transfer_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_stripe_transfer_id_key UNIQUE (stripe_transfer_id);

--
-- Name: stripe_webhook_events stripe_webhook_events_dedupe_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_webhook_events
    ADD CONSTRAINT stripe_webhook_events_dedupe_key_key UNIQUE (dedupe_key);

--
-- Name: stripe_webhook_events stripe_webhook_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_webhook_events
    ADD CONSTRAINT stripe_webhook_events_pkey PRIMARY KEY (id);

--
-- Name: login_failures_key_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX login_failures_key_idx ON app_private.login_failures USING btree (key, failed_at);

--
-- Name: sessions_user_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX sessions_user_idx ON app_private.sessions USING btree (user_id);

--
-- Name: stream_key_failures_source_idx; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX stream_key_failures_source_idx ON app_private.stream_key_failures USING btree (source, failed_at);

--
-- Name: cart_items_product_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cart_items_product_idx ON public.cart_items USING btree (product_id);

--
-- Name: carts_user_uniq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX carts_user_uniq ON public.carts USING btree (user_id) WHERE (user_id IS NOT NULL);

--
-- Name: flash_sales_one_open_per_session; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX flash_sales_one_open_per_session ON public.flash_sales USING btree (session_id) WHERE (ended_at IS NULL);

--
-- Name: flash_sales_session_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX flash_sales_session_idx ON public.flash_sales USING btree (session_id, starts_at);

--
-- Name: ledger_accounts_collective_uniq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_accounts_collective_uniq ON public.ledger_accounts USING btree (cooperative_id) WHERE (kind = 'collective'::text);

--
-- Name: ledger_accounts_household_uniq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_accounts_household_uniq ON public.ledger_accounts USING btree (household_id) WHERE (kind = 'household'::text);

--
-- Name: ledger_accounts_singletons_uniq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_accounts_singletons_uniq ON public.ledger_accounts USING btree (kind) WHERE (kind = ANY (ARRAY['platform'::text, 'payments_clearing'::text, 'payouts_clearing'::text]));

--
-- Name: ledger_accounts_streamer_uniq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_accounts_streamer_uniq ON public.ledger_accounts USING btree (user_id, cooperative_id) WHERE (kind = 'streamer'::text);

--
-- Name: ledger_lines_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_lines_account_idx ON public.ledger_lines USING btree (account_id);

--
-- Name: ledger_lines_order_item_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_lines_order_item_idx ON public.ledger_lines USING btree (order_item_id);

--
-- Name: ledger_lines_posting_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_lines_posting_idx ON public.ledger_lines USING btree (posting_id);

--
-- Name: ledger_postings_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_postings_created_idx ON public.ledger_postings USING btree (created_at) INCLUDE (kind, order_id);

--
-- Name: ledger_postings_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_postings_order_idx ON public.ledger_postings USING btree (order_id);

--
-- Name: live_chat_messages_author_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX live_chat_messages_author_idx ON public.live_chat_messages USING btree (session_id, user_id, created_at DESC);

--
-- Name: live_chat_messages_session_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX live_chat_messages_session_idx ON public.live_chat_messages USING btree (session_id, created_at DESC);

--
-- Name: live_events_session_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX live_events_session_idx ON public.live_events USING btree (session_id, id);

--
-- Name: live_session_pins_one_open; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX live_session_pins_one_open ON public.live_session_pins USING btree (session_id) WHERE (unpinned_at IS NULL);

--
-- Name: live_session_pins_session_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX live_session_pins_session_idx ON public.live_session_pins USING btree (session_id, pinned_at);

--
-- Name: live_sessions_cooperative_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX live_sessions_cooperative_idx ON public.live_sessions USING btree (cooperative_id);

--
-- Name: live_sessions_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX live_sessions_status_idx ON public.live_sessions USING btree (status, scheduled_start);

--
-- Name: live_viewers_seen_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX live_viewers_seen_idx ON public.live_viewers USING btree (session_id, last_seen);

--
-- Name: memberships_cooperative_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX memberships_cooperative_idx ON public.memberships USING btree (cooperative_id);

--
-- Name: order_items_cooperative_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_items_cooperative_idx ON public.order_items USING btree (cooperative_id, created_at);

--
-- Name: order_items_flash_sale_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_items_flash_sale_idx ON public.order_items USING btree (flash_sale_id) WHERE (flash_sale_id IS NOT NULL);

--
-- Name: order_items_household_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_items_household_idx ON public.order_items USING btree (household_id);

--
-- Name: order_items_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_items_order_idx ON public.order_items USING btree (order_id);

--
-- Name: order_items_session_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_items_session_idx ON public.order_items USING btree (live_session_id);

--
-- Name: orders_access_token_hash_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_access_token_hash_idx ON public.orders USING btree (access_token_hash) WHERE (access_token_hash IS NOT NULL);

--
-- Name: orders_buyer_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_buyer_idx ON public.orders USING btree (buyer_user_id);

--
-- Name: orders_contact_phone_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_contact_phone_idx ON public.orders USING btree (contact_phone);

--
-- Name: orders_created_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_created_at_idx ON public.orders USING btree (created_at DESC);

--
-- Name: orders_pending_expiry_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_pending_expiry_idx ON public.orders USING btree (reserved_until) WHERE (status = 'pending_payment'::text);

--
-- Name: payment_auto_refunds_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_auto_refunds_order_idx ON public.payment_auto_refunds USING btree (order_id);

--
-- Name: payouts_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payouts_account_idx ON public.payouts USING btree (account_id, created_at);

--
-- Name: payouts_cooperative_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payouts_cooperative_idx ON public.payouts USING btree (cooperative_id, created_at);

--
-- Name: products_category_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX products_category_idx ON public.products USING btree (category_slug);

--
-- Name: products_cooperative_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX products_cooperative_idx ON public.products USING btree (cooperative_id);

--
-- Name: products_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX products_status_idx ON public.products USING btree (status) WHERE (status = 'active'::text);

--
-- Name: refunds_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refunds_order_idx ON public.refunds USING btree (order_id);

--
-- Name: split_rules_one_default_per_coop; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX split_rules_one_default_per_coop ON public.split_rules USING btree (cooperative_id) WHERE (product_id IS NULL);

--
-- Name: split_rules_one_override_per_product; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX split_rules_one_override_per_product ON public.split_rules USING btree (product_id) WHERE (product_id IS NOT NULL);

--
-- Name: stripe_disputes_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_disputes_order_idx ON public.stripe_disputes USING btree (order_id);

--
-- Name: stripe_outside_refunds_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_outside_refunds_order_idx ON public.stripe_outside_refunds USING btree (order_id);

--
-- Name: stripe_refunds_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_refunds_order_idx ON public.stripe_refunds USING btree (order_id);

--
-- Name: stripe_refunds_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_refunds_pending_idx ON public.stripe_refunds USING btree (created_at) WHERE (status = 'pending'::text);

--
-- Name: stripe_transfer_reversals_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_transfer_reversals_pending_idx ON public.stripe_transfer_reversals USING btree (created_at) WHERE (status = 'pending'::text);

--
-- Name: stripe_transfer_reversals_transfer_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_transfer_reversals_transfer_idx ON public.stripe_transfer_reversals USING btree (transfer_id);

--
-- Name: stripe_transfers_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_transfers_account_idx ON public.stripe_transfers USING btree (account_id) WHERE (status = ANY (ARRAY['pending'::text, 'held'::text]));

--
-- Name: stripe_transfers_cooperative_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_transfers_cooperative_idx ON public.stripe_transfers USING btree (cooperative_id, created_at);

--
-- Name: stripe_transfers_unsent_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_transfers_unsent_idx ON public.stripe_transfers USING btree (created_at) WHERE (status = ANY (ARRAY['pending'::text, 'sending'::text]));

--
-- Name: stripe_webhook_events_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_webhook_events_order_idx ON public.stripe_webhook_events USING btree (order_id) WHERE (order_id IS NOT NULL);

--
-- Name: stripe_webhook_events_unprocessed_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stripe_webhook_events_unprocessed_idx ON public.stripe_webhook_events USING btree (received_at) WHERE (status = ANY (ARRAY['received'::text, 'deferred'::text]));

--
-- Name: ledger_postings_shanghai_day_stats; Type: STATISTICS; Schema: public; Owner: -
--

CREATE STATISTICS public.ledger_postings_shanghai_day_stats ON date_trunc('day'::text, (created_at AT TIME ZONE 'Asia/Shanghai'::text)) FROM public.ledger_postings;

--
-- Name: cart_items cart_items_tag_flash_sale; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cart_items_tag_flash_sale BEFORE INSERT OR UPDATE ON public.cart_items FOR EACH ROW EXECUTE FUNCTION app_private.tag_cart_flash_sale();

--
-- Name: ledger_lines ledger_lines_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_lines_append_only BEFORE DELETE OR UPDATE ON public.ledger_lines FOR EACH ROW EXECUTE FUNCTION app_private.refuse_ledger_mutation();

--
-- Name: ledger_lines ledger_lines_balanced; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER ledger_lines_balanced AFTER INSERT ON public.ledger_lines DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_private.check_posting_balanced();

--
-- Name: ledger_lines ledger_lines_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_lines_no_truncate BEFORE TRUNCATE ON public.ledger_lines FOR EACH STATEMENT EXECUTE FUNCTION app_private.refuse_ledger_mutation();

--
-- Name: ledger_lines ledger_lines_record_account_users; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_lines_record_account_users AFTER INSERT ON public.ledger_lines REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION app_private.record_account_users();

--
-- Name: ledger_lines ledger_lines_record_cooperatives; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_lines_record_cooperatives BEFORE INSERT ON public.ledger_lines FOR EACH ROW EXECUTE FUNCTION app_private.record_line_cooperatives();

--
-- Name: ledger_postings ledger_postings_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_postings_append_only BEFORE DELETE OR UPDATE ON public.ledger_postings FOR EACH ROW EXECUTE FUNCTION app_private.refuse_ledger_mutation();

--
-- Name: ledger_postings ledger_postings_have_lines; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER ledger_postings_have_lines AFTER INSERT ON public.ledger_postings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app_private.check_posting_has_lines();

--
-- Name: ledger_postings ledger_postings_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON public.ledger_postings FOR EACH STATEMENT EXECUTE FUNCTION app_private.refuse_ledger_mutation();

--
-- Name: ledger_postings ledger_postings_record_cooperatives; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_postings_record_cooperatives BEFORE INSERT ON public.ledger_postings FOR EACH ROW EXECUTE FUNCTION app_private.record_posting_cooperatives();

--
-- Name: live_events live_events_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER live_events_notify AFTER INSERT ON public.live_events FOR EACH ROW EXECUTE FUNCTION app_private.notify_live_event();

--
-- Name: live_sessions live_sessions_end_flash_sale; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER live_sessions_end_flash_sale AFTER UPDATE OF status ON public.live_sessions FOR EACH ROW WHEN (((old.status = 'live'::text) AND (new.status <> 'live'::text))) EXECUTE FUNCTION app_private.end_flash_sale_with_session();

--
-- Name: order_items order_items_record_cooperatives; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER order_items_record_cooperatives AFTER INSERT ON public.order_items REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION app_private.record_order_cooperatives();

--
-- Name: orders orders_announce_live_sale; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER orders_announce_live_sale AFTER UPDATE OF status ON public.orders FOR EACH ROW WHEN (((old.status = 'pending_payment'::text) AND (new.status = 'paid'::text))) EXECUTE FUNCTION app_private.announce_live_sale();

--
-- Name: refunds refunds_queue_stripe_refund; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER refunds_queue_stripe_refund AFTER INSERT ON public.refunds FOR EACH ROW EXECUTE FUNCTION app_private.queue_stripe_refund();

--
-- Name: local_credentials local_credentials_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.local_credentials
    ADD CONSTRAINT local_credentials_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: cart_items cart_items_cart_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT cart_items_cart_id_fkey FOREIGN KEY (cart_id) REFERENCES public.carts(id) ON DELETE CASCADE;

--
-- Name: cart_items cart_items_flash_sale_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT cart_items_flash_sale_id_fkey FOREIGN KEY (flash_sale_id) REFERENCES public.flash_sales(id) ON DELETE SET NULL;

--
-- Name: cart_items cart_items_live_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT cart_items_live_session_id_fkey FOREIGN KEY (live_session_id) REFERENCES public.live_sessions(id) ON DELETE SET NULL;

--
-- Name: cart_items cart_items_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT cart_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;

--
-- Name: carts carts_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.carts
    ADD CONSTRAINT carts_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: flash_sales flash_sales_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flash_sales
    ADD CONSTRAINT flash_sales_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;

--
-- Name: flash_sales flash_sales_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flash_sales
    ADD CONSTRAINT flash_sales_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: flash_sales flash_sales_started_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flash_sales
    ADD CONSTRAINT flash_sales_started_by_fkey FOREIGN KEY (started_by) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: households households_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.households
    ADD CONSTRAINT households_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE RESTRICT;

--
-- Name: ledger_accounts ledger_accounts_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_accounts
    ADD CONSTRAINT ledger_accounts_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE RESTRICT;

--
-- Name: ledger_accounts ledger_accounts_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_accounts
    ADD CONSTRAINT ledger_accounts_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id) ON DELETE RESTRICT;

--
-- Name: ledger_accounts ledger_accounts_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_accounts
    ADD CONSTRAINT ledger_accounts_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE RESTRICT;

--
-- Name: ledger_lines ledger_lines_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_lines
    ADD CONSTRAINT ledger_lines_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.ledger_accounts(id) ON DELETE RESTRICT;

--
-- Name: ledger_lines ledger_lines_order_item_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_lines
    ADD CONSTRAINT ledger_lines_order_item_id_fkey FOREIGN KEY (order_item_id) REFERENCES public.order_items(id) ON DELETE RESTRICT;

--
-- Name: ledger_lines ledger_lines_posting_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_lines
    ADD CONSTRAINT ledger_lines_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES public.ledger_postings(id) ON DELETE RESTRICT;

--
-- Name: ledger_postings ledger_postings_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_postings
    ADD CONSTRAINT ledger_postings_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: live_chat_messages live_chat_messages_hidden_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_chat_messages
    ADD CONSTRAINT live_chat_messages_hidden_by_fkey FOREIGN KEY (hidden_by) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: live_chat_messages live_chat_messages_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_chat_messages
    ADD CONSTRAINT live_chat_messages_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: live_chat_messages live_chat_messages_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_chat_messages
    ADD CONSTRAINT live_chat_messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: live_chat_mutes live_chat_mutes_muted_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_chat_mutes
    ADD CONSTRAINT live_chat_mutes_muted_by_fkey FOREIGN KEY (muted_by) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: live_chat_mutes live_chat_mutes_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_chat_mutes
    ADD CONSTRAINT live_chat_mutes_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: live_chat_mutes live_chat_mutes_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_chat_mutes
    ADD CONSTRAINT live_chat_mutes_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: live_events live_events_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_events
    ADD CONSTRAINT live_events_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: live_session_pins live_session_pins_pinned_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_pins
    ADD CONSTRAINT live_session_pins_pinned_by_fkey FOREIGN KEY (pinned_by) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: live_session_pins live_session_pins_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_pins
    ADD CONSTRAINT live_session_pins_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;

--
-- Name: live_session_pins live_session_pins_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_pins
    ADD CONSTRAINT live_session_pins_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: live_session_products live_session_products_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_products
    ADD CONSTRAINT live_session_products_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;

--
-- Name: live_session_products live_session_products_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_products
    ADD CONSTRAINT live_session_products_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: live_session_secrets live_session_secrets_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_session_secrets
    ADD CONSTRAINT live_session_secrets_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: live_sessions live_sessions_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_sessions
    ADD CONSTRAINT live_sessions_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE RESTRICT;

--
-- Name: live_sessions live_sessions_host_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_sessions
    ADD CONSTRAINT live_sessions_host_user_id_fkey FOREIGN KEY (host_user_id) REFERENCES auth.users(id) ON DELETE RESTRICT;

--
-- Name: live_sessions live_sessions_pinned_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_sessions
    ADD CONSTRAINT live_sessions_pinned_product_id_fkey FOREIGN KEY (pinned_product_id) REFERENCES public.products(id) ON DELETE SET NULL;

--
-- Name: live_viewer_counts live_viewer_counts_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_viewer_counts
    ADD CONSTRAINT live_viewer_counts_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: live_viewers live_viewers_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.live_viewers
    ADD CONSTRAINT live_viewers_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.live_sessions(id) ON DELETE CASCADE;

--
-- Name: memberships memberships_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE CASCADE;

--
-- Name: memberships memberships_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: order_items order_items_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE RESTRICT;

--
-- Name: order_items order_items_flash_sale_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_flash_sale_id_fkey FOREIGN KEY (flash_sale_id) REFERENCES public.flash_sales(id) ON DELETE RESTRICT;

--
-- Name: order_items order_items_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.households(id) ON DELETE RESTRICT;

--
-- Name: order_items order_items_live_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_live_session_id_fkey FOREIGN KEY (live_session_id) REFERENCES public.live_sessions(id) ON DELETE RESTRICT;

--
-- Name: order_items order_items_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: order_items order_items_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE RESTRICT;

--
-- Name: order_items order_items_streamer_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_streamer_user_id_fkey FOREIGN KEY (streamer_user_id) REFERENCES auth.users(id) ON DELETE RESTRICT;

--
-- Name: orders orders_buyer_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_buyer_user_id_fkey FOREIGN KEY (buyer_user_id) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: payment_auto_refunds payment_auto_refunds_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_auto_refunds
    ADD CONSTRAINT payment_auto_refunds_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.stripe_webhook_events(id) ON DELETE RESTRICT;

--
-- Name: payment_auto_refunds payment_auto_refunds_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_auto_refunds
    ADD CONSTRAINT payment_auto_refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: payment_events payment_events_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment_events
    ADD CONSTRAINT payment_events_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: payouts payouts_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.ledger_accounts(id) ON DELETE RESTRICT;

--
-- Name: payouts payouts_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE RESTRICT;

--
-- Name: payouts payouts_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_created_by_fkey FOREIGN KEY (created_by) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: payouts payouts_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: payouts payouts_posting_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payouts
    ADD CONSTRAINT payouts_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES public.ledger_postings(id) ON DELETE RESTRICT;

--
-- Name: product_stock product_stock_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_stock
    ADD CONSTRAINT product_stock_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;

--
-- Name: products products_category_slug_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_category_slug_fkey FOREIGN KEY (category_slug) REFERENCES public.categories(slug);

--
-- Name: products products_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE RESTRICT;

--
-- Name: products products_household_id_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_household_id_cooperative_id_fkey FOREIGN KEY (household_id, cooperative_id) REFERENCES public.households(id, cooperative_id);

--
-- Name: profiles profiles_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: refund_items refund_items_order_item_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund_items
    ADD CONSTRAINT refund_items_order_item_id_fkey FOREIGN KEY (order_item_id) REFERENCES public.order_items(id) ON DELETE RESTRICT;

--
-- Name: refund_items refund_items_refund_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund_items
    ADD CONSTRAINT refund_items_refund_id_fkey FOREIGN KEY (refund_id) REFERENCES public.refunds(id) ON DELETE RESTRICT;

--
-- Name: refunds refunds_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_created_by_fkey FOREIGN KEY (created_by) REFERENCES auth.users(id) ON DELETE SET NULL;

--
-- Name: refunds refunds_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: refunds refunds_posting_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES public.ledger_postings(id) ON DELETE RESTRICT;

--
-- Name: split_rules split_rules_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.split_rules
    ADD CONSTRAINT split_rules_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE CASCADE;

--
-- Name: split_rules split_rules_product_id_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.split_rules
    ADD CONSTRAINT split_rules_product_id_cooperative_id_fkey FOREIGN KEY (product_id, cooperative_id) REFERENCES public.products(id, cooperative_id) ON DELETE CASCADE;

--
-- Name: stripe_connected_accounts stripe_connected_accounts_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_connected_accounts
    ADD CONSTRAINT stripe_connected_accounts_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE RESTRICT;

--
-- Name: stripe_connected_accounts stripe_connected_accounts_household_id_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_connected_accounts
    ADD CONSTRAINT stripe_connected_accounts_household_id_cooperative_id_fkey FOREIGN KEY (household_id, cooperative_id) REFERENCES public.households(id, cooperative_id) ON DELETE RESTRICT;

--
-- Name: stripe_disputes stripe_disputes_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_disputes
    ADD CONSTRAINT stripe_disputes_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: stripe_outside_refunds stripe_outside_refunds_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_outside_refunds
    ADD CONSTRAINT stripe_outside_refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: stripe_refunds stripe_refunds_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_refunds
    ADD CONSTRAINT stripe_refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: stripe_refunds stripe_refunds_refund_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_refunds
    ADD CONSTRAINT stripe_refunds_refund_id_fkey FOREIGN KEY (refund_id) REFERENCES public.refunds(id) ON DELETE RESTRICT;

--
-- Name: stripe_transfer_reversals stripe_transfer_reversals_posting_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfer_reversals
    ADD CONSTRAINT stripe_transfer_reversals_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES public.ledger_postings(id) ON DELETE RESTRICT;

--
-- Name: stripe_transfer_reversals stripe_transfer_reversals_refund_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfer_reversals
    ADD CONSTRAINT stripe_transfer_reversals_refund_id_fkey FOREIGN KEY (refund_id) REFERENCES public.refunds(id) ON DELETE RESTRICT;

--
-- Name: stripe_transfer_reversals stripe_transfer_reversals_transfer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfer_reversals
    ADD CONSTRAINT stripe_transfer_reversals_transfer_id_fkey FOREIGN KEY (transfer_id) REFERENCES public.stripe_transfers(id) ON DELETE RESTRICT;

--
-- Name: stripe_transfers stripe_transfers_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.ledger_accounts(id) ON DELETE RESTRICT;

--
-- Name: stripe_transfers stripe_transfers_connected_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_connected_account_id_fkey FOREIGN KEY (connected_account_id) REFERENCES public.stripe_connected_accounts(id) ON DELETE RESTRICT;

--
-- Name: stripe_transfers stripe_transfers_cooperative_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_cooperative_id_fkey FOREIGN KEY (cooperative_id) REFERENCES public.cooperatives(id) ON DELETE RESTRICT;

--
-- Name: stripe_transfers stripe_transfers_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: stripe_transfers stripe_transfers_payout_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_transfers
    ADD CONSTRAINT stripe_transfers_payout_id_fkey FOREIGN KEY (payout_id) REFERENCES public.payouts(id) ON DELETE RESTRICT;

--
-- Name: stripe_webhook_events stripe_webhook_events_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stripe_webhook_events
    ADD CONSTRAINT stripe_webhook_events_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;

--
-- Name: cart_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.cart_items ENABLE ROW LEVEL SECURITY;

--
-- Name: cart_items cart_items_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY cart_items_owner ON public.cart_items TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.carts c
  WHERE (c.id = cart_items.cart_id)))) WITH CHECK ((EXISTS ( SELECT 1
   FROM public.carts c
  WHERE (c.id = cart_items.cart_id))));

--
-- Name: carts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.carts ENABLE ROW LEVEL SECURITY;

--
-- Name: carts carts_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY carts_owner ON public.carts TO anon, authenticated USING (((visitor_token_hash = ( SELECT app_private.request_claim('visitor'::text) AS request_claim)) OR (user_id = ( SELECT auth.uid() AS uid)))) WITH CHECK (((visitor_token_hash = ( SELECT app_private.request_claim('visitor'::text) AS request_claim)) OR (user_id = ( SELECT auth.uid() AS uid))));

--
-- Name: categories; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.categories ENABLE ROW LEVEL SECURITY;

--
-- Name: categories categories_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY categories_public_read ON public.categories FOR SELECT TO anon, authenticated USING (true);

--
-- Name: cooperatives; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.cooperatives ENABLE ROW LEVEL SECURITY;

--
-- Name: cooperatives cooperatives_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY cooperatives_admin_read ON public.cooperatives FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: cooperatives cooperatives_admin_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY cooperatives_admin_update ON public.cooperatives FOR UPDATE TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids)))) WITH CHECK ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: cooperatives cooperatives_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY cooperatives_public_read ON public.cooperatives FOR SELECT TO anon, authenticated USING ((status = 'active'::text));

--
-- Name: flash_sales; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.flash_sales ENABLE ROW LEVEL SECURITY;

--
-- Name: flash_sales flash_sales_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY flash_sales_public_read ON public.flash_sales FOR SELECT TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.live_sessions s
  WHERE ((s.id = flash_sales.session_id) AND (s.status <> 'cancelled'::text)))));

--
-- Name: households; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.households ENABLE ROW LEVEL SECURITY;

--
-- Name: households households_admin_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY households_admin_insert ON public.households FOR INSERT TO authenticated WITH CHECK ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: households households_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY households_admin_read ON public.households FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: households households_admin_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY households_admin_update ON public.households FOR UPDATE TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids)))) WITH CHECK ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: households households_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY households_public_read ON public.households FOR SELECT TO anon, authenticated USING ((cooperative_id = ANY (( SELECT app_private.active_coop_array() AS active_coop_array)::uuid[])));

--
-- Name: ledger_accounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ledger_accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: ledger_accounts ledger_accounts_payee_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ledger_accounts_payee_read ON public.ledger_accounts FOR SELECT TO authenticated USING (((kind = 'streamer'::text) AND (user_id = ( SELECT auth.uid() AS uid))));

--
-- Name: ledger_accounts ledger_accounts_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ledger_accounts_read ON public.ledger_accounts FOR SELECT TO anon, authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id = ANY (( SELECT app_private.admin_coop_array() AS admin_coop_array)::uuid[])) OR (used_by_cooperative_ids && ( SELECT app_private.admin_coop_array() AS admin_coop_array)) OR (id IN ( SELECT app_private.my_account_ids() AS my_account_ids))));

--
-- Name: ledger_lines; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ledger_lines ENABLE ROW LEVEL SECURITY;

--
-- Name: ledger_lines ledger_lines_payee_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ledger_lines_payee_read ON public.ledger_lines FOR SELECT TO authenticated USING ((account_id IN ( SELECT app_private.my_payee_account_ids() AS my_payee_account_ids)));

--
-- Name: ledger_lines ledger_lines_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ledger_lines_read ON public.ledger_lines FOR SELECT TO anon, authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_ids && ( SELECT app_private.admin_coop_array() AS admin_coop_array)) OR (posting_id IN ( SELECT app_private.my_posting_ids() AS my_posting_ids))));

--
-- Name: ledger_postings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ledger_postings ENABLE ROW LEVEL SECURITY;

--
-- Name: ledger_postings ledger_postings_payee_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ledger_postings_payee_read ON public.ledger_postings FOR SELECT TO authenticated USING ((id IN ( SELECT app_private.my_payee_posting_ids() AS my_payee_posting_ids)));

--
-- Name: ledger_postings ledger_postings_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ledger_postings_read ON public.ledger_postings FOR SELECT TO anon, authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (order_id IN ( SELECT app_private.my_order_ids() AS my_order_ids)) OR (cooperative_ids && ( SELECT app_private.admin_coop_array() AS admin_coop_array)) OR ((order_id IS NULL) AND app_private.posting_touches_coops(id, ( SELECT app_private.admin_coop_array() AS admin_coop_array)))));

--
-- Name: live_chat_messages; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_chat_messages ENABLE ROW LEVEL SECURITY;

--
-- Name: live_chat_messages live_chat_messages_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY live_chat_messages_read ON public.live_chat_messages FOR SELECT TO anon, authenticated USING (((EXISTS ( SELECT 1
   FROM public.live_sessions s
  WHERE ((s.id = live_chat_messages.session_id) AND (s.status <> 'cancelled'::text)))) AND ((hidden_at IS NULL) OR app_private.may_moderate_chat(session_id))));

--
-- Name: live_chat_mutes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_chat_mutes ENABLE ROW LEVEL SECURITY;

--
-- Name: live_chat_mutes live_chat_mutes_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY live_chat_mutes_read ON public.live_chat_mutes FOR SELECT TO authenticated USING (((user_id = ( SELECT auth.uid() AS uid)) OR app_private.may_moderate_chat(session_id)));

--
-- Name: live_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_events ENABLE ROW LEVEL SECURITY;

--
-- Name: live_events live_events_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY live_events_public_read ON public.live_events FOR SELECT TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.live_sessions s
  WHERE ((s.id = live_events.session_id) AND (s.status <> 'cancelled'::text)))));

--
-- Name: live_session_pins; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_session_pins ENABLE ROW LEVEL SECURITY;

--
-- Name: live_session_pins live_session_pins_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY live_session_pins_public_read ON public.live_session_pins FOR SELECT TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.live_sessions s
  WHERE ((s.id = live_session_pins.session_id) AND (s.status <> 'cancelled'::text)))));

--
-- Name: live_session_products; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_session_products ENABLE ROW LEVEL SECURITY;

--
-- Name: live_session_products live_session_products_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY live_session_products_public_read ON public.live_session_products FOR SELECT TO anon, authenticated USING (true);

--
-- Name: live_session_secrets; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_session_secrets ENABLE ROW LEVEL SECURITY;

--
-- Name: live_session_secrets live_session_secrets_host_or_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY live_session_secrets_host_or_admin_read ON public.live_session_secrets FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (session_id IN ( SELECT app_private.my_session_ids() AS my_session_ids))));

--
-- Name: live_sessions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: live_sessions live_sessions_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY live_sessions_admin_read ON public.live_sessions FOR SELECT TO authenticated USING (((host_user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: live_sessions live_sessions_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY live_sessions_public_read ON public.live_sessions FOR SELECT TO anon, authenticated USING ((status <> 'cancelled'::text));

--
-- Name: live_viewer_counts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_viewer_counts ENABLE ROW LEVEL SECURITY;

--
-- Name: live_viewers; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.live_viewers ENABLE ROW LEVEL SECURITY;

--
-- Name: memberships; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.memberships ENABLE ROW LEVEL SECURITY;

--
-- Name: memberships memberships_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY memberships_admin_read ON public.memberships FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: memberships memberships_self_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY memberships_self_read ON public.memberships FOR SELECT TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));

--
-- Name: order_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.order_items ENABLE ROW LEVEL SECURITY;

--
-- Name: order_items order_items_coop_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY order_items_coop_admin_read ON public.order_items FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id = ANY (( SELECT app_private.admin_coop_array() AS admin_coop_array)::uuid[]))));

--
-- Name: order_items order_items_owner_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY order_items_owner_read ON public.order_items FOR SELECT TO anon, authenticated USING ((order_id IN ( SELECT app_private.my_order_ids() AS my_order_ids)));

--
-- Name: orders; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;

--
-- Name: orders orders_coop_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY orders_coop_admin_read ON public.orders FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_ids && ( SELECT app_private.admin_coop_array() AS admin_coop_array))));

--
-- Name: orders orders_owner_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY orders_owner_read ON public.orders FOR SELECT TO anon, authenticated USING (((buyer_user_id = ( SELECT auth.uid() AS uid)) OR (access_token_hash = ( SELECT app_private.request_claim('visitor'::text) AS request_claim)) OR (id = ( SELECT app_private.order_claim() AS order_claim))));

--
-- Name: payment_auto_refunds; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.payment_auto_refunds ENABLE ROW LEVEL SECURITY;

--
-- Name: payment_auto_refunds payment_auto_refunds_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY payment_auto_refunds_read ON public.payment_auto_refunds FOR SELECT TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.orders o
  WHERE (o.id = payment_auto_refunds.order_id))));

--
-- Name: payment_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.payment_events ENABLE ROW LEVEL SECURITY;

--
-- Name: payment_events payment_events_platform_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY payment_events_platform_read ON public.payment_events FOR SELECT TO authenticated USING (( SELECT app_private.is_platform_admin() AS is_platform_admin));

--
-- Name: payouts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.payouts ENABLE ROW LEVEL SECURITY;

--
-- Name: payouts payouts_coop_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY payouts_coop_admin_read ON public.payouts FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: payouts payouts_payee_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY payouts_payee_read ON public.payouts FOR SELECT TO authenticated USING ((account_id IN ( SELECT app_private.my_payee_account_ids() AS my_payee_account_ids)));

--
-- Name: product_stock; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.product_stock ENABLE ROW LEVEL SECURITY;

--
-- Name: product_stock product_stock_admin_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_stock_admin_write ON public.product_stock TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (EXISTS ( SELECT 1
   FROM public.products p
  WHERE ((p.id = product_stock.product_id) AND (p.cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))))))) WITH CHECK ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (EXISTS ( SELECT 1
   FROM public.products p
  WHERE ((p.id = product_stock.product_id) AND (p.cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids)))))));

--
-- Name: product_stock product_stock_anon_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_stock_anon_read ON public.product_stock FOR SELECT TO anon USING ((product_id = ANY (( SELECT app_private.public_product_array() AS public_product_array)::uuid[])));

--
-- Name: product_stock product_stock_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_stock_public_read ON public.product_stock FOR SELECT TO authenticated USING ((EXISTS ( SELECT 1
   FROM public.products p
  WHERE (p.id = product_stock.product_id))));

--
-- Name: products; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.products ENABLE ROW LEVEL SECURITY;

--
-- Name: products products_admin_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY products_admin_insert ON public.products FOR INSERT TO authenticated WITH CHECK ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: products products_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY products_admin_read ON public.products FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: products products_admin_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY products_admin_update ON public.products FOR UPDATE TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids)))) WITH CHECK ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: products products_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY products_public_read ON public.products FOR SELECT TO anon, authenticated USING (((status = 'active'::text) AND (cooperative_id = ANY (( SELECT app_private.active_coop_array() AS active_coop_array)::uuid[]))));

--
-- Name: profiles; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;

--
-- Name: profiles profiles_coop_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY profiles_coop_admin_read ON public.profiles FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (EXISTS ( SELECT 1
   FROM public.memberships m
  WHERE ((m.user_id = profiles.id) AND (m.cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids)))))));

--
-- Name: profiles profiles_self_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY profiles_self_read ON public.profiles FOR SELECT TO authenticated USING ((id = ( SELECT auth.uid() AS uid)));

--
-- Name: refund_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.refund_items ENABLE ROW LEVEL SECURITY;

--
-- Name: refund_items refund_items_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY refund_items_read ON public.refund_items FOR SELECT TO authenticated USING ((EXISTS ( SELECT 1
   FROM public.order_items oi
  WHERE (oi.id = refund_items.order_item_id))));

--
-- Name: refunds; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.refunds ENABLE ROW LEVEL SECURITY;

--
-- Name: refunds refunds_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY refunds_read ON public.refunds FOR SELECT TO authenticated USING ((EXISTS ( SELECT 1
   FROM public.orders o
  WHERE (o.id = refunds.order_id))));

--
-- Name: split_rules; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.split_rules ENABLE ROW LEVEL SECURITY;

--
-- Name: split_rules split_rules_admin_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY split_rules_admin_write ON public.split_rules TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids)))) WITH CHECK ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: split_rules split_rules_public_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY split_rules_public_read ON public.split_rules FOR SELECT TO anon, authenticated USING (true);

--
-- Name: stripe_connected_accounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stripe_connected_accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_connected_accounts stripe_connected_accounts_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stripe_connected_accounts_admin_read ON public.stripe_connected_accounts FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: stripe_disputes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stripe_disputes ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_disputes stripe_disputes_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stripe_disputes_admin_read ON public.stripe_disputes FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (order_id IN ( SELECT app_private.admin_order_ids() AS admin_order_ids))));

--
-- Name: stripe_outside_refunds; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stripe_outside_refunds ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_outside_refunds stripe_outside_refunds_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stripe_outside_refunds_admin_read ON public.stripe_outside_refunds FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (order_id IN ( SELECT app_private.admin_order_ids() AS admin_order_ids))));

--
-- Name: stripe_refunds; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stripe_refunds ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_refunds stripe_refunds_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stripe_refunds_admin_read ON public.stripe_refunds FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (order_id IN ( SELECT app_private.admin_order_ids() AS admin_order_ids))));

--
-- Name: stripe_transfer_reversals; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stripe_transfer_reversals ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_transfer_reversals stripe_transfer_reversals_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stripe_transfer_reversals_admin_read ON public.stripe_transfer_reversals FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (transfer_id IN ( SELECT t.id
   FROM public.stripe_transfers t
  WHERE (t.cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))))));

--
-- Name: stripe_transfers; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stripe_transfers ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_transfers stripe_transfers_admin_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stripe_transfers_admin_read ON public.stripe_transfers FOR SELECT TO authenticated USING ((( SELECT app_private.is_platform_admin() AS is_platform_admin) OR (cooperative_id IN ( SELECT app_private.admin_coop_ids() AS admin_coop_ids))));

--
-- Name: stripe_webhook_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stripe_webhook_events ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA app_private; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA app_private TO service_role;
GRANT USAGE ON SCHEMA app_private TO anon;
GRANT USAGE ON SCHEMA app_private TO authenticated;

--
-- Name: SCHEMA auth; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA auth TO anon;
GRANT USAGE ON SCHEMA auth TO authenticated;
GRANT USAGE ON SCHEMA auth TO service_role;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO anon;
GRANT USAGE ON SCHEMA public TO authenticated;
GRANT USAGE ON SCHEMA public TO service_role;

--
-- Name: FUNCTION active_coop_array(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.active_coop_array() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.active_coop_array() TO anon;
GRANT ALL ON FUNCTION app_private.active_coop_array() TO authenticated;
GRANT ALL ON FUNCTION app_private.active_coop_array() TO service_role;

--
-- Name: FUNCTION admin_account_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.admin_account_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.admin_account_ids() TO anon;
GRANT ALL ON FUNCTION app_private.admin_account_ids() TO authenticated;
GRANT ALL ON FUNCTION app_private.admin_account_ids() TO service_role;

--
-- Name: FUNCTION admin_coop_array(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.admin_coop_array() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.admin_coop_array() TO anon;
GRANT ALL ON FUNCTION app_private.admin_coop_array() TO authenticated;
GRANT ALL ON FUNCTION app_private.admin_coop_array() TO service_role;

--
-- Name: FUNCTION admin_coop_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.admin_coop_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.admin_coop_ids() TO anon;
GRANT ALL ON FUNCTION app_private.admin_coop_ids() TO authenticated;
GRANT ALL ON FUNCTION app_private.admin_coop_ids() TO service_role;

--
-- Name: FUNCTION admin_order_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.admin_order_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.admin_order_ids() TO authenticated;

--
-- Name: FUNCTION allocate_split(p_total bigint, p_household integer, p_collective integer, p_streamer integer, p_platform integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.allocate_split(p_total bigint, p_household integer, p_collective integer, p_streamer integer, p_platform integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.allocate_split(p_total bigint, p_household integer, p_collective integer, p_streamer integer, p_platform integer) TO service_role;

--
-- Name: FUNCTION announce_live_sale(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.announce_live_sale() FROM PUBLIC;

--
-- Name: TABLE live_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.live_events TO anon;
GRANT SELECT ON TABLE public.live_events TO authenticated;
GRANT SELECT ON TABLE public.live_events TO service_role;

--
-- Name: FUNCTION append_live_event(p_session_id uuid, p_type text, p_payload jsonb); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.append_live_event(p_session_id uuid, p_type text, p_payload jsonb) FROM PUBLIC;

--
-- Name: FUNCTION apply_account_updated(p_account_id text, p_payouts_enabled boolean, p_charges_enabled boolean, p_details_submitted boolean, p_created timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.apply_account_updated(p_account_id text, p_payouts_enabled boolean, p_charges_enabled boolean, p_details_submitted boolean, p_created timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.apply_account_updated(p_account_id text, p_payouts_enabled boolean, p_charges_enabled boolean, p_details_submitted boolean, p_created timestamp with time zone) TO service_role;

--
-- Name: FUNCTION cancel_pending_orders(p_order_ids uuid[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.cancel_pending_orders(p_order_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION chat_author_name(p_display_name text, p_email text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.chat_author_name(p_display_name text, p_email text) FROM PUBLIC;

--
-- Name: FUNCTION check_posting_balanced(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_posting_balanced() FROM PUBLIC;

--
-- Name: FUNCTION check_posting_has_lines(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_posting_has_lines() FROM PUBLIC;

--
-- Name: FUNCTION close_open_flash_sale(p_session_id uuid, p_reason text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.close_open_flash_sale(p_session_id uuid, p_reason text) FROM PUBLIC;

--
-- Name: TABLE live_sessions; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.live_sessions TO service_role;
GRANT SELECT ON TABLE public.live_sessions TO anon;
GRANT SELECT ON TABLE public.live_sessions TO authenticated;

--
-- Name: FUNCTION close_open_pin(p_session public.live_sessions); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.close_open_pin(p_session public.live_sessions) FROM PUBLIC;

--
-- Name: FUNCTION close_stripe_dispute(p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_closed_at timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.close_stripe_dispute(p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_closed_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.close_stripe_dispute(p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_closed_at timestamp with time zone) TO service_role;

--
-- Name: FUNCTION coop_ids_with_role(p_role text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.coop_ids_with_role(p_role text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.coop_ids_with_role(p_role text) TO anon;
GRANT ALL ON FUNCTION app_private.coop_ids_with_role(p_role text) TO authenticated;
GRANT ALL ON FUNCTION app_private.coop_ids_with_role(p_role text) TO service_role;

--
-- Name: FUNCTION end_flash_sale_with_session(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.end_flash_sale_with_session() FROM PUBLIC;

--
-- Name: FUNCTION has_coop_role(p_cooperative_id uuid, p_role text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.has_coop_role(p_cooperative_id uuid, p_role text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.has_coop_role(p_cooperative_id uuid, p_role text) TO anon;
GRANT ALL ON FUNCTION app_private.has_coop_role(p_cooperative_id uuid, p_role text) TO authenticated;
GRANT ALL ON FUNCTION app_private.has_coop_role(p_cooperative_id uuid, p_role text) TO service_role;

--
-- Name: FUNCTION hide_chat_row(p_session_id uuid, p_message_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.hide_chat_row(p_session_id uuid, p_message_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION is_coop_admin(p_cooperative_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.is_coop_admin(p_cooperative_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.is_coop_admin(p_cooperative_id uuid) TO anon;
GRANT ALL ON FUNCTION app_private.is_coop_admin(p_cooperative_id uuid) TO authenticated;
GRANT ALL ON FUNCTION app_private.is_coop_admin(p_cooperative_id uuid) TO service_role;

--
-- Name: FUNCTION is_media_url(p_url text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.is_media_url(p_url text) FROM PUBLIC;

--
-- Name: FUNCTION is_order_of_my_coop(p_order_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.is_order_of_my_coop(p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.is_order_of_my_coop(p_order_id uuid) TO anon;
GRANT ALL ON FUNCTION app_private.is_order_of_my_coop(p_order_id uuid) TO authenticated;
GRANT ALL ON FUNCTION app_private.is_order_of_my_coop(p_order_id uuid) TO service_role;

--
-- Name: FUNCTION is_order_owner(p_buyer uuid, p_access_hash text, p_order_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.is_order_owner(p_buyer uuid, p_access_hash text, p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.is_order_owner(p_buyer uuid, p_access_hash text, p_order_id uuid) TO anon;
GRANT ALL ON FUNCTION app_private.is_order_owner(p_buyer uuid, p_access_hash text, p_order_id uuid) TO authenticated;
GRANT ALL ON FUNCTION app_private.is_order_owner(p_buyer uuid, p_access_hash text, p_order_id uuid) TO service_role;

--
-- Name: FUNCTION is_platform_admin(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.is_platform_admin() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.is_platform_admin() TO anon;
GRANT ALL ON FUNCTION app_private.is_platform_admin() TO authenticated;
GRANT ALL ON FUNCTION app_private.is_platform_admin() TO service_role;

--
-- Name: FUNCTION ledger_account_ids(p_kinds text[], p_cooperative_ids uuid[], p_household_ids uuid[], p_user_ids uuid[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.ledger_account_ids(p_kinds text[], p_cooperative_ids uuid[], p_household_ids uuid[], p_user_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.ledger_account_ids(p_kinds text[], p_cooperative_ids uuid[], p_household_ids uuid[], p_user_ids uuid[]) TO service_role;

--
-- Name: FUNCTION lock_chat_author(p_session_id uuid, p_user_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.lock_chat_author(p_session_id uuid, p_user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION may_moderate_chat(p_session_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.may_moderate_chat(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.may_moderate_chat(p_session_id uuid) TO anon;
GRANT ALL ON FUNCTION app_private.may_moderate_chat(p_session_id uuid) TO authenticated;
GRANT ALL ON FUNCTION app_private.may_moderate_chat(p_session_id uuid) TO service_role;

--
-- Name: FUNCTION may_run_session(p_session public.live_sessions); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.may_run_session(p_session public.live_sessions) FROM PUBLIC;

--
-- Name: FUNCTION my_account_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.my_account_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.my_account_ids() TO anon;
GRANT ALL ON FUNCTION app_private.my_account_ids() TO authenticated;
GRANT ALL ON FUNCTION app_private.my_account_ids() TO service_role;

--
-- Name: FUNCTION my_order_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.my_order_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.my_order_ids() TO anon;
GRANT ALL ON FUNCTION app_private.my_order_ids() TO authenticated;
GRANT ALL ON FUNCTION app_private.my_order_ids() TO service_role;

--
-- Name: FUNCTION my_payee_account_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.my_payee_account_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.my_payee_account_ids() TO authenticated;

--
-- Name: FUNCTION my_payee_posting_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.my_payee_posting_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.my_payee_posting_ids() TO authenticated;

--
-- Name: FUNCTION my_posting_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.my_posting_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.my_posting_ids() TO anon;
GRANT ALL ON FUNCTION app_private.my_posting_ids() TO authenticated;
GRANT ALL ON FUNCTION app_private.my_posting_ids() TO service_role;

--
-- Name: FUNCTION my_session_ids(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.my_session_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.my_session_ids() TO anon;
GRANT ALL ON FUNCTION app_private.my_session_ids() TO authenticated;
GRANT ALL ON FUNCTION app_private.my_session_ids() TO service_role;

--
-- Name: FUNCTION new_stream_key(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.new_stream_key() FROM PUBLIC;

--
-- Name: FUNCTION notify_live_event(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.notify_live_event() FROM PUBLIC;

--
-- Name: TABLE flash_sales; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.flash_sales TO anon;
GRANT SELECT ON TABLE public.flash_sales TO authenticated;
GRANT SELECT ON TABLE public.flash_sales TO service_role;

--
-- Name: FUNCTION open_flash_sale(p_session_id uuid, p_product_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.open_flash_sale(p_session_id uuid, p_product_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION open_stripe_dispute(p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_opened_at timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.open_stripe_dispute(p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_opened_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.open_stripe_dispute(p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_opened_at timestamp with time zone) TO service_role;

--
-- Name: FUNCTION order_claim(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.order_claim() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.order_claim() TO anon;
GRANT ALL ON FUNCTION app_private.order_claim() TO authenticated;
GRANT ALL ON FUNCTION app_private.order_claim() TO service_role;

--
-- Name: FUNCTION order_contact_phone(p_phone text, p_buyer uuid, p_order_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.order_contact_phone(p_phone text, p_buyer uuid, p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.order_contact_phone(p_phone text, p_buyer uuid, p_order_id uuid) TO anon;
GRANT ALL ON FUNCTION app_private.order_contact_phone(p_phone text, p_buyer uuid, p_order_id uuid) TO authenticated;
GRANT ALL ON FUNCTION app_private.order_contact_phone(p_phone text, p_buyer uuid, p_order_id uuid) TO service_role;

--
-- Name: FUNCTION posting_touches_coops(p_posting_id uuid, p_coop_ids uuid[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.posting_touches_coops(p_posting_id uuid, p_coop_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.posting_touches_coops(p_posting_id uuid, p_coop_ids uuid[]) TO anon;
GRANT ALL ON FUNCTION app_private.posting_touches_coops(p_posting_id uuid, p_coop_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION app_private.posting_touches_coops(p_posting_id uuid, p_coop_ids uuid[]) TO service_role;

--
-- Name: FUNCTION public_product_array(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.public_product_array() FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.public_product_array() TO anon;
GRANT ALL ON FUNCTION app_private.public_product_array() TO authenticated;
GRANT ALL ON FUNCTION app_private.public_product_array() TO service_role;

--
-- Name: FUNCTION queue_stripe_refund(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.queue_stripe_refund() FROM PUBLIC;

--
-- Name: FUNCTION queue_stripe_transfers(p_order_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.queue_stripe_transfers(p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.queue_stripe_transfers(p_order_id uuid) TO service_role;

--
-- Name: FUNCTION record_account_users(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_account_users() FROM PUBLIC;

--
-- Name: FUNCTION record_connected_account(p_user_id uuid, p_cooperative_id uuid, p_household_id uuid, p_account_id text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_connected_account(p_user_id uuid, p_cooperative_id uuid, p_household_id uuid, p_account_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.record_connected_account(p_user_id uuid, p_cooperative_id uuid, p_household_id uuid, p_account_id text) TO service_role;

--
-- Name: FUNCTION record_line_cooperatives(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_line_cooperatives() FROM PUBLIC;

--
-- Name: FUNCTION record_order_cooperatives(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_order_cooperatives() FROM PUBLIC;

--
-- Name: FUNCTION record_posting_cooperatives(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_posting_cooperatives() FROM PUBLIC;

--
-- Name: FUNCTION record_stripe_transfer_sent(p_transfer_id uuid, p_stripe_transfer_id text, p_source_charge_id text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_stripe_transfer_sent(p_transfer_id uuid, p_stripe_transfer_id text, p_source_charge_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.record_stripe_transfer_sent(p_transfer_id uuid, p_stripe_transfer_id text, p_source_charge_id text) TO service_role;

--
-- Name: FUNCTION record_transfer_reversal(p_reversal_id uuid, p_transfer_id uuid, p_stripe_reversal_id text, p_amount_fen bigint); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.record_transfer_reversal(p_reversal_id uuid, p_transfer_id uuid, p_stripe_reversal_id text, p_amount_fen bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.record_transfer_reversal(p_reversal_id uuid, p_transfer_id uuid, p_stripe_reversal_id text, p_amount_fen bigint) TO service_role;

--
-- Name: FUNCTION refuse_ledger_mutation(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.refuse_ledger_mutation() FROM PUBLIC;

--
-- Name: FUNCTION request_claim(name text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.request_claim(name text) FROM PUBLIC;
GRANT ALL ON FUNCTION app_private.request_claim(name text) TO anon;
GRANT ALL ON FUNCTION app_private.request_claim(name text) TO authenticated;
GRANT ALL ON FUNCTION app_private.request_claim(name text) TO service_role;

--
-- Name: FUNCTION session_event(p_session_id uuid, p_status text, p_replay_url text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.session_event(p_session_id uuid, p_status text, p_replay_url text) FROM PUBLIC;

--
-- Name: FUNCTION session_input_problem(p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.session_input_problem(p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION session_to_run(p_session_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.session_to_run(p_session_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION set_session_products(p_session public.live_sessions, p_product_ids uuid[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.set_session_products(p_session public.live_sessions, p_product_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION tag_cart_flash_sale(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.tag_cart_flash_sale() FROM PUBLIC;

--
-- Name: FUNCTION jwt(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.jwt() TO anon;
GRANT ALL ON FUNCTION auth.jwt() TO authenticated;
GRANT ALL ON FUNCTION auth.jwt() TO service_role;

--
-- Name: FUNCTION role(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.role() TO anon;
GRANT ALL ON FUNCTION auth.role() TO authenticated;
GRANT ALL ON FUNCTION auth.role() TO service_role;

--
-- Name: FUNCTION uid(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.uid() TO anon;
GRANT ALL ON FUNCTION auth.uid() TO authenticated;
GRANT ALL ON FUNCTION auth.uid() TO service_role;

--
-- Name: FUNCTION cancel_live_session(p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.cancel_live_session(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cancel_live_session(p_session_id uuid) TO authenticated;

--
-- Name: FUNCTION cancel_my_order(p_order_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.cancel_my_order(p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cancel_my_order(p_order_id uuid) TO anon;
GRANT ALL ON FUNCTION public.cancel_my_order(p_order_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.cancel_my_order(p_order_id uuid) TO service_role;

--
-- Name: FUNCTION check_stream_key(p_stream_key text, p_sources text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.check_stream_key(p_stream_key text, p_sources text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.check_stream_key(p_stream_key text, p_sources text[]) TO anon;
GRANT ALL ON FUNCTION public.check_stream_key(p_stream_key text, p_sources text[]) TO authenticated;
GRANT ALL ON FUNCTION public.check_stream_key(p_stream_key text, p_sources text[]) TO service_role;

--
-- Name: FUNCTION connect_payee_account(p_cooperative_id uuid, p_household_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.connect_payee_account(p_cooperative_id uuid, p_household_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.connect_payee_account(p_cooperative_id uuid, p_household_id uuid) TO authenticated;

--
-- Name: FUNCTION create_live_session(p_cooperative_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone, p_product_ids uuid[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.create_live_session(p_cooperative_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone, p_product_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_live_session(p_cooperative_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone, p_product_ids uuid[]) TO authenticated;

--
-- Name: FUNCTION end_expired_flash_sales(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.end_expired_flash_sales() FROM PUBLIC;
GRANT ALL ON FUNCTION public.end_expired_flash_sales() TO service_role;

--
-- Name: FUNCTION end_flash_sale(p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.end_flash_sale(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.end_flash_sale(p_session_id uuid) TO authenticated;

--
-- Name: FUNCTION end_live_session(p_session_id uuid, p_replay_url text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.end_live_session(p_session_id uuid, p_replay_url text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.end_live_session(p_session_id uuid, p_replay_url text) TO authenticated;

--
-- Name: FUNCTION expire_unpaid_orders(p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.expire_unpaid_orders(p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.expire_unpaid_orders(p_now timestamp with time zone) TO service_role;

--
-- Name: FUNCTION go_live(p_session_id uuid, p_playback_url text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.go_live(p_session_id uuid, p_playback_url text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.go_live(p_session_id uuid, p_playback_url text) TO authenticated;

--
-- Name: FUNCTION hide_chat_message(p_message_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.hide_chat_message(p_message_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.hide_chat_message(p_message_id uuid) TO authenticated;

--
-- Name: FUNCTION income_disclosure(p_slug text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.income_disclosure(p_slug text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.income_disclosure(p_slug text) TO anon;
GRANT ALL ON FUNCTION public.income_disclosure(p_slug text) TO authenticated;

--
-- Name: FUNCTION live_presence(p_session_id uuid, p_viewer_id text, p_leaving boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.live_presence(p_session_id uuid, p_viewer_id text, p_leaving boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.live_presence(p_session_id uuid, p_viewer_id text, p_leaving boolean) TO anon;
GRANT ALL ON FUNCTION public.live_presence(p_session_id uuid, p_viewer_id text, p_leaving boolean) TO authenticated;
GRANT ALL ON FUNCTION public.live_presence(p_session_id uuid, p_viewer_id text, p_leaving boolean) TO service_role;

--
-- Name: FUNCTION mute_chat_user(p_session_id uuid, p_user_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.mute_chat_user(p_session_id uuid, p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.mute_chat_user(p_session_id uuid, p_user_id uuid) TO authenticated;

--
-- Name: FUNCTION order_streamers(p_order_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.order_streamers(p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.order_streamers(p_order_id uuid) TO anon;
GRANT ALL ON FUNCTION public.order_streamers(p_order_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.order_streamers(p_order_id uuid) TO service_role;

--
-- Name: FUNCTION pin_product(p_session_id uuid, p_product_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.pin_product(p_session_id uuid, p_product_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.pin_product(p_session_id uuid, p_product_id uuid) TO authenticated;

--
-- Name: FUNCTION place_order(p_contact_name text, p_contact_phone text, p_province text, p_city text, p_district text, p_address_line text, p_locale text, p_reservation_minutes integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.place_order(p_contact_name text, p_contact_phone text, p_province text, p_city text, p_district text, p_address_line text, p_locale text, p_reservation_minutes integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.place_order(p_contact_name text, p_contact_phone text, p_province text, p_city text, p_district text, p_address_line text, p_locale text, p_reservation_minutes integer) TO anon;
GRANT ALL ON FUNCTION public.place_order(p_contact_name text, p_contact_phone text, p_province text, p_city text, p_district text, p_address_line text, p_locale text, p_reservation_minutes integer) TO authenticated;
GRANT ALL ON FUNCTION public.place_order(p_contact_name text, p_contact_phone text, p_province text, p_city text, p_district text, p_address_line text, p_locale text, p_reservation_minutes integer) TO service_role;

--
-- Name: FUNCTION post_chat_message(p_session_id uuid, p_text text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.post_chat_message(p_session_id uuid, p_text text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.post_chat_message(p_session_id uuid, p_text text) TO authenticated;

--
-- Name: FUNCTION record_payout(p_idempotency_key text, p_cooperative_id uuid, p_account_id uuid, p_amount_fen bigint, p_method text, p_receipt_note text, p_paid_on date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.record_payout(p_idempotency_key text, p_cooperative_id uuid, p_account_id uuid, p_amount_fen bigint, p_method text, p_receipt_note text, p_paid_on date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.record_payout(p_idempotency_key text, p_cooperative_id uuid, p_account_id uuid, p_amount_fen bigint, p_method text, p_receipt_note text, p_paid_on date) TO authenticated;

--
-- Name: FUNCTION refund_order(p_refund_id uuid, p_order_id uuid, p_item_ids uuid[], p_quantities numeric[], p_restock boolean, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.refund_order(p_refund_id uuid, p_order_id uuid, p_item_ids uuid[], p_quantities numeric[], p_restock boolean, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.refund_order(p_refund_id uuid, p_order_id uuid, p_item_ids uuid[], p_quantities numeric[], p_restock boolean, p_reason text) TO authenticated;

--
-- Name: FUNCTION rotate_stream_key(p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.rotate_stream_key(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.rotate_stream_key(p_session_id uuid) TO authenticated;

--
-- Name: FUNCTION session_peak_viewers(p_session_ids uuid[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.session_peak_viewers(p_session_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.session_peak_viewers(p_session_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION public.session_peak_viewers(p_session_ids uuid[]) TO service_role;

--
-- Name: FUNCTION set_income_disclosure(p_cooperative_id uuid, p_enabled boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.set_income_disclosure(p_cooperative_id uuid, p_enabled boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_income_disclosure(p_cooperative_id uuid, p_enabled boolean) TO authenticated;

--
-- Name: FUNCTION start_flash_sale(p_session_id uuid, p_product_id uuid, p_price_fen bigint, p_units integer, p_per_buyer_limit integer, p_duration_seconds integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.start_flash_sale(p_session_id uuid, p_product_id uuid, p_price_fen bigint, p_units integer, p_per_buyer_limit integer, p_duration_seconds integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_flash_sale(p_session_id uuid, p_product_id uuid, p_price_fen bigint, p_units integer, p_per_buyer_limit integer, p_duration_seconds integer) TO authenticated;

--
-- Name: FUNCTION streamer_commission_by_session(p_user_id uuid, p_cooperative_id uuid, p_from date, p_to date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.streamer_commission_by_session(p_user_id uuid, p_cooperative_id uuid, p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.streamer_commission_by_session(p_user_id uuid, p_cooperative_id uuid, p_from date, p_to date) TO authenticated;

--
-- Name: FUNCTION studio_session_stats(p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.studio_session_stats(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.studio_session_stats(p_session_id uuid) TO authenticated;

--
-- Name: FUNCTION unmute_chat_user(p_session_id uuid, p_user_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.unmute_chat_user(p_session_id uuid, p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.unmute_chat_user(p_session_id uuid, p_user_id uuid) TO authenticated;

--
-- Name: FUNCTION unpin_product(p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.unpin_product(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.unpin_product(p_session_id uuid) TO authenticated;

--
-- Name: FUNCTION update_live_session(p_session_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone, p_product_ids uuid[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.update_live_session(p_session_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone, p_product_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.update_live_session(p_session_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamp with time zone, p_product_ids uuid[]) TO authenticated;

--
-- Name: TABLE local_credentials; Type: ACL; Schema: app_private; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app_private.local_credentials TO service_role;

--
-- Name: TABLE login_failures; Type: ACL; Schema: app_private; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app_private.login_failures TO service_role;

--
-- Name: TABLE sessions; Type: ACL; Schema: app_private; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app_private.sessions TO service_role;

--
-- Name: TABLE users; Type: ACL; Schema: auth; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE auth.users TO service_role;

--
-- Name: TABLE cart_items; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.cart_items TO service_role;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.cart_items TO anon;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.cart_items TO authenticated;

--
-- Name: TABLE carts; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.carts TO service_role;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.carts TO anon;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.carts TO authenticated;

--
-- Name: TABLE categories; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.categories TO service_role;
GRANT SELECT ON TABLE public.categories TO anon;
GRANT SELECT ON TABLE public.categories TO authenticated;

--
-- Name: TABLE cooperatives; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.cooperatives TO service_role;

--
-- Name: COLUMN cooperatives.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.cooperatives TO anon;
GRANT SELECT(id) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.slug; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(slug) ON TABLE public.cooperatives TO anon;
GRANT SELECT(slug) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.name_zh; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(name_zh) ON TABLE public.cooperatives TO anon;
GRANT SELECT(name_zh) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.name_en; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(name_en) ON TABLE public.cooperatives TO anon;
GRANT SELECT(name_en) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.village_zh; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(village_zh) ON TABLE public.cooperatives TO anon;
GRANT SELECT(village_zh) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.village_en; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(village_en) ON TABLE public.cooperatives TO anon;
GRANT SELECT(village_en) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.town_zh; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(town_zh) ON TABLE public.cooperatives TO anon;
GRANT SELECT(town_zh) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.town_en; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(town_en) ON TABLE public.cooperatives TO anon;
GRANT SELECT(town_en) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.county_zh; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(county_zh) ON TABLE public.cooperatives TO anon;
GRANT SELECT(county_zh) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.county_en; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(county_en) ON TABLE public.cooperatives TO anon;
GRANT SELECT(county_en) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.province_zh; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(province_zh) ON TABLE public.cooperatives TO anon;
GRANT SELECT(province_zh) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.province_en; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(province_en) ON TABLE public.cooperatives TO anon;
GRANT SELECT(province_en) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.story_zh; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(story_zh) ON TABLE public.cooperatives TO anon;
GRANT SELECT(story_zh),UPDATE(story_zh) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.story_en; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(story_en) ON TABLE public.cooperatives TO anon;
GRANT SELECT(story_en),UPDATE(story_en) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.founded_year; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(founded_year) ON TABLE public.cooperatives TO anon;
GRANT SELECT(founded_year) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.hero_image; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(hero_image) ON TABLE public.cooperatives TO anon;
GRANT SELECT(hero_image),UPDATE(hero_image) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.status; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(status) ON TABLE public.cooperatives TO anon;
GRANT SELECT(status) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.cooperatives TO anon;
GRANT SELECT(created_at) ON TABLE public.cooperatives TO authenticated;

--
-- Name: COLUMN cooperatives.disclosure_enabled; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(disclosure_enabled) ON TABLE public.cooperatives TO anon;
GRANT SELECT(disclosure_enabled) ON TABLE public.cooperatives TO authenticated;

--
-- Name: TABLE households; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.households TO service_role;

--
-- Name: COLUMN households.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.households TO anon;
GRANT SELECT(id) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.cooperative_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(cooperative_id) ON TABLE public.households TO anon;
GRANT SELECT(cooperative_id),INSERT(cooperative_id) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.key; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(key) ON TABLE public.households TO anon;
GRANT SELECT(key),INSERT(key) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.name_zh; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(name_zh) ON TABLE public.households TO anon;
GRANT SELECT(name_zh),INSERT(name_zh),UPDATE(name_zh) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.name_en; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(name_en) ON TABLE public.households TO anon;
GRANT SELECT(name_en),INSERT(name_en),UPDATE(name_en) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.head_name_zh; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(head_name_zh) ON TABLE public.households TO anon;
GRANT SELECT(head_name_zh),INSERT(head_name_zh),UPDATE(head_name_zh) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.head_name_en; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(head_name_en) ON TABLE public.households TO anon;
GRANT SELECT(head_name_en),INSERT(head_name_en),UPDATE(head_name_en) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.members; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(members) ON TABLE public.households TO anon;
GRANT SELECT(members),INSERT(members),UPDATE(members) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.status; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(status) ON TABLE public.households TO anon;
GRANT SELECT(status),INSERT(status),UPDATE(status) ON TABLE public.households TO authenticated;

--
-- Name: COLUMN households.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.households TO anon;
GRANT SELECT(created_at) ON TABLE public.households TO authenticated;

--
-- Name: TABLE ledger_accounts; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.ledger_accounts TO service_role;
GRANT SELECT ON TABLE public.ledger_accounts TO anon;
GRANT SELECT ON TABLE public.ledger_accounts TO authenticated;

--
-- Name: TABLE ledger_lines; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.ledger_lines TO service_role;
GRANT SELECT ON TABLE public.ledger_lines TO anon;
GRANT SELECT ON TABLE public.ledger_lines TO authenticated;

--
-- Name: SEQUENCE ledger_lines_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.ledger_lines_id_seq TO service_role;

--
-- Name: TABLE ledger_postings; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.ledger_postings TO service_role;
GRANT SELECT ON TABLE public.ledger_postings TO anon;
GRANT SELECT ON TABLE public.ledger_postings TO authenticated;

--
-- Name: TABLE live_chat_messages; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.live_chat_messages TO service_role;

--
-- Name: COLUMN live_chat_messages.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.live_chat_messages TO anon;
GRANT SELECT(id) ON TABLE public.live_chat_messages TO authenticated;

--
-- Name: COLUMN live_chat_messages.session_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(session_id) ON TABLE public.live_chat_messages TO anon;
GRANT SELECT(session_id) ON TABLE public.live_chat_messages TO authenticated;

--
-- Name: COLUMN live_chat_messages.user_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(user_id) ON TABLE public.live_chat_messages TO anon;
GRANT SELECT(user_id) ON TABLE public.live_chat_messages TO authenticated;

--
-- Name: COLUMN live_chat_messages.author_name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(author_name) ON TABLE public.live_chat_messages TO anon;
GRANT SELECT(author_name) ON TABLE public.live_chat_messages TO authenticated;

--
-- Name: COLUMN live_chat_messages.body; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(body) ON TABLE public.live_chat_messages TO anon;
GRANT SELECT(body) ON TABLE public.live_chat_messages TO authenticated;

--
-- Name: COLUMN live_chat_messages.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.live_chat_messages TO anon;
GRANT SELECT(created_at) ON TABLE public.live_chat_messages TO authenticated;

--
-- Name: COLUMN live_chat_messages.hidden_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(hidden_at) ON TABLE public.live_chat_messages TO anon;
GRANT SELECT(hidden_at) ON TABLE public.live_chat_messages TO authenticated;

--
-- Name: TABLE live_chat_mutes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.live_chat_mutes TO authenticated;
GRANT SELECT ON TABLE public.live_chat_mutes TO service_role;

--
-- Name: TABLE live_session_pins; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.live_session_pins TO anon;
GRANT SELECT ON TABLE public.live_session_pins TO authenticated;
GRANT SELECT,INSERT ON TABLE public.live_session_pins TO service_role;

--
-- Name: TABLE live_session_products; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.live_session_products TO service_role;
GRANT SELECT ON TABLE public.live_session_products TO anon;
GRANT SELECT ON TABLE public.live_session_products TO authenticated;

--
-- Name: TABLE live_session_secrets; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.live_session_secrets TO service_role;
GRANT SELECT ON TABLE public.live_session_secrets TO authenticated;

--
-- Name: TABLE memberships; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.memberships TO service_role;
GRANT SELECT ON TABLE public.memberships TO authenticated;

--
-- Name: TABLE order_items; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.order_items TO service_role;
GRANT SELECT ON TABLE public.order_items TO anon;
GRANT SELECT ON TABLE public.order_items TO authenticated;

--
-- Name: TABLE orders; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.orders TO service_role;
GRANT SELECT ON TABLE public.orders TO anon;
GRANT SELECT ON TABLE public.orders TO authenticated;

--
-- Name: TABLE payment_auto_refunds; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.payment_auto_refunds TO service_role;
GRANT SELECT ON TABLE public.payment_auto_refunds TO anon;
GRANT SELECT ON TABLE public.payment_auto_refunds TO authenticated;

--
-- Name: TABLE payment_events; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.payment_events TO service_role;
GRANT SELECT ON TABLE public.payment_events TO authenticated;

--
-- Name: TABLE payouts; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.payouts TO service_role;
GRANT SELECT ON TABLE public.payouts TO authenticated;

--
-- Name: TABLE product_stock; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.product_stock TO service_role;
GRANT SELECT ON TABLE public.product_stock TO anon;
GRANT SELECT,INSERT,UPDATE ON TABLE public.product_stock TO authenticated;

--
-- Name: TABLE products; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.products TO service_role;
GRANT SELECT ON TABLE public.products TO anon;
GRANT SELECT,INSERT,UPDATE ON TABLE public.products TO authenticated;

--
-- Name: TABLE profiles; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.profiles TO service_role;
GRANT SELECT ON TABLE public.profiles TO authenticated;

--
-- Name: TABLE refund_items; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.refund_items TO service_role;
GRANT SELECT ON TABLE public.refund_items TO authenticated;

--
-- Name: TABLE refunds; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.refunds TO service_role;
GRANT SELECT ON TABLE public.refunds TO authenticated;

--
-- Name: TABLE split_rules; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.split_rules TO service_role;
GRANT SELECT ON TABLE public.split_rules TO anon;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.split_rules TO authenticated;

--
-- Name: TABLE stripe_connected_accounts; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.stripe_connected_accounts TO service_role;
GRANT SELECT ON TABLE public.stripe_connected_accounts TO authenticated;

--
-- Name: TABLE stripe_disputes; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.stripe_disputes TO service_role;
GRANT SELECT ON TABLE public.stripe_disputes TO authenticated;

--
-- Name: TABLE stripe_outside_refunds; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.stripe_outside_refunds TO service_role;
GRANT SELECT ON TABLE public.stripe_outside_refunds TO authenticated;

--
-- Name: TABLE stripe_refunds; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.stripe_refunds TO service_role;
GRANT SELECT ON TABLE public.stripe_refunds TO authenticated;

--
-- Name: TABLE stripe_transfer_reversals; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.stripe_transfer_reversals TO service_role;
GRANT SELECT ON TABLE public.stripe_transfer_reversals TO authenticated;

--
-- Name: TABLE stripe_transfers; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.stripe_transfers TO service_role;
GRANT SELECT ON TABLE public.stripe_transfers TO authenticated;

--
-- Name: TABLE stripe_webhook_events; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.stripe_webhook_events TO service_role;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres REVOKE ALL ON FUNCTIONS  FROM PUBLIC;

--
-- PostgreSQL database dump complete
--
