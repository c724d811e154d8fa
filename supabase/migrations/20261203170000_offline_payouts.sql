-- Offline payouts and payee balances (issue 10, item 3, the ledger side).
--
-- A payee (a household, the village collective, one of the cooperative's streamers) is
-- owed the balance of its ledger account: the credits of payments, less the reversals of
-- refunds, less what was paid out. A refund of something already paid out takes the
-- balance negative (a receivable, netted against later payouts; DESIGN.md).
--
-- public.record_payout is the one way to record a cash or bank payout. Like refund_order it
-- is SECURITY DEFINER, granted to authenticated (so callable by every signed-in user through
-- PostgREST) and trusts nothing but ids, an amount and the receipt: it locks the payee's
-- account, checks inside the database that the caller administers that payee's cooperative
-- (or is a platform admin), refuses more than is owed, and writes one balanced `payout`
-- posting (payee account debited, payouts_clearing credited) plus the payout record. The
-- form's per-render token is the idempotency key: a double submit records the payout once.
--
-- The payouts table takes the later Stripe transfers too: method 'stripe_transfer' with its
-- stripe_transfer_id (unique) and the order it pays for (order_id, the transfer group).

-- ---------------------------------------------------------------------------
-- 1. The payouts table: how it was paid, when, and the key that makes it happen once
-- ---------------------------------------------------------------------------
alter table public.payouts drop constraint payouts_method_check;
-- Nothing recorded offline payouts before this migration but test fixtures; say what they were.
update public.payouts set method = 'cash' where method = 'offline';
alter table public.payouts
  add constraint payouts_method_check check (method in ('cash', 'bank', 'stripe_transfer')),
  add column idempotency_key text unique check (char_length(idempotency_key) between 1 and 100),
  add column paid_on date,
  -- who recorded it, as they were named then: shown to everyone who sees the payout (a
  -- streamer cannot read the admin's profile, an admin cannot read a platform admin's)
  add column created_by_name text not null default '',
  add column order_id uuid references public.orders (id) on delete restrict,
  add constraint payouts_receipt_note_length check (char_length(receipt_note) <= 200),
  add constraint payouts_transfer_id_only_for_transfers check (stripe_transfer_id is null or method = 'stripe_transfer');
-- A payee's own payouts, newest first (the studio's "your earnings").
create index payouts_account_idx on public.payouts (account_id, created_at);

