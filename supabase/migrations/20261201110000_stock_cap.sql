-- A product's stock is at most 1,000,000 units, enforced on the stored value, so that no
-- sequence of edits (each within the form's limit) can push it past the cap or overflow int.
update public.product_stock set stock = 1000000 where stock > 1000000;
alter table public.product_stock
  add constraint product_stock_at_most_a_million check (stock <= 1000000);

-- Stock that comes back (an expired or cancelled reservation) can never break the cap, or
-- the expiry job — one statement for every expired order — would fail for everyone.
-- Admin edits count reserved units against the cap (app/models/dashboard/products.server.ts),
-- so in practice nothing is clipped here; this only guarantees the job always runs.
create or replace function app_private.cancel_pending_orders(p_order_ids uuid[]) returns int
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

  update public.product_stock s set stock = least(s.stock + x.quantity, 1000000), updated_at = now()
    from (select product_id, sum(quantity)::int as quantity from public.order_items
           where order_id = any (v_cancelled) group by product_id) x
   where s.product_id = x.product_id;
  return cardinality(v_cancelled);
end
$$;
