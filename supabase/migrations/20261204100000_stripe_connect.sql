-- Stripe Connect: connected accounts for households and the village collective, and one
-- transfer per payee after a Stripe payment (issue 10, items 3 and 4; ADR 0025).
--
-- public.stripe_connected_accounts: one Express account per payee (a household, or the
-- collective: household_id null). Cooperative admins read theirs; only security-definer
-- functions and the service role write. Its flags come from account.updated events; the
-- event's `created` is kept so an older event never overwrites a newer state.
--
-- public.stripe_transfers: what each payee of a paid order is sent. Rows are written in the
-- webhook's processing transaction (app_private.queue_stripe_transfers), sent to Stripe after
-- commit, and recorded as sent with their payout and its posting once
-- (app_private.record_stripe_transfer_sent).

-- ---------------------------------------------------------------------------
-- 1. The unused payout-account columns of the first migration give way to the table
-- ---------------------------------------------------------------------------
alter table public.households drop column stripe_account_id;
alter table public.cooperatives drop column stripe_account_id;

create table public.stripe_connected_accounts (
  id text primary key check (id ~ '^acct_[A-Za-z0-9_]+$'),
  cooperative_id uuid not null references public.cooperatives (id) on delete restrict,
  -- null: the village collective
  household_id uuid,
  payouts_enabled boolean not null default false,
  charges_enabled boolean not null default false,
  details_submitted boolean not null default false,
  -- the `created` time of the last account.updated applied (null: none yet)
  stripe_updated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (household_id, cooperative_id) references public.households (id, cooperative_id) on delete restrict,
  constraint stripe_connected_accounts_payee_key unique nulls not distinct (cooperative_id, household_id)
);

create table public.stripe_transfers (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id) on delete restrict,
  -- the payee's ledger account, and its cooperative (what RLS reads by)
  account_id uuid not null references public.ledger_accounts (id) on delete restrict,
  cooperative_id uuid not null references public.cooperatives (id) on delete restrict,
  connected_account_id text not null references public.stripe_connected_accounts (id) on delete restrict,
  amount_fen bigint not null check (amount_fen > 0),
  -- pending: to send (or Stripe refused it so far); sending: claimed by a sender, at Stripe
  -- under its key right now (its amount no longer changes: a refund reverses it instead);
  -- sent: Stripe made it and the payout is posted; held: frozen by a dispute; failed: given up
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'held', 'failed')),
  -- Stripe refusals so far: each one (Stripe keeps an answer under its key for a day) moves
  -- the next try to a new idempotency key, transfer:<id>:<attempts>
  attempts integer not null default 0 check (attempts >= 0),
  source_charge_id text,
  stripe_transfer_id text unique,
  payout_id uuid unique references public.payouts (id) on delete restrict,
  reversed_fen bigint not null default 0 check (reversed_fen >= 0 and reversed_fen <= amount_fen),
  failure text check (char_length(failure) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (order_id, account_id),
  check ((status = 'sent') = (stripe_transfer_id is not null and payout_id is not null and sent_at is not null))
);
create index stripe_transfers_unsent_idx on public.stripe_transfers (created_at) where status in ('pending', 'sending');
create index stripe_transfers_account_idx on public.stripe_transfers (account_id) where status in ('pending', 'held');
create index stripe_transfers_cooperative_idx on public.stripe_transfers (cooperative_id, created_at);

alter table public.stripe_connected_accounts enable row level security;
alter table public.stripe_transfers enable row level security;

create policy stripe_connected_accounts_admin_read on public.stripe_connected_accounts for select to authenticated
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));
create policy stripe_transfers_admin_read on public.stripe_transfers for select to authenticated
  using ((select app_private.is_platform_admin()) or cooperative_id in (select app_private.admin_coop_ids()));

