-- Peak viewers per live session, for the cooperative's income report ("orders per 100
-- viewers", issue 11). live_viewer_counts kept only the latest published count; it now also
-- keeps the most viewers any heartbeat counted. Null = not recorded (a session whose
-- count row predates this migration starts recording at its next heartbeat).

alter table public.live_viewer_counts add column peak_viewers int check (peak_viewers >= 0);

-- The same heartbeat as 20261202110000_live_events_and_pins.sql, plus the peak: written only
-- when a heartbeat sees more viewers than ever before, so a steady audience writes nothing
-- more than before. CREATE OR REPLACE keeps the function's owner and grants.
create or replace function public.live_presence(p_session_id uuid, p_viewer_id text, p_leaving boolean default false) returns jsonb
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
  insert into public.live_viewer_counts as c (session_id, viewers, peak_viewers) values (p_session_id, v_count, v_count)
  on conflict (session_id) do update set viewers = excluded.viewers, published_at = now()
   where c.viewers <> excluded.viewers and c.published_at < now() - interval '3 seconds'
  returning viewers into v_published;
  update public.live_viewer_counts set peak_viewers = v_count
   where session_id = p_session_id and (peak_viewers is null or peak_viewers < v_count);
  return jsonb_build_object('viewers', v_count, 'publish', v_published is not null);
end
$$;

-- The peaks of the given sessions the caller may report on: sessions of a cooperative they
-- administer (any, for the platform admin) or that they host. The table itself stays
-- unreadable to the API roles (functions only, as before); the caller's sets are computed
-- once per call (ADR 0010), so a report asks for all its sessions in one call.
create function public.session_peak_viewers(p_session_ids uuid[]) returns table (session_id uuid, peak_viewers int)
  language plpgsql stable security definer set search_path = ''
  as $$
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

-- Exact privileges (ADR 0006): revoke first, then grant exactly.
revoke all on function public.session_peak_viewers(uuid[]) from public, anon, authenticated, service_role;
grant execute on function public.session_peak_viewers(uuid[]) to authenticated, service_role;
