-- Refunds authorised where they are written (issue 8, item 2; docs/decisions/0009-refunds-in-the-database.md).
--
-- public.refund_order runs as the request's own role (authenticated) and, being granted to
-- authenticated, is callable by any signed-in user through PostgREST. So it trusts nothing
-- but ids and quantities: it checks the caller's rights on every item (admin of the item's
-- cooperative, or platform admin), locks the order, computes the reversal itself from the
-- rule copied onto each item (app_private.allocate_split mirrors app/domain/split-allocation.ts;
-- tests/integration/refund-sql-properties.test.ts proves them equal), and posts the ledger.

-- ---------------------------------------------------------------------------
-- The allocation, as app/domain/split-allocation.ts `allocate` computes it: each party
-- floor(total × bp / 10000); the fen left over one each to the largest remainders, ties
-- household → collective → streamer → platform; a party with no remainder takes none.
-- ---------------------------------------------------------------------------
create function app_private.allocate_split(p_total bigint, p_household int, p_collective int, p_streamer int, p_platform int)
  returns table (party text, party_order int, amount bigint)
  language sql immutable set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- Ledger accounts for a whole posting in one round trip: create the missing ones, then
-- return one account per input position (n = 1-based index into the arrays). Two
-- statements, so the second sees accounts a concurrent posting committed meanwhile
-- (ON CONFLICT DO NOTHING waits for it). Used by refund_order and the payment posting.
-- ---------------------------------------------------------------------------
create function app_private.ledger_account_ids(p_kinds text[], p_cooperative_ids uuid[], p_household_ids uuid[], p_user_ids uuid[])
  returns table (n int, account_id uuid)
  language plpgsql volatile set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- The refund. p_item_ids null = every unit not yet refunded of the items the caller may
-- refund. Returns the app's RefundResult as jsonb:
--   {ok: true, refundId, amountFen, status, repeated}
--   {ok: false, reason: unknown_order | not_refundable | nothing_to_refund | unknown_item | refund_id_reused}
--   {ok: false, reason: too_many, orderItemId, available}
-- An order on which the caller may refund nothing does not exist for them (unknown_order);
-- an item of another cooperative is unknown_item. Quantities are numeric so that 1.5 is
-- refused as too_many (as the domain does) instead of failing a cast.
-- ---------------------------------------------------------------------------
create function public.refund_order(
  p_refund_id uuid,
  p_order_id uuid,
  p_item_ids uuid[],
  p_quantities numeric[],
  p_restock boolean,
  p_reason text
) returns jsonb
  language plpgsql
  security definer
  set search_path = ''
  as $$
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

-- Exact privileges (20261201120000_exact_privileges.sql): nothing is executable unless granted.
revoke all on function app_private.allocate_split(bigint, int, int, int, int) from public;
revoke all on function app_private.ledger_account_ids(text[], uuid[], uuid[], uuid[]) from public;
revoke all on function public.refund_order(uuid, uuid, uuid[], numeric[], boolean, text) from public;
-- The allocation is pure arithmetic; the property test calls it as service_role.
grant execute on function app_private.allocate_split(bigint, int, int, int, int) to service_role;
-- The payment posting (service_role) resolves its accounts through the same function.
grant execute on function app_private.ledger_account_ids(text[], uuid[], uuid[], uuid[]) to service_role;
-- Signed-in callers only: the function itself decides what each of them may refund.
grant execute on function public.refund_order(uuid, uuid, uuid[], numeric[], boolean, text) to authenticated;
