-- Stripe Checkout and webhooks (issue 10, items 1, 2 and the first half of 5;
-- docs/decisions/0023-stripe-checkout-and-webhooks.md).
--
-- 1. The order remembers its Checkout Session, so a second "pay" reuses the open session
--    instead of creating another one the buyer could also pay.
-- 2. An inbox of Stripe webhook events: keyed by event id, and de-duplicated by dedupe_key
--    (the event type and its object's id, plus what makes a repeat of that object's event a
--    new fact — see the ADR). Each row is processed once, in the same transaction as its
--    effect; types kept for later processing stay 'deferred', never silently dropped.
-- 3. Money that arrived when it should not (a payment for an expired or cancelled order, of
--    the wrong amount or currency, or a second payment of a paid order) is refunded through
--    Stripe: one row per PaymentIntent, written with the event that found it, sent to Stripe
--    after commit with the idempotency key refund:auto:<payment intent>. The buyer's order
--    page reads it (RLS: whoever may see the order).

alter table public.orders
  add column stripe_checkout_session_id text unique,
  add column stripe_checkout_url text,
  add column stripe_checkout_expires_at timestamptz;

create table public.stripe_webhook_events (
  id text primary key check (id like 'evt_%'),
  type text not null,
  object_id text,
  dedupe_key text not null unique,
  livemode boolean not null default false,
  stripe_created_at timestamptz not null,
  payload jsonb not null,
  -- received: stored, not yet processed; processed: its effect is committed; ignored: a type
  -- we do not handle; deferred: stored for later processing (refunds, disputes, transfers,
  -- accounts arrive with the payouts work)
  status text not null default 'received' check (status in ('received', 'processed', 'ignored', 'deferred')),
  outcome text,
  order_id uuid references public.orders (id) on delete restrict,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  check ((status = 'received') = (processed_at is null))
);
create index stripe_webhook_events_unprocessed_idx on public.stripe_webhook_events (received_at) where status in ('received', 'deferred');
create index stripe_webhook_events_order_idx on public.stripe_webhook_events (order_id) where order_id is not null;

create table public.payment_auto_refunds (
  payment_intent_id text primary key,
  order_id uuid not null references public.orders (id) on delete restrict,
  checkout_session_id text,
  event_id text not null references public.stripe_webhook_events (id) on delete restrict,
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  reason text not null check (reason in ('order_expired', 'order_cancelled', 'amount_mismatch', 'already_paid')),
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  stripe_refund_id text unique,
  failure text,
  created_at timestamptz not null default now(),
  refunded_at timestamptz
);
create index payment_auto_refunds_order_idx on public.payment_auto_refunds (order_id);

alter table public.stripe_webhook_events enable row level security;
alter table public.payment_auto_refunds enable row level security;

-- Revoke first (Supabase's default privileges), then grant exactly (ADR 0006).
revoke all on table public.stripe_webhook_events, public.payment_auto_refunds from public, anon, authenticated, service_role;
grant all on table public.stripe_webhook_events to service_role;
grant all on table public.payment_auto_refunds to service_role;
grant select on table public.payment_auto_refunds to anon, authenticated;

-- Whoever may see the order (its buyer, its visitor, a signed link, its cooperatives' admins)
-- sees that its payment was refunded: the orders policies decide, through the subquery.
create policy payment_auto_refunds_read on public.payment_auto_refunds
  for select to anon, authenticated
  using (exists (select 1 from public.orders o where o.id = order_id));
