import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { asServiceRole, withRole } from "~/db/request-role.server";
import { parseEnv } from "~/env.server";
import { paymentProviderFor } from "~/payments/payment-provider.server";
import { createStripeClient } from "~/payments/stripe-client.server";
import { action as connectAction, loader as connectLoader } from "~/routes/dashboard.$coopSlug.payouts_.connect";
import { ids } from "~/seed/seed.server";
import { createStripeMock } from "../mocks/stripe";
import { request, settle } from "../support/route-call";
import { signIn } from "../support/signed-in";
import { stripeEvent, webhookDelivery } from "../support/stripe-events";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Connect onboarding from the dashboard (ADR 0025): an admin makes a payee's Express account
// once and is sent to Stripe's onboarding link; the database decides who may; account.updated
// sets the flags, an older event never overwriting a newer one.
const SECRET_KEY = "sk_test_harvest";
const stripeMock = createStripeMock({ secretKey: SECRET_KEY });
const server = setupServer(...stripeMock.handlers);
const stripe = createStripeClient({ secretKey: SECRET_KEY, maxNetworkRetries: 0 });
const COOP = ids.cooperative("zhengjia");

let t: TestDatabase;
let context: AppContext;
let admin: string;
let otherAdmin: string;
let households: string[];
let otherHousehold: string;
let deliver: ReturnType<typeof webhookDelivery>;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  t = await createTestDatabase();
  const env = parseEnv({ NODE_ENV: "test", STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: "whsec_test_connect" });
  context = { ...testContext(t.db), env, stripe, payments: paymentProviderFor(env, { db: t.db, stripe }) };
  deliver = webhookDelivery(context, stripe);
  [admin, otherAdmin] = await Promise.all(["admin@zhengjia.demo", "admin@liujiawobao.demo"].map((e) => signIn(context, e)));
  households = (
    await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 and status = 'active' order by key", [
      COOP,
    ])
  ).rows.map((r) => r.id);
  otherHousehold = (
    await t.db.query<{ id: string }>("select id from public.households where cooperative_id = $1 limit 1", [ids.cooperative("liujiawobao")])
  ).rows[0].id;
});
afterEach(() => {
  server.resetHandlers();
  expect(stripeMock.violations).toEqual([]);
});
afterAll(async () => {
  server.close();
  await t.destroy();
});

const post = (payee: string, cookie: string | null = admin, slug = "zhengjia") =>
  settle(() =>
    connectAction({
      request: request(`/dashboard/${slug}/payouts/connect`, cookie, { intent: "onboard", payee }),
      params: { coopSlug: slug },
      context,
    }),
  );
const load = (cookie = admin, query = "") =>
  settle(() =>
    connectLoader({ request: request(`/dashboard/zhengjia/payouts/connect${query}`, cookie), params: { coopSlug: "zhengjia" }, context }),
  );
const connected = async (household: string | null) =>
  (
    await t.db.query<{ id: string; payouts_enabled: boolean; details_submitted: boolean }>(
      "select id, payouts_enabled, details_submitted from public.stripe_connected_accounts where cooperative_id = $1 and household_id is not distinct from $2",
      [COOP, household],
    )
  ).rows;
const accountCreates = () => stripeMock.calls.filter((c) => c.path === "/v1/accounts");

