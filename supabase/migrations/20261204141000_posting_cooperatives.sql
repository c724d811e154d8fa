-- Postings carry their order's cooperatives, so a cooperative admin's policy on postings is
-- one array overlap (issue 11 item 6, ADR 0029). The reports read every payment and refund
-- posting in their range; for each posting of another cooperative, ledger_postings_read ran
-- an EXISTS into orders (itself under the orders policy) and then posting_touches_coops (a
-- lookup of the posting's lines), which on 1M order items made a two-year report 4.4× the
-- same sums read without RLS.
alter table public.ledger_postings add column cooperative_ids uuid[] not null default '{}';

-- Derived whatever the writer sends (security definer: a writer that cannot see the order must
-- not under-fill it). An order's cooperatives are fixed when its items are placed, before any
-- posting of it.
create function app_private.record_posting_cooperatives() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  new.cooperative_ids := coalesce((select o.cooperative_ids from public.orders o where o.id = new.order_id), '{}');
  return new;
end
$$;
revoke all on function app_private.record_posting_cooperatives() from public;
create trigger ledger_postings_record_cooperatives
  before insert on public.ledger_postings
  for each row execute function app_private.record_posting_cooperatives();

-- The postings already written (the append-only guard is lifted for this backfill only).
alter table public.ledger_postings disable trigger ledger_postings_append_only;
update public.ledger_postings p
   set cooperative_ids = o.cooperative_ids
  from public.orders o
 where o.id = p.order_id and o.cooperative_ids <> '{}';
alter table public.ledger_postings enable trigger ledger_postings_append_only;

-- An order's posting: the order's cooperatives (was the EXISTS into orders). A posting without
-- an order (a payout) is still the cooperative's when it touches one of its accounts; a
-- posting of an order can touch a cooperative's accounts only for that cooperative's items,
-- so the order's cooperatives already say it.
alter policy ledger_postings_read on public.ledger_postings
  using ((select app_private.is_platform_admin())
         or order_id in (select app_private.my_order_ids())
         or cooperative_ids && (select app_private.admin_coop_array())
         or (order_id is null and app_private.posting_touches_coops(id, (select app_private.admin_coop_array()))));
