-- Issue 11, items 3 and 4 (ADR 0028): streamer statements per live session, and the public
-- income disclosure a cooperative's admin switches on.
--
-- 1. Commission per live session. A streamer may read their own ledger lines but not the
--    order items they point at (those carry the cooperative's sales), so the per-session
--    split of a streamer's commission is one security definer read: the caller's own
--    streamer accounts, or those of cooperatives the caller administers.
create function public.streamer_commission_by_session(p_user_id uuid, p_cooperative_id uuid, p_from date, p_to date)
returns table (live_session_id uuid, title_zh text, title_en text, started_on text, earned_fen bigint, refunds_fen bigint)
  language sql stable security definer set search_path = ''
  as $$
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

-- 2. The disclosure switch: off by default; readable by everyone (the public page needs to
--    know whether it exists), written only through set_income_disclosure, which checks the
--    caller administers the cooperative.
alter table public.cooperatives add column disclosure_enabled boolean not null default false;

create function public.set_income_disclosure(p_cooperative_id uuid, p_enabled boolean) returns boolean
  language plpgsql security definer set search_path = ''
  as $$
begin
  if not (app_private.is_platform_admin() or p_cooperative_id in (select app_private.admin_coop_ids())) then
    raise exception 'not an admin of this cooperative' using errcode = '42501';
  end if;
  update public.cooperatives set disclosure_enabled = p_enabled where id = p_cooperative_id;
  return p_enabled;
end
$$;

-- 3. The disclosure itself: only aggregates, per year and per month (grouping sets, since
--    the number of households paid in a year is not the sum of its months), for an active
--    cooperative that switched it on; nothing otherwise. No buyer, order or household row.
create function public.income_disclosure(p_slug text)
returns table (year integer, month integer, net_fen bigint, collective_fen bigint, household_fen bigint,
               paid_to_households_fen bigint, households_paid integer)
  language sql stable security definer set search_path = ''
  as $$
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

-- 4. Exact privileges (ADR 0006): revoke first, then grant exactly.
revoke all on function public.streamer_commission_by_session(uuid, uuid, date, date) from public, anon, authenticated, service_role;
revoke all on function public.set_income_disclosure(uuid, boolean) from public, anon, authenticated, service_role;
revoke all on function public.income_disclosure(text) from public, anon, authenticated, service_role;
grant execute on function public.streamer_commission_by_session(uuid, uuid, date, date) to authenticated;
grant execute on function public.set_income_disclosure(uuid, boolean) to authenticated;
grant execute on function public.income_disclosure(text) to anon, authenticated;
grant select (disclosure_enabled) on table public.cooperatives to anon, authenticated;
