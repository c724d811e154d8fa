import Stripe from "stripe";
import type { ServerEnv } from "~/env.server";

// The one place a Stripe client is made: Checkout here, Connect accounts and transfers
// later. STRIPE_API_BASE_URL points the SDK at stripe-mock or another Stripe-compatible
// endpoint (the SDK takes host, port and protocol separately, not a URL).
export type StripeClientOptions = {
  secretKey: string;
  /** e.g. http://localhost:12111 for stripe-mock; unset: api.stripe.com */
  apiBaseUrl?: string;
  /** The SDK retries failed requests with the same idempotency key; tests pass 0. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
};

export type StripeEndpoint = { host: string; port: number; protocol: "http" | "https" };

/** host, port and protocol for the SDK from a base URL (a path on it is refused, not ignored). */
export function stripeEndpoint(apiBaseUrl: string): StripeEndpoint {
  const url = new URL(apiBaseUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`STRIPE_API_BASE_URL must be http(s): ${url.protocol}`);
  if (url.pathname !== "/" && url.pathname !== "") throw new Error("STRIPE_API_BASE_URL must be an origin without a path");
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443, protocol };
}

export function createStripeClient(options: StripeClientOptions): Stripe {
  return new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    ...(options.apiBaseUrl ? stripeEndpoint(options.apiBaseUrl) : {}),
  });
}

/** The client for this deployment, or null in demo mode (no STRIPE_SECRET_KEY). */
export function stripeClientFor(env: Pick<ServerEnv, "STRIPE_SECRET_KEY" | "STRIPE_API_BASE_URL">): Stripe | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  return createStripeClient({ secretKey: env.STRIPE_SECRET_KEY, apiBaseUrl: env.STRIPE_API_BASE_URL });
}