-- ---------------------------------------------------------------------------
-- 2. Onboarding, authorised inside the database. Both take the payee as ids and trust
--    nothing else: the caller must administer the cooperative (or be a platform admin) and
--    the household must be one of its households. The route calls the first before asking
--    Stripe for an account, the second to record the account Stripe made.
--   {ok: true, accountId (null: none yet), payoutsEnabled, detailsSubmitted}
--   {ok: false, reason: unknown_payee}
-- ---------------------------------------------------------------------------
create function public.connect_payee_account(p_cooperative_id uuid, p_household_id uuid) returns jsonb
  language plpgsql stable security definer set search_path = ''
  as $$
declare
  v_account record;
begin
  if auth.uid() is null or p_cooperative_id is null or not app_private.is_coop_admin(p_cooperative_id)
     or (p_household_id is not null and not exists (
       select 1 from public.households h where h.id = p_household_id and h.cooperative_id = p_cooperative_id)) then
    return jsonb_build_object('ok', false, 'reason', 'unknown_payee');
  end if;
  select s.id, s.payouts_enabled, s.details_submitted into v_account
    from public.stripe_connected_accounts s
   where s.cooperative_id = p_cooperative_id and s.household_id is not distinct from p_household_id;
  return jsonb_build_object('ok', true, 'accountId', v_account.id,
                            'payoutsEnabled', coalesce(v_account.payouts_enabled, false),
                            'detailsSubmitted', coalesce(v_account.details_submitted, false));
end
$$;

-- Records the payee's account once: a second account for the same payee (a double submit
-- after Stripe's idempotency window) is not recorded, and the first one is returned.
-- Only the server calls it, with the Stripe account it just made and the signed-in admin who
-- asked (still checked here): an admin calling through PostgREST could otherwise attach an
-- account of their own to a household and have the household's share transferred to it.
create function app_private.record_connected_account(
  p_user_id uuid, p_cooperative_id uuid, p_household_id uuid, p_account_id text
) returns jsonb
  language plpgsql security definer set search_path = ''
  as $$
declare
  v_id text;
begin
  if p_user_id is null or p_cooperative_id is null
     or not (exists (select 1 from public.memberships m
                      where m.user_id = p_user_id and m.cooperative_id = p_cooperative_id and m.role = 'admin')
             or exists (select 1 from public.profiles pr where pr.id = p_user_id and pr.is_platform_admin))
     or (p_household_id is not null and not exists (
       select 1 from public.households h where h.id = p_household_id and h.cooperative_id = p_cooperative_id)) then
    return jsonb_build_object('ok', false, 'reason', 'unknown_payee');
  end if;
  if p_account_id is null or p_account_id !~ '^acct_[A-Za-z0-9_]+$' then
    return jsonb_build_object('ok', false, 'reason', 'invalid_account');
  end if;
  insert into public.stripe_connected_accounts (id, cooperative_id, household_id)
  values (p_account_id, p_cooperative_id, p_household_id)
  on conflict do nothing;
  select s.id into v_id from public.stripe_connected_accounts s
   where s.cooperative_id = p_cooperative_id and s.household_id is not distinct from p_household_id;
  if v_id is null then
    -- the account id is another payee's: Stripe would not do that for our key; refuse
    return jsonb_build_object('ok', false, 'reason', 'invalid_account');
  end if;
  return jsonb_build_object('ok', true, 'accountId', v_id, 'created', v_id = p_account_id);
end
$$;

-- ---------------------------------------------------------------------------
-- 3. account.updated: the flags, unless a newer event already set them.
--    Returns updated | stale | unknown_account.
-- ---------------------------------------------------------------------------
create function app_private.apply_account_updated(
  p_account_id text, p_payouts_enabled boolean, p_charges_enabled boolean, p_details_submitted boolean, p_created timestamptz
) returns text
  language plpgsql security definer set search_path = ''
  as $$
