-- The streamer studio (issue 9, item 6): scheduling, editing, going live, ending and
-- cancelling a session, its stream key, and the live panel's figures.
--
-- Every change of a session goes through a security-definer function below that checks the
-- caller's rights inside (app_private.session_to_run: the host or an admin of the session's
-- cooperative, same answer for "no such session" and "not yours"). Hosts and admins lose
-- their direct INSERT/UPDATE on live_sessions and writes on live_session_products, so a
-- status, a start time or a product list cannot be changed around the state machine
-- (app/domain/live-session-state.ts: scheduled → live → ended, scheduled → cancelled).
--
-- The stream key stays in live_session_secrets (readable by host and admins only). It is
-- returned by rotate_stream_key to its caller and checked by check_stream_key for the RTMP
-- server's on_publish callback; it is never written into an event.

-- ---------------------------------------------------------------------------
-- 1. A stored event for status changes, so viewers learn "live" and the replay URL
-- ---------------------------------------------------------------------------
alter table public.live_events drop constraint live_events_type_check;
alter table public.live_events add constraint live_events_type_check
  check (type in ('pin', 'unpin', 'flash.start', 'flash.end', 'units-left', 'sale', 'chat', 'chat.hidden', 'session'));

-- ---------------------------------------------------------------------------
-- 2. No direct writes: the functions are the only way
-- ---------------------------------------------------------------------------
drop policy live_sessions_host_insert on public.live_sessions;
drop policy live_sessions_host_update on public.live_sessions;
drop policy live_session_products_host_write on public.live_session_products;
revoke insert, update, delete on table public.live_sessions from authenticated;
revoke insert, update, delete on table public.live_session_products from authenticated;

-- ---------------------------------------------------------------------------
-- 3. Helpers
-- ---------------------------------------------------------------------------
-- 244 random bits (two v4 UUIDs) in hex; gen_random_uuid is core, no pgcrypto needed.
create function app_private.new_stream_key() returns text
  language sql volatile set search_path = ''
  as $$ select 'hl_' || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') $$;

-- A playback or replay address: a same-origin path or an http(s) URL, no spaces.
create function app_private.is_media_url(p_url text) returns boolean
  language sql immutable set search_path = ''
  as $$ select p_url is not null and length(p_url) <= 2048 and p_url !~ '\s'
               and (p_url ~ '^/[^/\\]' or p_url ~* '^https?://[^/]') $$;

-- Titles, descriptions and start time as both create and update accept them; null when fine.
create function app_private.session_input_problem(
  p_title_zh text, p_title_en text, p_description_zh text, p_description_en text, p_scheduled_start timestamptz
) returns text
  language plpgsql stable set search_path = ''
  as $$
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

-- Replaces the session's products (in the given order) with active products of its
-- cooperative. False when the list is empty, too long, repeats or names another product.
create function app_private.set_session_products(p_session public.live_sessions, p_product_ids uuid[]) returns boolean
  language plpgsql volatile set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- 4. Scheduling and editing
-- ---------------------------------------------------------------------------
-- A streamer of the cooperative schedules a session they host; an admin of the cooperative
-- may host one themselves. Answers {ok, sessionId} or {ok: false, reason}.
create function public.create_live_session(
  p_cooperative_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text,
  p_scheduled_start timestamptz, p_product_ids uuid[]
) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- Titles and descriptions until the session ends; start time and products while it is
-- scheduled only (pass null for them once live). Answers {ok} or {ok: false, reason}.
create function public.update_live_session(
  p_session_id uuid, p_title_zh text, p_title_en text, p_description_zh text, p_description_en text,
  p_scheduled_start timestamptz, p_product_ids uuid[]
) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- 5. Transitions (the same table as app/domain/live-session-state.ts)
-- ---------------------------------------------------------------------------
create function app_private.session_event(p_session_id uuid, p_status text, p_replay_url text) returns bigint
  language sql volatile set search_path = ''
  as $$ select (app_private.append_live_event(p_session_id, 'session',
                jsonb_build_object('status', p_status, 'replayUrl', p_replay_url))).id $$;