describe("onboarding from the dashboard", () => {
  it("makes the collective's Express account and sends the admin to Stripe's onboarding link", async () => {
    const answer = await post("collective");
    expect(answer.status).toBe(302);
    const [row] = await connected(null);
    expect(row).toMatchObject({ id: expect.stringMatching(/^acct_test_/), payouts_enabled: false });
    expect(answer.location).toMatch(new RegExp(`^https://connect\\.stripe\\.com/setup/e/${row.id}/`));
    expect(accountCreates().at(-1)).toMatchObject({
      idempotencyKey: `connect:account:${COOP}:collective`,
      form: { type: "express", country: "HK", "capabilities[transfers][requested]": "true", "metadata[cooperative_id]": COOP },
    });
    expect(stripeMock.calls.filter((c) => c.path === "/v1/account_links").at(-1)?.form).toMatchObject({
      account: row.id,
      type: "account_onboarding",
      return_url: "http://localhost/dashboard/zhengjia/payouts/connect?returned=collective",
      refresh_url: "http://localhost/dashboard/zhengjia/payouts/connect?expired=collective",
    });
  });

  it("makes one account for a household however often, and at once, the admin submits", async () => {
    const household = households[0];
    const before = stripeMock.accounts.size;
    const answers = await Promise.all([post(household), post(household), post(household.toUpperCase())]);
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302]);
    expect(await connected(household)).toHaveLength(1);
    expect(stripeMock.accounts.size).toBe(before + 1); // the same key: Stripe answers with the same account
    expect((await post(household)).status).toBe(302); // "continue onboarding": a new link, no new account
    expect(stripeMock.accounts.size).toBe(before + 1);
  });

  it("shows each payee's status, and a link back after Stripe", async () => {
    const page = await load(admin, "?returned=collective");
    expect(page.status).toBe(200);
    const body = page.body as { mode: string; notice: string; payees: { householdId: string | null; status: string }[] };
    expect(body).toMatchObject({ mode: "stripe", notice: "returned" });
    expect(body.payees[0]).toMatchObject({ householdId: null, status: "onboarding_incomplete" });
    expect(body.payees.find((p) => p.householdId === households[0])?.status).toBe("onboarding_incomplete");
    expect(body.payees.find((p) => p.householdId === households[1])?.status).toBe("not_connected");
  });

  it("refuses another cooperative's admin, another cooperative's household, unknown ids and forged payees", async () => {
    const creates = accountCreates().length;
    expect((await post(households[1], otherAdmin)).status).toBe(404); // not their dashboard
    expect((await post(households[1], otherAdmin, "liujiawobao")).status).toBe(404); // not their household
    expect((await post(otherHousehold)).status).toBe(404); // another cooperative's household on this one's page
    expect((await post(crypto.randomUUID())).status).toBe(404); // no such household
    expect((await post("'; drop table households; --")).status).toBe(400);
    expect(await post("collective", null)).toMatchObject({ status: 302, location: expect.stringMatching(/^\/login\?/) }); // signed out
    expect(accountCreates()).toHaveLength(creates);
    expect(await connected(households[1])).toEqual([]);
    // No admin records an account themselves (through PostgREST they could attach one of
    // their own to a household): only the server may, and it checks the admin it names.
    await expect(
      withRole(t.db, { role: "authenticated", userId: ids.user("admin@zhengjia.demo") }, (tx) =>
        tx.query("select app_private.record_connected_account($1, $2, $3, 'acct_forged') as r", [
          ids.user("admin@zhengjia.demo"),
          COOP,
          households[1],
        ]),
      ),
    ).rejects.toThrow(/permission denied/);
    const named = await asServiceRole(
      t.db,
      async (tx) =>
        (
          await tx.query("select app_private.record_connected_account($1, $2, $3, 'acct_forged') as r", [
            ids.user("admin@liujiawobao.demo"),
            COOP,
            households[1],
          ])
        ).rows[0],
    );
    expect(named).toEqual({ r: { ok: false, reason: "unknown_payee" } });
    await expect(
      withRole(t.db, { role: "authenticated", userId: ids.user("admin@zhengjia.demo") }, (tx) =>
        tx.query("update public.stripe_connected_accounts set payouts_enabled = true"),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it("says payouts are offline in demo mode", async () => {
    const demo = { ...testContext(t.db) };
    const page = await settle(() =>
      connectLoader({ request: request("/dashboard/zhengjia/payouts/connect", admin), params: { coopSlug: "zhengjia" }, context: demo }),
    );
    expect(page.body).toMatchObject({ mode: "demo", payees: [] });
    const posted = await settle(() =>
      connectAction({
        request: request("/dashboard/zhengjia/payouts/connect", admin, { intent: "onboard", payee: "collective" }),
        params: { coopSlug: "zhengjia" },
        context: demo,
      }),
    );
    expect(posted.status).toBe(404);
  });
});

describe("account.updated", () => {
  it("records the flags, ignores an older event that arrives later, and is idempotent", async () => {
    const [{ id }] = await connected(null);
    const now = Math.floor(Date.now() / 1000);
    const newer = stripeEvent("account.updated", stripeMock.accountState(id, { payoutsEnabled: true, detailsSubmitted: true }), now);
    const older = stripeEvent("account.updated", { id, object: "account", payouts_enabled: false, details_submitted: false }, now - 60);
    expect(await deliver(newer)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await deliver(older)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await deliver(newer)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await connected(null)).toEqual([{ id, payouts_enabled: true, details_submitted: true }]);
    const outcomes = await t.db.query<{ id: string; outcome: string }>(
      "select id, outcome from public.stripe_webhook_events where id = any($1)",
      [[newer.id, older.id]],
    );
    expect(Object.fromEntries(outcomes.rows.map((r) => [r.id, r.outcome]))).toEqual({
      [newer.id]: "account_updated",
      [older.id]: "account_stale",
    });
    // a later event that disables payouts does apply
    const later = stripeEvent("account.updated", stripeMock.accountState(id, { payoutsEnabled: false }), now + 5);
    expect((await deliver(later)).status).toBe(200);
    expect((await connected(null))[0].payouts_enabled).toBe(false);
    const page = (await load()).body as { payees: { householdId: string | null; status: string }[] };
    expect(page.payees[0].status).toBe("onboarding_incomplete");
  });
});
