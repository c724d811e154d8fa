-- Live chat (issue 9, item 5): signed-in viewers post during a live session; the session's
-- host and its cooperative's admins hide a message or mute a user. Every message and every
-- hiding is also a stored live event (`chat`, `chat.hidden`: app_private.append_live_event),
-- so viewers on every instance get it and a reconnecting viewer gets what it missed.
--
-- Kept with the session (ON DELETE CASCADE), like its events. The author's display name is
-- snapshotted (≤ 40 UTF-16 units, what the event schema allows; never an email): a later
-- rename does not rewrite what was said. The author's id stays on the row (a moderator mutes
-- by it); a deleted account leaves its messages with no id.
--
-- The text rule is app/domain/live-chat-text.ts, repeated here for callers that skip the app.
-- Rate limit per session and user: at least 1 s between two messages and at most 5 in any
-- 10 s, counted under a per-(session, user) advisory lock so concurrent posts queue and each
-- sees the one before it (with clock_timestamp(), not the transaction's start time).
--
-- Muting hides the user's messages of the last 10 minutes as well (each with its
-- chat.hidden event): a mute is the answer to a burst of spam or abuse, and what prompted it
-- should not stay up. Older messages stay; a moderator hides them one by one if needed.
--
-- Lock order, so no two of these deadlock: the session row (post: FOR KEY SHARE; moderation:
-- FOR UPDATE through app_private.session_to_run), then the (session, user) lock, then the
-- session's event lock inside append_live_event.

-- ---------------------------------------------------------------------------
-- 1. Tables
-- ---------------------------------------------------------------------------
create table public.live_chat_messages (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.live_sessions (id) on delete cascade,
  user_id uuid references auth.users (id) on delete set null,
  author_name text not null check (char_length(author_name) <= 40 and position('@' in author_name) = 0),
  body text not null check (char_length(body) between 1 and 200),
  created_at timestamptz not null default clock_timestamp(),
  hidden_at timestamptz,
  hidden_by uuid references auth.users (id) on delete set null
);
create index live_chat_messages_session_idx on public.live_chat_messages (session_id, created_at desc);
create index live_chat_messages_author_idx on public.live_chat_messages (session_id, user_id, created_at desc);

create table public.live_chat_mutes (
  session_id uuid not null references public.live_sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  muted_by uuid references auth.users (id) on delete set null,
  muted_at timestamptz not null default now(),
  primary key (session_id, user_id)
);

-- May the caller moderate this session's chat (host, or an admin of its cooperative)?
-- The same rights as pinning (app_private.may_run_session); false for anon.
create function app_private.may_moderate_chat(p_session_id uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select coalesce((select app_private.may_run_session(s) from public.live_sessions s where s.id = p_session_id), false)
  $$;

alter table public.live_chat_messages enable row level security;
-- Anyone reads the visible messages of a public session; moderators also the hidden ones.
create policy live_chat_messages_read on public.live_chat_messages
  for select to anon, authenticated
  using (
    exists (select 1 from public.live_sessions s where s.id = session_id and s.status <> 'cancelled')
    and (hidden_at is null or app_private.may_moderate_chat(session_id)));

alter table public.live_chat_mutes enable row level security;
-- A muted user sees their own mute (the page says so); moderators see the session's mutes.
create policy live_chat_mutes_read on public.live_chat_mutes
  for select to authenticated
  using (user_id = (select auth.uid()) or app_private.may_moderate_chat(session_id));

-- ---------------------------------------------------------------------------
-- 2. Helpers
-- ---------------------------------------------------------------------------
-- The name a message is signed with: the display name without control characters, '' when
-- it is (or looks like) the email or its local part — the page then says "a viewer" — and
-- cut to 40 UTF-16 units (an astral character counts two, as in the browser).
create function app_private.chat_author_name(p_display_name text, p_email text) returns text
  language plpgsql immutable set search_path = ''
  as $$
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

-- Hides one message (caller holds the session lock). The chat.hidden event's id, or null
-- when it was already hidden.
create function app_private.hide_chat_row(p_session_id uuid, p_message_id uuid) returns bigint
  language plpgsql volatile set search_path = ''
  as $$
begin
  update public.live_chat_messages set hidden_at = now(), hidden_by = auth.uid()
   where id = p_message_id and session_id = p_session_id and hidden_at is null;
  if not found then
    return null;
  end if;
  return (app_private.append_live_event(p_session_id, 'chat.hidden', jsonb_build_object('messageId', p_message_id))).id;
end
$$;

create function app_private.lock_chat_author(p_session_id uuid, p_user_id uuid) returns void
  language sql volatile set search_path = ''
  as $$ select pg_advisory_xact_lock(hashtextextended('live_chat:' || p_session_id::text || ':' || p_user_id::text, 0)) $$;

-- ---------------------------------------------------------------------------
-- 3. The writers. Each answers {ok, reason?, eventId?, retryAfterSeconds?} like pin_product.
-- ---------------------------------------------------------------------------
create function public.post_chat_message(p_session_id uuid, p_text text) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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
$$;

-- Hides a message. The same answer for "no such message" and "not yours to moderate".
create function public.hide_chat_message(p_message_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- Mutes a user in one session and hides their messages of the last 10 minutes. The host and
-- the cooperative's admins cannot be muted (they moderate). eventId: the last chat.hidden.
create function public.mute_chat_user(p_session_id uuid, p_user_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

create function public.unmute_chat_user(p_session_id uuid, p_user_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- 4. Exact privileges (20261201120000_exact_privileges.sql): revoke first, then grant.
-- ---------------------------------------------------------------------------
revoke all on table public.live_chat_messages, public.live_chat_mutes from public, anon, authenticated, service_role;
revoke all on function
  app_private.may_moderate_chat(uuid),
  app_private.chat_author_name(text, text),
  app_private.hide_chat_row(uuid, uuid),
  app_private.lock_chat_author(uuid, uuid),
  public.post_chat_message(uuid, text),
  public.hide_chat_message(uuid),
  public.mute_chat_user(uuid, uuid),
  public.unmute_chat_user(uuid, uuid)
  from public, anon, authenticated, service_role;

-- Read under RLS; who hid a message is the moderators' business (service_role only).
grant select (id, session_id, user_id, author_name, body, created_at, hidden_at) on table public.live_chat_messages to anon, authenticated;
grant select on table public.live_chat_messages to service_role;
grant select on table public.live_chat_mutes to authenticated, service_role;
-- The read policies call it as the reader.
grant execute on function app_private.may_moderate_chat(uuid) to anon, authenticated, service_role;
-- Signed-in users only; each function checks the rest (session live, rights, rate).
grant execute on function
  public.post_chat_message(uuid, text),
  public.hide_chat_message(uuid),
  public.mute_chat_user(uuid, uuid),
  public.unmute_chat_user(uuid, uuid)
  to authenticated;
