import type Stripe from "stripe";
import type { Database, Queryable } from "~/db/database.server";
import { atomicAsServiceRole } from "~/db/request-role.server";
import { pick, type Locale } from "~/i18n/locale";

// Stripe Connect onboarding (ADR 0025): an Express account per payee — a household, or the
// village collective — made by a cooperative admin from the dashboard. Who may is decided
// inside the database (public.connect_payee_account as the admin before Stripe is asked;
// app_private.record_connected_account after, which only the server may call, with the
// account Stripe just made and the admin's id, checked again); the Stripe call runs between
// the two, never inside a transaction. The account's flags arrive later by account.updated.

/** A household's id, or null for the village collective. */
export type PayeeRef = { householdId: string | null };

export type ConnectStatus = "not_connected" | "onboarding_incomplete" | "payouts_enabled";

export type ConnectPayee = {
  householdId: string | null;
  /** the household's name in the request's language; null for the collective */
  name: string | null;
  accountId: string | null;
  status: ConnectStatus;
};

const statusOf = (accountId: string | null, payoutsEnabled: boolean): ConnectStatus =>
  !accountId ? "not_connected" : payoutsEnabled ? "payouts_enabled" : "onboarding_incomplete";

/** The collective and each household of the cooperative with its Stripe status (what RLS lets the caller read). */
export async function listConnectPayees(tx: Queryable, cooperativeId: string, locale: Locale): Promise<ConnectPayee[]> {
  const { rows } = await tx.query<{
    household_id: string | null;
    name_zh: string | null;
    name_en: string | null;
    account_id: string | null;
    payouts_enabled: boolean | null;
  }>(
    `with payees as (
       select null::uuid as household_id, null::text as name_zh, null::text as name_en, 0 as rank, ''::text as sort
       union all
       select h.id, h.name_zh, h.name_en, 1, h.key from public.households h where h.cooperative_id = $1 and h.status = 'active'
     )
     select p.household_id, p.name_zh, p.name_en, s.id as account_id, s.payouts_enabled
       from payees p
       left join public.stripe_connected_accounts s on s.cooperative_id = $1 and s.household_id is not distinct from p.household_id
      order by p.rank, p.sort`,
    [cooperativeId],
  );
  return rows.map((r) => ({
    householdId: r.household_id,
    name: r.name_zh === null || r.name_en === null ? null : pick(locale, r.name_zh, r.name_en),
    accountId: r.account_id,
    status: statusOf(r.account_id, r.payouts_enabled ?? false),
  }));
}

export type OnboardingRun = <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;
export type OnboardingResult = { ok: true; url: string; accountId: string; created: boolean } | { ok: false; reason: "unknown_payee" };

type Checked = { ok: true; accountId: string | null } | { ok: false; reason: "unknown_payee" };
type Recorded = { ok: true; accountId: string; created: boolean } | { ok: false; reason: "unknown_payee" | "invalid_account" };

/** Deterministic: a double submit (or two admins at once) asks Stripe for one account. */
export const accountIdempotencyKey = (cooperativeId: string, payee: PayeeRef) =>
  `connect:account:${cooperativeId}:${payee.householdId ?? "collective"}`;

/**
 * Makes (once) the payee's Express account and returns a fresh onboarding link. `run` is the
 * request's own scope: the database checks the caller administers the cooperative, twice.
 * `returnUrl`/`refreshUrl` lead back to the dashboard.
 */
export async function startOnboarding(
  run: OnboardingRun,
  /** the database, for recording the account Stripe made (the server's own call) */
  db: Database,
  stripe: Stripe,
  /** country: STRIPE_CONNECT_COUNTRY (Stripe opens no accounts in mainland China, ADR 0025) */
  input: { cooperativeId: string; payee: PayeeRef; country: string; returnUrl: string; refreshUrl: string; adminUserId: string },
): Promise<OnboardingResult> {
  const { cooperativeId, payee } = input;
  const checked = await run(async (tx) => {
    const { rows } = await tx.query<{ result: Checked }>("select public.connect_payee_account($1, $2) as result", [
      cooperativeId,
      payee.householdId,
    ]);
    return rows[0].result;
  });
  if (!checked.ok) return checked;
  let accountId = checked.accountId;
  let created = false;
  if (!accountId) {
    const account = await stripe.accounts.create(
      {
        type: "express",
        country: input.country,
        capabilities: { transfers: { requested: true } },
        metadata: {
          cooperative_id: cooperativeId,
          household_id: payee.householdId ?? "",
          payee: payee.householdId ? "household" : "collective",
        },
      },
      { idempotencyKey: accountIdempotencyKey(cooperativeId, payee) },
    );
    const [{ result: recorded }] = await atomicAsServiceRole<{ result: Recorded }>(db, {
      sql: "select app_private.record_connected_account($1, $2, $3, $4) as result",
      params: [input.adminUserId, cooperativeId, payee.householdId, account.id],
    });
    if (!recorded.ok) {
      if (recorded.reason === "unknown_payee") return { ok: false, reason: "unknown_payee" };
      throw new Error(`Stripe account ${account.id} could not be recorded for ${accountIdempotencyKey(cooperativeId, payee)}`);
    }
    accountId = recorded.accountId;
    created = recorded.created;
  }
  // Account Links are single-use and short-lived: a new one every time (no idempotency key).
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    return_url: input.returnUrl,
    refresh_url: input.refreshUrl,
  });
  return { ok: true, url: link.url, accountId, created };
}

export type AccountUpdate = {
  accountId: string;
  payoutsEnabled: boolean;
  chargesEnabled: boolean;
  detailsSubmitted: boolean;
  /** the event's `created` */
  at: Date;
};

/** account.updated, in the webhook's transaction: updated, stale (a newer state is applied) or unknown_account. */
export async function applyAccountUpdated(tx: Queryable, update: AccountUpdate): Promise<"updated" | "stale" | "unknown_account"> {
  const { rows } = await tx.query<{ outcome: "updated" | "stale" | "unknown_account" }>(
    "select app_private.apply_account_updated($1, $2, $3, $4, $5) as outcome",
    [update.accountId, update.payoutsEnabled, update.chargesEnabled, update.detailsSubmitted, update.at],
  );
  return rows[0].outcome;
}