begin
  update public.stripe_connected_accounts s
     set payouts_enabled = p_payouts_enabled, charges_enabled = p_charges_enabled,
         details_submitted = p_details_submitted, stripe_updated_at = p_created, updated_at = now()
   where s.id = p_account_id and (s.stripe_updated_at is null or s.stripe_updated_at <= p_created);
  if found then
    return 'updated';
  end if;
  return case when exists (select 1 from public.stripe_connected_accounts s where s.id = p_account_id) then 'stale' else 'unknown_account' end;
end
$$;

-- ---------------------------------------------------------------------------
-- 4. After a payment: one pending transfer per household/collective payee of the order
--    with an enabled account. Amount = the payee's credit in the order's payment posting,
--    capped by what it is owed after the payment less its other unsent transfers (a
--    receivable from an earlier refund is netted; nothing left: no row). Runs in the
--    payment's transaction; the payees' accounts are locked, so two payments (or a payment
--    and an offline payout: record_payout locks them too) for one payee are serialised and
--    the later one reads what the earlier committed. FOR NO KEY UPDATE, not FOR UPDATE: the
--    payment's own ledger lines already hold KEY SHARE on these rows (their foreign key), and
--    two payments upgrading to FOR UPDATE would deadlock. Returns how many were queued.
-- ---------------------------------------------------------------------------
create function app_private.queue_stripe_transfers(p_order_id uuid) returns integer
  language plpgsql security definer set search_path = ''
  as $$
declare
  v_count integer;
begin
  perform 1 from public.ledger_accounts a
   where a.id in (select l.account_id from public.ledger_lines l
                    join public.ledger_postings p on p.id = l.posting_id
                   where p.idempotency_key = 'payment:' || p_order_id::text and p.kind = 'payment')
     and a.kind in ('household', 'collective')
   order by a.id
     for no key update;
  with credits as (
    select l.account_id, -sum(l.amount_fen) as credit
      from public.ledger_lines l
      join public.ledger_postings p on p.id = l.posting_id
     where p.idempotency_key = 'payment:' || p_order_id::text and p.kind = 'payment'
     group by l.account_id
  ), payees as (
    select c.account_id, c.credit, a.cooperative_id, s.id as connected_account_id
      from credits c
      join public.ledger_accounts a on a.id = c.account_id and a.kind in ('household', 'collective')
      join public.stripe_connected_accounts s
        on s.cooperative_id = a.cooperative_id and s.household_id is not distinct from a.household_id and s.payouts_enabled
  ), owed as (
    select py.account_id,
           coalesce((select -sum(l.amount_fen) from public.ledger_lines l where l.account_id = py.account_id), 0)
           - coalesce((select sum(t.amount_fen) from public.stripe_transfers t
                        where t.account_id = py.account_id and t.status in ('pending', 'sending', 'held') and t.order_id <> p_order_id), 0)
           -- a reversal still to come will collect that part of a receivable itself
           -- (public.stripe_transfer_reversals: migration 20261204120000; plpgsql binds it when called)
           + coalesce((select sum(r.amount_fen) from public.stripe_transfer_reversals r
                        join public.stripe_transfers t on t.id = r.transfer_id
                       where t.account_id = py.account_id and r.status = 'pending'), 0) as owed
      from payees py
  ), inserted as (
    insert into public.stripe_transfers (order_id, account_id, cooperative_id, connected_account_id, amount_fen)
    select p_order_id, py.account_id, py.cooperative_id, py.connected_account_id, least(py.credit, o.owed)
      from payees py join owed o on o.account_id = py.account_id
     where least(py.credit, o.owed) > 0
    on conflict (order_id, account_id) do nothing
    returning 1
  )
  select count(*)::integer into v_count from inserted;
  return v_count;
end
$$;

-- ---------------------------------------------------------------------------
-- 5. Stripe made the transfer: mark it sent and post its payout, once. The transfer row is
--    locked; a second instance that sent the same transfer (same idempotency key, so the
--    same Stripe transfer) finds it sent. Returns sent | already_sent | not_pending.
-- ---------------------------------------------------------------------------
create function app_private.record_stripe_transfer_sent(p_transfer_id uuid, p_stripe_transfer_id text, p_source_charge_id text)
  returns text
  language plpgsql security definer set search_path = ''
  as $$
