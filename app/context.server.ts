import type Stripe from "stripe";
import type { AuthProvider } from "~/auth/auth-port.server";
import type { Database } from "~/db/database.server";
import type { ServerEnv } from "~/env.server";
import type { PaymentProvider } from "~/payments/payment-provider.server";
import type { RealtimePort } from "~/realtime/realtime-port.server";
import type { ErrorReporter } from "~/observability/error-reporter.server";
import type { StoragePort } from "~/storage/storage-port.server";

// What every loader and action receives. Built once per process in server/index.ts,
// and by tests around a test database, so routes never reach for globals.
export type AppContext = {
  db: Database;
  env: ServerEnv;
  /** Signs order links; SESSION_SECRET or the embedded default's persisted secret. */
  sessionSecret: string;
  payments: PaymentProvider;
  /** Stripe mode only (STRIPE_SECRET_KEY): the one client (app/payments/stripe-client.server.ts). */
  stripe?: Stripe;
  auth: AuthProvider;
  /** Where uploaded product photos go (local files, or Supabase Storage). */
  storage: StoragePort;
  /** Where unexpected server errors are reported besides the log (off unless ERROR_REPORT_URL). */
  errors: ErrorReporter;
  /**
   * Live session events across app instances (LISTEN/NOTIFY, in-process for PGlite, or
   * Supabase Realtime).
   */
  realtime: RealtimePort;
  /** Per request: the CSP nonce for inline scripts (set by the server; absent in tests). */
  cspNonce?: string;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
