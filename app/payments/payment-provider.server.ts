import type Stripe from "stripe";
import type { Database } from "~/db/database.server";
import type { ServerEnv } from "~/env.server";
import { demoPaymentProvider } from "./demo-provider.server";
import { stripeClientFor } from "./stripe-client.server";
import { stripePaymentProvider } from "./stripe-provider.server";

// The payments port. Providers only start a payment; the result always arrives through
// recordPaymentSucceeded (app/models/payment.server.ts) — from the demo pay page here,
// from the Stripe webhook in Stripe mode — so both run the very same money path.
export type PaymentStart = {
  orderId: string;
  totalFen: number;
  currency: "CNY";
  locale: string;
  /** The request's origin (http://host:port): where a hosted payment page sends the buyer back, unless PUBLIC_BASE_URL says otherwise. */
  origin: string;
  /** The buyer's order page on this site, with its signed key (/orders/:id?key=…). */
  orderPath: string;
};

export interface PaymentProvider {
  readonly name: "demo" | "stripe";
  /** Where to send the buyer to pay: a path on this site (demo) or an absolute URL (Stripe Checkout). */
  startPayment(payment: PaymentStart): Promise<{ redirectTo: string }>;
}

type ProviderEnv = Pick<ServerEnv, "STRIPE_SECRET_KEY" | "STRIPE_API_BASE_URL" | "PUBLIC_BASE_URL" | "NODE_ENV" | "DEMO_DATA">;

/**
 * Stripe when STRIPE_SECRET_KEY is set (it records the Checkout Session on the order, so it
 * needs the database; the client may be passed in, e.g. by tests), else the demo provider.
 */
export function paymentProviderFor(env: ProviderEnv, deps: { db?: Database; stripe?: Stripe | null } = {}): PaymentProvider {
  if (env.STRIPE_SECRET_KEY) {
    const stripe = deps.stripe ?? stripeClientFor(env);
    if (!deps.db || !stripe) throw new Error("the Stripe payment provider needs the database and a Stripe client");
    return stripePaymentProvider({ stripe, db: deps.db, publicBaseUrl: env.PUBLIC_BASE_URL });
  }
  // The demo provider lets anyone mark their order paid: only for demos. A production
  // deployment (DEMO_DATA=off, per DESIGN.md) must configure a real provider.
  if (env.NODE_ENV === "production" && env.DEMO_DATA === "off") {
    throw new Error("demo payments are refused in production with DEMO_DATA=off: set STRIPE_SECRET_KEY");
  }
  return demoPaymentProvider;
}