declare
  v_transfer record;
  v_clearing uuid;
  v_posting_id uuid;
  v_payout_id uuid;
begin
  select t.* into v_transfer from public.stripe_transfers t where t.id = p_transfer_id for update;
  if not found then
    raise exception 'no stripe transfer %', p_transfer_id;
  end if;
  if v_transfer.status = 'sent' then
    return 'already_sent';
  end if;
  if v_transfer.status not in ('pending', 'sending') then
    return 'not_pending';
  end if;
  select a.id into v_clearing from public.ledger_accounts a where a.kind = 'payouts_clearing';
  if v_clearing is null then
    raise exception 'the payouts clearing account is missing';
  end if;
  insert into public.ledger_postings (kind, idempotency_key, memo)
  values ('payout', 'transfer:' || p_transfer_id::text, 'stripe ' || p_stripe_transfer_id)
  returning id into v_posting_id;
  -- Sign convention: payees are credited with negative amounts, so paying one out debits it.
  insert into public.ledger_lines (posting_id, account_id, amount_fen)
  values (v_posting_id, v_transfer.account_id, v_transfer.amount_fen), (v_posting_id, v_clearing, -v_transfer.amount_fen);
  insert into public.payouts (cooperative_id, account_id, amount_fen, method, receipt_note, stripe_transfer_id, posting_id,
                              order_id, idempotency_key, paid_on)
  values (v_transfer.cooperative_id, v_transfer.account_id, v_transfer.amount_fen, 'stripe_transfer', p_stripe_transfer_id,
          p_stripe_transfer_id, v_posting_id, v_transfer.order_id, 'transfer:' || p_transfer_id::text,
          (now() at time zone 'Asia/Shanghai')::date)
  returning id into v_payout_id;
  update public.stripe_transfers
     set status = 'sent', stripe_transfer_id = p_stripe_transfer_id, payout_id = v_payout_id, sent_at = now(),
         source_charge_id = coalesce(p_source_charge_id, source_charge_id), failure = null, updated_at = now()
   where id = p_transfer_id;
  return 'sent';
end
$$;

-- ---------------------------------------------------------------------------
-- 6. Exact privileges (ADR 0006): revoke first, then grant exactly
-- ---------------------------------------------------------------------------
revoke all on table public.stripe_connected_accounts, public.stripe_transfers from public, anon, authenticated, service_role;
grant all on table public.stripe_connected_accounts, public.stripe_transfers to service_role;
grant select on table public.stripe_connected_accounts, public.stripe_transfers to authenticated;

revoke all on function public.connect_payee_account(uuid, uuid) from public, anon, authenticated, service_role;
revoke all on function app_private.record_connected_account(uuid, uuid, uuid, text) from public, anon, authenticated, service_role;
revoke all on function app_private.apply_account_updated(text, boolean, boolean, boolean, timestamptz) from public, anon, authenticated, service_role;
revoke all on function app_private.queue_stripe_transfers(uuid) from public, anon, authenticated, service_role;
revoke all on function app_private.record_stripe_transfer_sent(uuid, text, text) from public, anon, authenticated, service_role;
-- Signed-in callers only: the functions decide whose payees each of them may connect.
grant execute on function public.connect_payee_account(uuid, uuid) to authenticated;

-- The webhook and the transfer sender run as service_role.
grant execute on function app_private.apply_account_updated(text, boolean, boolean, boolean, timestamptz) to service_role;
grant execute on function app_private.record_connected_account(uuid, uuid, uuid, text) to service_role;
grant execute on function app_private.queue_stripe_transfers(uuid) to service_role;
grant execute on function app_private.record_stripe_transfer_sent(uuid, text, text) to service_role;
