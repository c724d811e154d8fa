-- Real time for live sessions (issue 9, items 5 and 7; docs/decisions/0018-realtime-events.md).
--
-- Every event viewers must not miss (pin, unpin, flash sales, units left, sales ticker, chat)
-- is a row of public.live_events, written only by database functions. Its id is what a
-- browser's EventSource sends back as Last-Event-ID, so a client that reconnects (or an app
-- instance whose LISTEN connection dropped) reads exactly what it missed. An insert trigger
-- NOTIFYs channel `live_events` with the id and session only (NOTIFY payloads are capped at
-- 8 KB; the listener reads the row). Viewer counts are not stored as events: they are
-- presence (public.live_viewers), published as they change and sent fresh on connect.
--
-- Retention: events and pins are kept with their session (ON DELETE CASCADE) — a replay is
-- shoppable through its pins, and chat is kept with the session. Presence rows are pruned
-- by the presence function itself.

-- ---------------------------------------------------------------------------
-- 1. Stored events
-- ---------------------------------------------------------------------------
create table public.live_events (
  id bigint generated always as identity primary key,
  session_id uuid not null references public.live_sessions (id) on delete cascade,
  type text not null
    check (type in ('pin', 'unpin', 'flash.start', 'flash.end', 'units-left', 'sale', 'chat', 'chat.hidden')),
  payload jsonb not null default '{}'::jsonb
    check (jsonb_typeof(payload) = 'object' and octet_length(payload::text) <= 4096),
  created_at timestamptz not null default now()
);
create index live_events_session_idx on public.live_events (session_id, id);

alter table public.live_events enable row level security;
create policy live_events_public_read on public.live_events
  for select to anon, authenticated
  using (exists (select 1 from public.live_sessions s where s.id = session_id and s.status <> 'cancelled'));

