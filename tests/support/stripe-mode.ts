import type Stripe from "stripe";
import { expect } from "vitest";
import type { AppContext } from "~/context.server";
import { parseEnv } from "~/env.server";
import { paymentProviderFor } from "~/payments/payment-provider.server";
import { action as connectAction } from "~/routes/dashboard.$coopSlug.payouts_.connect";
import { ids } from "~/seed/seed.server";
import type { StripeMock } from "../mocks/stripe";
import { request, settle } from "./route-call";
import { signIn } from "./signed-in";
import { stripeEvent, webhookDelivery } from "./stripe-events";
import type { TestDatabase } from "./test-database";
import { testContext } from "./test-database";

// A test database's app context in Stripe mode, and Zhengjia's village collective and the
// household that grows its black fungus connected to Stripe with payouts enabled — through
// the real onboarding action and signed account.updated deliveries.

export const FUNGUS = ids.product("zhengjia-black-fungus-250g");

export function stripeModeContext(t: TestDatabase, stripe: Stripe, secrets: { secretKey: string; webhookSecret: string }) {
  const env = parseEnv({ NODE_ENV: "test", STRIPE_SECRET_KEY: secrets.secretKey, STRIPE_WEBHOOK_SECRET: secrets.webhookSecret });
  const context: AppContext & { stripe: Stripe } = {
    ...testContext(t.db),
    env,
    stripe,
    payments: paymentProviderFor(env, { db: t.db, stripe }),
  };
  return { context, deliver: webhookDelivery(context, stripe) };
}

let clock = 0;
/** A later `created` for each account.updated of a test file: Stripe's order, so none is ignored as stale. */
export const nextAccountEventTime = () => Math.floor(Date.now() / 1000) + ++clock;

export async function connectZhengjiaPayees(t: TestDatabase, context: AppContext & { stripe: Stripe }, stripeMock: StripeMock) {
  const deliver = webhookDelivery(context, context.stripe);
  const admin = await signIn(context, "admin@zhengjia.demo");
  const household = (await t.db.query<{ household_id: string }>("select household_id from public.products where id = $1", [FUNGUS])).rows[0]
    .household_id;
  const accounts: Record<"household" | "collective", string> = { household: "", collective: "" };
  for (const [payee, value] of [
    ["collective", "collective"],
    ["household", household],
  ] as const) {
    const answer = await settle(() =>
      connectAction({
        request: request("/dashboard/zhengjia/payouts/connect", admin, { intent: "onboard", payee: value }),
        params: { coopSlug: "zhengjia" },
        context,
      }),
    );
    expect(answer.status).toBe(302);
    accounts[payee] = (
      await t.db.query<{ id: string }>("select id from public.stripe_connected_accounts where household_id is not distinct from $1", [
        payee === "household" ? household : null,
      ])
    ).rows[0].id;
    const state = stripeMock.accountState(accounts[payee], { payoutsEnabled: true, detailsSubmitted: true });
    expect((await deliver(stripeEvent("account.updated", state, nextAccountEventTime()))).status).toBe(200);
  }
  return { admin, household, accounts };
}
