-- The buyer's order page (issue 7, items 10 and 17).
--
-- 1. The contact phone as the order page may show it: in full to the signed-in buyer and
--    to the admins of a cooperative whose items are in the order; to anyone else holding
--    the link (signed ?key= link, visitor cookie) only as 138****8000 (first 3, last 4),
--    so the full number never leaves the database for them.
create function app_private.order_contact_phone(p_phone text, p_buyer uuid, p_order_id uuid) returns text
  language sql stable set search_path = ''
  as $$
    select case
      when (p_buyer is not null and p_buyer = auth.uid()) or app_private.is_order_of_my_coop(p_order_id) then p_phone
      when length(p_phone) > 7 then left(p_phone, 3) || repeat('*', length(p_phone) - 7) || right(p_phone, 4)
      else repeat('*', length(p_phone))
    end
  $$;
revoke all on function app_private.order_contact_phone(text, uuid, uuid) from public;
grant execute on function app_private.order_contact_phone(text, uuid, uuid) to anon, authenticated, service_role;

-- 2. Who streamed the items of an order that were sold live: the host's display name and
--    the session's title, for the split's "streamer" group. Profiles are not readable by
--    guests, so this reads them as the owner, for an order the caller may see only.
create function public.order_streamers(p_order_id uuid)
  returns table (order_item_id uuid, streamer_user_id uuid, display_name text, session_id uuid, title_zh text, title_en text)
  language sql stable security definer set search_path = ''
  as $$
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
revoke all on function public.order_streamers(uuid) from public;
grant execute on function public.order_streamers(uuid) to anon, authenticated, service_role;