-- ---------------------------------------------------------------------------
-- 2. A streamer reads their own account, its lines and postings, and their payouts
--    (ADR 0010: the caller's accounts as a set, evaluated once per query)
-- ---------------------------------------------------------------------------
create function app_private.my_payee_account_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select a.id from public.ledger_accounts a where a.kind = 'streamer' and a.user_id = auth.uid();
end
$$;

create function app_private.my_payee_posting_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  return query select distinct l.posting_id from public.ledger_lines l
    where l.account_id in (select a.id from public.ledger_accounts a where a.kind = 'streamer' and a.user_id = auth.uid());
end
$$;

create policy ledger_accounts_payee_read on public.ledger_accounts for select to authenticated
  using (kind = 'streamer' and user_id = (select auth.uid()));
create policy ledger_lines_payee_read on public.ledger_lines for select to authenticated
  using (account_id in (select app_private.my_payee_account_ids()));
create policy ledger_postings_payee_read on public.ledger_postings for select to authenticated
  using (id in (select app_private.my_payee_posting_ids()));
create policy payouts_payee_read on public.payouts for select to authenticated
  using (account_id in (select app_private.my_payee_account_ids()));

-- The ledger's commit-time checks run as whoever commits, and RLS hid from them the lines
-- that caller may not read: a payout's payouts_clearing line is not a cooperative admin's to
-- see, so the balance check summed only the payee's line and refused a balanced posting
-- (a refund's lines all carry an order item of the admin's cooperative, so it never showed).
-- A balance must be judged on every line of the posting: they read the ledger as its owner.
alter function app_private.check_posting_balanced() security definer;
alter function app_private.check_posting_has_lines() security definer;

-- ---------------------------------------------------------------------------
-- 3. Recording an offline payout. Returns jsonb:
--   {ok: true, payoutId, amountFen, owedFen (after), repeated}
--   {ok: false, reason: unknown_payee | invalid_amount | invalid_method | invalid_note
--                       | invalid_date | invalid_key | key_reused}
--   {ok: false, reason: more_than_owed, owedFen}
-- unknown_payee also for another cooperative's payee, or a payee of a cooperative the
-- caller does not administer: they do not exist for the caller.
-- ---------------------------------------------------------------------------
create function public.record_payout(
  p_idempotency_key text,
  p_cooperative_id uuid,
  p_account_id uuid,
  p_amount_fen bigint,
  p_method text,
  p_receipt_note text,
  p_paid_on date
) returns jsonb
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  v_account record;
  v_previous record;
  v_note text := btrim(coalesce(p_receipt_note, ''));
  v_today date := (now() at time zone 'Asia/Shanghai')::date;
  v_owed bigint;
  v_clearing uuid;
  v_posting_id uuid;
  v_payout_id uuid;
begin
  if auth.uid() is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_payee');
  end if;
  if p_idempotency_key is null or char_length(p_idempotency_key) not between 1 and 100 then
    return jsonb_build_object('ok', false, 'reason', 'invalid_key');
  end if;
  -- The payee's account, locked: payouts to one payee are serialised, so two admins cannot
  -- both pay out the same balance.
  select a.id, a.kind, a.cooperative_id into v_account
    from public.ledger_accounts a
   where a.id = p_account_id and a.kind in ('household', 'collective', 'streamer')
     for update;
  if not found or v_account.cooperative_id is distinct from p_cooperative_id
     or not app_private.is_coop_admin(v_account.cooperative_id) then
    return jsonb_build_object('ok', false, 'reason', 'unknown_payee');
  end if;

  -- The same key again: a double submit of the same form (done), or a key reused for another payout.
  select po.account_id, po.amount_fen into v_previous from public.payouts po where po.idempotency_key = p_idempotency_key;
  if found then
    if v_previous.account_id <> p_account_id or v_previous.amount_fen <> p_amount_fen then
      return jsonb_build_object('ok', false, 'reason', 'key_reused');
    end if;
    select coalesce(-sum(l.amount_fen), 0) into v_owed from public.ledger_lines l where l.account_id = p_account_id;
    return jsonb_build_object('ok', true, 'payoutId', (select po.id from public.payouts po where po.idempotency_key = p_idempotency_key),
                              'amountFen', p_amount_fen, 'owedFen', v_owed, 'repeated', true);
  end if;

  if p_amount_fen is null or p_amount_fen <= 0 then
    return jsonb_build_object('ok', false, 'reason', 'invalid_amount');
  end if;
  if p_method is null or p_method not in ('cash', 'bank') then
    return jsonb_build_object('ok', false, 'reason', 'invalid_method');
  end if;
  if char_length(v_note) not between 1 and 200 then
    return jsonb_build_object('ok', false, 'reason', 'invalid_note');
  end if;
  if p_paid_on is not null and (p_paid_on > v_today or p_paid_on < date '2020-01-01') then
    return jsonb_build_object('ok', false, 'reason', 'invalid_date');
  end if;

  -- Less what Stripe transfers already on their way will pay (pending, being sent, or held by
  -- a dispute): paying that in cash too would pay it twice. (public.stripe_transfers comes with
  -- migration 20261204100000; plpgsql binds it when called.)
  select coalesce(-sum(l.amount_fen), 0)
         - coalesce((select sum(t.amount_fen) from public.stripe_transfers t
                      where t.account_id = p_account_id and t.status in ('pending', 'sending', 'held')), 0)
    into v_owed from public.ledger_lines l where l.account_id = p_account_id;
  if p_amount_fen > v_owed then
    return jsonb_build_object('ok', false, 'reason', 'more_than_owed', 'owedFen', v_owed);
  end if;

  select a.id into v_clearing from public.ledger_accounts a where a.kind = 'payouts_clearing';
  if v_clearing is null then
    raise exception 'the payouts clearing account is missing';
  end if;
  insert into public.ledger_postings (kind, idempotency_key, memo)
  values ('payout', 'payout:' || p_idempotency_key, v_note)
  returning id into v_posting_id;
  -- Sign convention: payees are credited with negative amounts, so paying one out debits it.
  insert into public.ledger_lines (posting_id, account_id, amount_fen)
  values (v_posting_id, p_account_id, p_amount_fen), (v_posting_id, v_clearing, -p_amount_fen);
  insert into public.payouts (cooperative_id, account_id, amount_fen, method, receipt_note, posting_id, created_by,
                              created_by_name, idempotency_key, paid_on)
  values (v_account.cooperative_id, p_account_id, p_amount_fen, p_method, v_note, v_posting_id, auth.uid(),
          coalesce((select pr.display_name from public.profiles pr where pr.id = auth.uid()), ''),
          p_idempotency_key, coalesce(p_paid_on, v_today))
  returning id into v_payout_id;
  return jsonb_build_object('ok', true, 'payoutId', v_payout_id, 'amountFen', p_amount_fen,
                            'owedFen', v_owed - p_amount_fen, 'repeated', false);
end
$$;

-- ---------------------------------------------------------------------------
-- 4. Exact privileges (ADR 0006): revoke first, then grant exactly
-- ---------------------------------------------------------------------------
revoke all on table public.payouts from public, anon, authenticated, service_role;
grant all on table public.payouts to service_role;
grant select on table public.payouts to authenticated;

revoke all on function app_private.my_payee_account_ids() from public, anon, authenticated, service_role;
revoke all on function app_private.my_payee_posting_ids() from public, anon, authenticated, service_role;
revoke all on function public.record_payout(text, uuid, uuid, bigint, text, text, date) from public, anon, authenticated, service_role;
-- The payee policies are for authenticated only.
grant execute on function app_private.my_payee_account_ids() to authenticated;
grant execute on function app_private.my_payee_posting_ids() to authenticated;
-- Signed-in callers only: the function itself decides whose payouts each of them may record.
grant execute on function public.record_payout(text, uuid, uuid, bigint, text, text, date) to authenticated;
