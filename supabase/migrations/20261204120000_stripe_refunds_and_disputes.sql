-- Money going back in Stripe mode (issue 10, items 5 and 6; ADR 0027).
--
-- A refund recorded by public.refund_order for an order paid through Stripe queues, in the
-- same transaction (a trigger on public.refunds), what Stripe must do about it:
--   public.stripe_refunds            — one Stripe refund of that amount on the PaymentIntent;
--   public.stripe_transfer_reversals — for each payee already sent a transfer for the order,
--                                      a reversal of its share of this refund (the refund
--                                      posting's debit to its account, by the frozen split),
--                                      at most what is left of the transfer;
-- and shrinks (or drops) the order's transfers not sent yet by the same shares. Both are sent
-- after commit (refund:<refund id>, reversal:<reversal id>). A reversal Stripe makes posts a
-- negative payout (the payee credited back, payouts_clearing debited); one it refuses
-- (the connected account's balance is short) stays `failed`: the refund already took the
-- payee's balance below zero, and that receivable is netted against its next transfers
-- (queue_stripe_transfers caps by what is owed) and offline payouts (record_payout refuses
-- more than is owed).
--
-- public.stripe_disputes: a dispute on an order's charge holds the pending transfers of that
-- order's payees (status held) until it closes; won releases them, lost leaves them held for
-- the admin to refund the order (which reverses the split).

-- ---------------------------------------------------------------------------
-- 1. Tables
-- ---------------------------------------------------------------------------
create table public.stripe_refunds (
  refund_id uuid primary key references public.refunds (id) on delete restrict,
  order_id uuid not null references public.orders (id) on delete restrict,
  payment_intent_id text not null check (payment_intent_id ~ '^pi_\w+$'),
  amount_fen bigint not null check (amount_fen > 0),
  -- the part the buyer already got back outside the app (a refund in Stripe's dashboard, a
  -- lost dispute): not refunded at Stripe again; the rest (amount − covered) is
  covered_fen bigint not null default 0,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  stripe_refund_id text unique,
  failure text check (char_length(failure) <= 500),
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  check ((status = 'pending') = (settled_at is null)),
  check (covered_fen between 0 and amount_fen)
);
create index stripe_refunds_order_idx on public.stripe_refunds (order_id);
create index stripe_refunds_pending_idx on public.stripe_refunds (created_at) where status = 'pending';

create table public.stripe_transfer_reversals (
  id uuid primary key default gen_random_uuid(),
  transfer_id uuid not null references public.stripe_transfers (id) on delete restrict,
  -- the refund that asked for it; null: a reversal made in Stripe's dashboard, booked from transfer.reversed
  refund_id uuid references public.refunds (id) on delete restrict,
  amount_fen bigint not null check (amount_fen > 0),
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  stripe_reversal_id text unique,
  posting_id uuid unique references public.ledger_postings (id) on delete restrict,
  failure text check (char_length(failure) <= 500),
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  unique (refund_id, transfer_id),
  check ((status = 'succeeded') = (posting_id is not null)),
  check ((status = 'pending') = (settled_at is null))
);
create index stripe_transfer_reversals_transfer_idx on public.stripe_transfer_reversals (transfer_id);
create index stripe_transfer_reversals_pending_idx on public.stripe_transfer_reversals (created_at) where status = 'pending';

create table public.stripe_disputes (
  id text primary key check (id ~ '^(dp|du)_\w+$'),
  order_id uuid not null references public.orders (id) on delete restrict,
  charge_id text,
  amount_fen bigint not null check (amount_fen >= 0),
  reason text not null default '' check (char_length(reason) <= 100),
  -- Stripe's dispute status as last heard (warning_needs_response, needs_response, under_review, won, lost, …)
  stripe_status text not null default '' check (char_length(stripe_status) <= 50),
  opened_at timestamptz not null,
  closed_at timestamptz,
  outcome text check (outcome in ('won', 'lost')),
  check ((closed_at is null) = (outcome is null))
);
create index stripe_disputes_order_idx on public.stripe_disputes (order_id);

-- Who sees them: whoever administers a cooperative with items in the order (mixed orders:
-- each of their admins), and platform admins. Written only by the functions below and the
-- service role.
create function app_private.admin_order_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select distinct oi.order_id from public.order_items oi
    where oi.cooperative_id in (select app_private.admin_coop_ids());
end
$$;

alter table public.stripe_refunds enable row level security;
alter table public.stripe_transfer_reversals enable row level security;
alter table public.stripe_disputes enable row level security;
create policy stripe_refunds_admin_read on public.stripe_refunds for select to authenticated
  using ((select app_private.is_platform_admin()) or order_id in (select app_private.admin_order_ids()));
create policy stripe_disputes_admin_read on public.stripe_disputes for select to authenticated
  using ((select app_private.is_platform_admin()) or order_id in (select app_private.admin_order_ids()));
create policy stripe_transfer_reversals_admin_read on public.stripe_transfer_reversals for select to authenticated
  using ((select app_private.is_platform_admin())
         or transfer_id in (select t.id from public.stripe_transfers t where t.cooperative_id in (select app_private.admin_coop_ids())));

-- ---------------------------------------------------------------------------
-- 2. A refund of a Stripe-paid order: its Stripe refund, its reversals, its unsent transfers
-- ---------------------------------------------------------------------------
create function app_private.queue_stripe_refund() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
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
$$;

create trigger refunds_queue_stripe_refund after insert on public.refunds
  for each row execute function app_private.queue_stripe_refund();

-- ---------------------------------------------------------------------------
-- 3. A reversal Stripe made: post it once (a negative payout). Returns
--    succeeded | already_settled | nothing_left. p_reversal_id null with p_transfer_id: a
--    reversal made outside the app (transfer.reversed), booked by its Stripe id once.
-- ---------------------------------------------------------------------------
create function app_private.record_transfer_reversal(
  p_reversal_id uuid, p_transfer_id uuid, p_stripe_reversal_id text, p_amount_fen bigint
) returns text
  language plpgsql security definer set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- 4. Disputes. Opening holds the pending transfers of the order's payees; closing as won
--    releases those no other open dispute holds. Returns the number of transfers changed.
-- ---------------------------------------------------------------------------
create function app_private.open_stripe_dispute(
  p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_opened_at timestamptz
) returns integer
  language plpgsql security definer set search_path = ''
  as $$
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

-- Closing: won, or an inquiry that closed without taking money (warning_closed, prevented),
-- releases every held transfer of the order's payees that no other open dispute holds;
-- lost releases those of their other orders — the disputed order's own stay held until the
-- admin refunds it (which reverses the split; the money already went back through the bank).
-- A close that arrives before its opening records the dispute closed, so the opening that
-- follows holds nothing.
create function app_private.close_stripe_dispute(
  p_dispute_id text, p_order_id uuid, p_charge_id text, p_amount_fen bigint, p_reason text, p_status text, p_closed_at timestamptz
) returns integer
  language plpgsql security definer set search_path = ''
  as $$
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

-- ---------------------------------------------------------------------------
-- 5. Exact privileges (ADR 0006)
-- ---------------------------------------------------------------------------
revoke all on table public.stripe_refunds, public.stripe_transfer_reversals, public.stripe_disputes
  from public, anon, authenticated, service_role;
grant all on table public.stripe_refunds, public.stripe_transfer_reversals, public.stripe_disputes to service_role;
grant select on table public.stripe_refunds, public.stripe_transfer_reversals, public.stripe_disputes to authenticated;

revoke all on function app_private.admin_order_ids() from public, anon, authenticated, service_role;
revoke all on function app_private.queue_stripe_refund() from public, anon, authenticated, service_role;
revoke all on function app_private.record_transfer_reversal(uuid, uuid, text, bigint) from public, anon, authenticated, service_role;
revoke all on function app_private.open_stripe_dispute(text, uuid, text, bigint, text, text, timestamptz)
  from public, anon, authenticated, service_role;
revoke all on function app_private.close_stripe_dispute(text, uuid, text, bigint, text, text, timestamptz) from public, anon, authenticated, service_role;
grant execute on function app_private.admin_order_ids() to authenticated;
grant execute on function app_private.record_transfer_reversal(uuid, uuid, text, bigint) to service_role;
grant execute on function app_private.open_stripe_dispute(text, uuid, text, bigint, text, text, timestamptz) to service_role;
grant execute on function app_private.close_stripe_dispute(text, uuid, text, bigint, text, text, timestamptz) to service_role;

-- ---------------------------------------------------------------------------
-- 6. Refunds made in Stripe's dashboard, beyond what the app asked for: the ledger cannot
--    tell whose share they were, so they wait for the cooperative to record them as a
--    refund of items (charge.refunded; one row per cumulative amount Stripe reported).
-- ---------------------------------------------------------------------------
create table public.stripe_outside_refunds (
  -- one row per charge: the latest cumulative refunded amount Stripe reported, and how much of
  -- it the app's own refunds did not explain then
  charge_id text primary key,
  order_id uuid not null references public.orders (id) on delete restrict,
  amount_refunded_fen bigint not null check (amount_refunded_fen > 0),
  unknown_fen bigint not null check (unknown_fen > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index stripe_outside_refunds_order_idx on public.stripe_outside_refunds (order_id);
alter table public.stripe_outside_refunds enable row level security;
create policy stripe_outside_refunds_admin_read on public.stripe_outside_refunds for select to authenticated
  using ((select app_private.is_platform_admin()) or order_id in (select app_private.admin_order_ids()));
revoke all on table public.stripe_outside_refunds from public, anon, authenticated, service_role;
grant all on table public.stripe_outside_refunds to service_role;
grant select on table public.stripe_outside_refunds to authenticated;

-- Events stored for later by earlier versions (refunds, disputes, reversals, account
-- updates) are processed now: back to received, the reconcile sweep picks them up.
update public.stripe_webhook_events set status = 'received', processed_at = null, outcome = null
 where status = 'deferred'
    or (status = 'ignored' and type in ('charge.dispute.closed', 'refund.updated', 'refund.failed', 'charge.refund.updated'));

-- An event whose processing fails the same way every time (a payload the database refuses)
-- is marked failed with the reason, so it neither blocks the webhook nor the reconcile sweep.
alter table public.stripe_webhook_events drop constraint stripe_webhook_events_status_check;
alter table public.stripe_webhook_events
  add constraint stripe_webhook_events_status_check check (status in ('received', 'processed', 'ignored', 'deferred', 'failed'));