-- scheduled → live. The session's configured playback URL is kept; p_playback_url (the
-- deployment's default) is used only when it has none. Answers {ok, eventId}.
create function public.go_live(p_session_id uuid, p_playback_url text default null) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- live → ended: closes the open pin (as unpin does) and sets the replay URL — the one given
-- (a VOD address), else one configured on the session, else the bundled sample's recording
-- for the sample live stream, else the recording beside a live playlist (…/live.m3u8 →
-- …/master.m3u8), else none. Viewers learn it
-- from the `session` event. Answers {ok, eventId, unpinEventId, replayUrl}.
create function public.end_live_session(p_session_id uuid, p_replay_url text default null) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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
$$;

-- scheduled → cancelled (the public no longer sees it, nor its events).
create function public.cancel_live_session(p_session_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- 6. The stream key
-- ---------------------------------------------------------------------------
-- A new key for a scheduled or live session; the old one stops working at once. The key is
-- answered to the caller only. Answers {ok, streamKey} or {ok: false, reason}.
create function public.rotate_stream_key(p_session_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- Failed key checks per source, so on_publish cannot be used to guess keys quickly
-- (keys have 244 random bits; this keeps the noise down). Functions only.
create table app_private.stream_key_failures (
  id bigint generated always as identity primary key,
  source text not null,
  failed_at timestamptz not null default now()
);
create index stream_key_failures_source_idx on app_private.stream_key_failures (source, failed_at);

-- The RTMP server's on_publish check: may this key publish now? Sources are buckets the
-- caller names (the publisher's address as the RTMP server saw it, the caller's address);
-- past 20 failures in 10 minutes in any of them, every check from it fails for a while.
-- Answers {ok, throttled}; never which session, never a key.
create function public.check_stream_key(p_stream_key text, p_sources text[]) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- 7. The live panel: one call, for whoever may run the session (else null)
-- ---------------------------------------------------------------------------
-- Viewers now, paid orders and their GMV (fen) from this session, the top products by
-- units, and the host's streamer commission from the ledger (net of refunds). Hosts cannot
-- read orders or ledger lines themselves; this answers only the session's own totals.
create function public.studio_session_stats(p_session_id uuid) returns jsonb
  language plpgsql stable security definer set search_path = ''
  as $$
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

create index ledger_lines_order_item_idx on public.ledger_lines (order_item_id);

-- ---------------------------------------------------------------------------
-- 8. Exact privileges: revoke first, then grant
-- ---------------------------------------------------------------------------
revoke all on table app_private.stream_key_failures from public, anon, authenticated, service_role;
revoke all on sequence app_private.stream_key_failures_id_seq from public, anon, authenticated, service_role;
revoke all on function
  app_private.new_stream_key(),
  app_private.is_media_url(text),
  app_private.session_input_problem(text, text, text, text, timestamptz),
  app_private.set_session_products(public.live_sessions, uuid[]),
  app_private.session_event(uuid, text, text),
  public.create_live_session(uuid, text, text, text, text, timestamptz, uuid[]),
  public.update_live_session(uuid, text, text, text, text, timestamptz, uuid[]),
  public.go_live(uuid, text),
  public.end_live_session(uuid, text),
  public.cancel_live_session(uuid),
  public.rotate_stream_key(uuid),
  public.check_stream_key(text, text[]),
  public.studio_session_stats(uuid)
  from public, anon, authenticated, service_role;

-- Hosts and admins; each function checks which session (or cooperative) is theirs.
grant execute on function
  public.create_live_session(uuid, text, text, text, text, timestamptz, uuid[]),
  public.update_live_session(uuid, text, text, text, text, timestamptz, uuid[]),
  public.go_live(uuid, text),
  public.end_live_session(uuid, text),
  public.cancel_live_session(uuid),
  public.rotate_stream_key(uuid),
  public.studio_session_stats(uuid)
  to authenticated;
-- The RTMP server's callback carries no session cookie: it runs as anon.
grant execute on function public.check_stream_key(text, text[]) to anon, authenticated, service_role;
