import type { ServerEnv } from "~/env.server";
import { demoPaymentProvider } from "./demo-provider.server";

// The payments port. Providers only start a payment; the result always arrives through
// recordPaymentSucceeded (app/models/payment.server.ts) — from the demo pay page here,
// from the Stripe webhook in Stripe mode — so both run the very same money path.
export type PaymentStart = { orderId: string; totalFen: number; currency: "CNY"; locale: string };

export interface PaymentProvider {
  readonly name: "demo" | "stripe";
  /** Where to send the buyer to pay. */
  startPayment(payment: PaymentStart): Promise<{ redirectTo: string }>;
}

export function paymentProviderFor(env: Pick<ServerEnv, "STRIPE_SECRET_KEY" | "NODE_ENV" | "DEMO_DATA">): PaymentProvider {
  if (env.STRIPE_SECRET_KEY) {
    // The Stripe adapter arrives with the Stripe issue; until then refuse to start silently wrong.
    throw new Error("STRIPE_SECRET_KEY is set but the Stripe payment adapter is not available in this build");
  }
  // The demo provider lets anyone mark their order paid: only for demos. A production
  // deployment (DEMO_DATA=off, per DESIGN.md) must configure a real provider.
  if (env.NODE_ENV === "production" && env.DEMO_DATA === "off") {
    throw new Error("demo payments are refused in production with DEMO_DATA=off: set STRIPE_SECRET_KEY");
  }
  return demoPaymentProvider;
}