-- The one writer. Per session, ids must be handed out in commit order, or a client that has
-- seen id 11 would never be sent a slower transaction's id 10: the transaction-scoped lock
-- on the session is taken before the id is drawn and held until commit. Events of one
-- session are therefore written one transaction at a time (those writers already serialise
-- on the session's pinned product or flash stock row).
create function app_private.append_live_event(p_session_id uuid, p_type text, p_payload jsonb)
  returns public.live_events
  language plpgsql volatile set search_path = ''
  as $$
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

create function app_private.notify_live_event() returns trigger
  language plpgsql set search_path = ''
  as $$
begin
  perform pg_notify('live_events', json_build_object('id', new.id, 's', new.session_id)::text);
  return null;
end
$$;

create trigger live_events_notify after insert on public.live_events
  for each row execute function app_private.notify_live_event();

-- ---------------------------------------------------------------------------
-- 2. Pins, with their stream time (shoppable replays)
-- ---------------------------------------------------------------------------
create table public.live_session_pins (
  id bigint generated always as identity primary key,
  session_id uuid not null references public.live_sessions (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete cascade,
  pinned_by uuid references auth.users (id) on delete set null,
  pinned_at timestamptz not null default now(),
  unpinned_at timestamptz,
  -- milliseconds since the session's started_at; null for a pin made before going live
  offset_ms bigint check (offset_ms is null or offset_ms >= 0),
  check (unpinned_at is null or unpinned_at >= pinned_at)
);
create unique index live_session_pins_one_open on public.live_session_pins (session_id) where unpinned_at is null;
create index live_session_pins_session_idx on public.live_session_pins (session_id, pinned_at);

alter table public.live_session_pins enable row level security;
create policy live_session_pins_public_read on public.live_session_pins
  for select to anon, authenticated
  using (exists (select 1 from public.live_sessions s where s.id = session_id and s.status <> 'cancelled'));

-- Host or an admin of the session's cooperative (the caller's own rights, nothing passed in).
create function app_private.may_run_session(p_session public.live_sessions) returns boolean
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return auth.uid() is not null and (
    p_session.host_user_id = auth.uid() or app_private.has_coop_role(p_session.cooperative_id, 'admin'));
end
$$;

-- The session locked for a change by whoever may run it, else null: the same answer for
-- "no such session" and "not yours", so ids are not probed this way.
create function app_private.session_to_run(p_session_id uuid) returns public.live_sessions
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- Closes the session's open pin (if any) and writes the unpin event. Caller holds the session lock.
create function app_private.close_open_pin(p_session public.live_sessions) returns bigint
  language plpgsql volatile set search_path = ''
  as $$
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

-- Pins a product of the session. Answers {ok, eventId, pinId, repeated} or {ok: false, reason}.
create function public.pin_product(p_session_id uuid, p_product_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

create function public.unpin_product(p_session_id uuid) returns jsonb
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
  v_event_id := app_private.close_open_pin(v_session);
  update public.live_sessions set pinned_product_id = null where id = v_session.id and pinned_product_id is not null;
  return jsonb_build_object('ok', true, 'repeated', v_event_id is null, 'eventId', v_event_id);
end
$$;

-- ---------------------------------------------------------------------------
-- 3. Presence: every instance counts the same viewers
-- ---------------------------------------------------------------------------
create table public.live_viewers (
  session_id uuid not null references public.live_sessions (id) on delete cascade,
  viewer_id text not null check (viewer_id ~ '^[A-Za-z0-9_-]{16,64}$'),
  last_seen timestamptz not null default now(),
  primary key (session_id, viewer_id)
);
create index live_viewers_seen_idx on public.live_viewers (session_id, last_seen);
alter table public.live_viewers enable row level security; -- no policy: functions only

-- The last count published per session, so one instance publishes a change, not each of them.
create table public.live_viewer_counts (
  session_id uuid primary key references public.live_sessions (id) on delete cascade,
  viewers int not null,
  published_at timestamptz not null default now()
);
alter table public.live_viewer_counts enable row level security; -- no policy: functions only

-- A viewer's heartbeat (or its leaving). Answers {viewers, publish} — publish is true when
-- the count changed and the last published one is at least 3 s old (throttle) — or null
-- for a session the public cannot see. Viewers unseen for 40 s are not counted.
create function public.live_presence(p_session_id uuid, p_viewer_id text, p_leaving boolean default false) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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
  insert into public.live_viewer_counts as c (session_id, viewers) values (p_session_id, v_count)
  on conflict (session_id) do update set viewers = excluded.viewers, published_at = now()
   where c.viewers <> excluded.viewers and c.published_at < now() - interval '3 seconds'
  returning viewers into v_published;
  return jsonb_build_object('viewers', v_count, 'publish', v_published is not null);
end
$$;

-- ---------------------------------------------------------------------------
-- 4. Exact privileges (20261201120000_exact_privileges.sql): revoke first, then grant.
-- ---------------------------------------------------------------------------
revoke all on table public.live_events, public.live_session_pins, public.live_viewers, public.live_viewer_counts
  from public, anon, authenticated, service_role;
revoke all on sequence public.live_events_id_seq, public.live_session_pins_id_seq
  from public, anon, authenticated, service_role;
revoke all on function
  app_private.append_live_event(uuid, text, jsonb),
  app_private.notify_live_event(),
  app_private.may_run_session(public.live_sessions),
  app_private.session_to_run(uuid),
  app_private.close_open_pin(public.live_sessions),
  public.pin_product(uuid, uuid),
  public.unpin_product(uuid),
  public.live_presence(uuid, text, boolean)
  from public, anon, authenticated, service_role;

-- Read by anyone for a public session (RLS above); written only by the functions.
grant select on table public.live_events to anon, authenticated, service_role;
grant select on table public.live_session_pins to anon, authenticated, service_role;
-- Hosts and admins only; the function checks which session is theirs.
grant execute on function public.pin_product(uuid, uuid), public.unpin_product(uuid) to authenticated;
-- Every viewer's stream keeps its presence (anon included: guests watch too).
grant execute on function public.live_presence(uuid, text, boolean) to anon, authenticated, service_role;
