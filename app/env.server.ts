import { z } from "zod";

// The one environment schema, checked at start-up. Unset means the embedded default.
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional());

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: optionalUrl,
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  SESSION_SECRET: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  ),
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  /** stripe-mock or another Stripe-compatible endpoint: an origin (the SDK takes host, port and protocol). */
  STRIPE_API_BASE_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^https?:\/\/[^/\s?#]+\/?$/)
      .optional(),
  ),
  /**
   * The country payees' Stripe Express accounts are opened in (ISO 3166-1 alpha-2). Stripe
   * opens no accounts in mainland China (ADR 0025): HK unless the platform says otherwise.
   */
  STRIPE_CONNECT_COUNTRY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/)
      .refine((v) => v !== "CN")
      .default("HK"),
  ),
  SUPABASE_URL: optionalUrl,
  SUPABASE_ANON_KEY: optionalText,
  PUBLIC_BASE_URL: optionalUrl,
  DEMO_DATA: z.enum(["on", "off"]).default("on"),
  /** How long an unpaid order holds its stock. */
  ORDER_RESERVATION_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * How many reverse proxies in front of the app may be trusted to append X-Forwarded-For
   * (express's `trust proxy`). 0 (default): the client address is the socket's, and any
   * X-Forwarded-For a client sends is ignored.
   */
  /** Where unexpected server errors are also POSTed as JSON (the error-reporting port); unset: off. */
  ERROR_REPORT_URL: optionalUrl,
  TRUST_PROXY_HOPS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(10).default(0)),
  /** App instances on the one port (node:cluster), e.g. one per core; more than 1 needs DATABASE_URL. */
  WEB_CONCURRENCY: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(64).default(1)),
  /** Open live event streams (SSE) one app instance accepts; past it a viewer gets 503 and retries. */
  REALTIME_MAX_STREAMS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(100_000).default(5_000)),
  /** Where hosts point OBS or a phone app (shown in the studio beside the secret stream key). */
  RTMP_INGEST_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^rtmps?:\/\/[^/\s]+\/[^\s]+$/)
      .default("rtmp://127.0.0.1:1935/live"),
  ),
  /**
   * nginx-rtmp relay (docs/streaming.md): when set, on_publish answers a valid key with
   * 302 to <this>/<session id>, so the packaged HLS is named by session, never by the key.
   */
  RTMP_RELAY_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^rtmp:\/\/[^/\s]+\/[^\s/]+$/)
      .optional(),
  ),
  /** The HLS playlist a session without its own playback URL plays when it goes live. */
  LIVE_PLAYBACK_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^(\/[^/\s]|https?:\/\/)[^\s]*$/)
      .default("/hls/sample-live/master.m3u8"),
  ),
});

export type ServerEnv = z.infer<typeof envSchema>;

/** The only keys the browser may see. Everything else stays on the server. */
export const BROWSER_ENV_KEYS = ["PUBLIC_BASE_URL", "SUPABASE_URL", "SUPABASE_ANON_KEY"] as const;
export type BrowserEnv = { [K in (typeof BROWSER_ENV_KEYS)[number]]?: string };

export function browserEnv(env: ServerEnv): BrowserEnv {
  const picked: BrowserEnv = {};
  for (const key of BROWSER_ENV_KEYS) {
    const value = env[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

/** Every problem with the environment, one line each: what is wrong and the exact fix. */
export class InvalidEnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n  ${issues.join("\n  ")}`);
    this.name = "InvalidEnvError";
  }
}

export const MAKE_SECRET_COMMAND = `node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`;

// Per variable: what a valid value is, and how to fix a bad one. Secrets are never echoed.
const RULES: Record<string, { must: string; fix: string; secret?: boolean }> = {
  NODE_ENV: { must: "one of development, production, test", fix: "Set NODE_ENV=production (or development/test), or unset it." },
  PORT: { must: "a whole number from 1 to 65535", fix: "Set e.g. PORT=3000, or unset it for the default 3000." },
  WEB_CONCURRENCY: { must: "a whole number from 1 to 64", fix: "Set e.g. WEB_CONCURRENCY=2 (one per core), or unset it for one instance." },
  DATABASE_URL: {
    must: "a URL like postgres://user:password@host:5432/dbname",
    fix: "Fix the URL, or unset DATABASE_URL to use the embedded database (PGlite).",
    secret: true,
  },
  PGLITE_DATA_DIR: { must: "a directory path", fix: "Set e.g. PGLITE_DATA_DIR=.data/pglite, or unset it." },
  SESSION_SECRET: {
    must: "at least 32 characters",
    fix: `Make one with: ${MAKE_SECRET_COMMAND}`,
    secret: true,
  },
  STRIPE_SECRET_KEY: {
    must: "a Stripe secret key (sk_…)",
    fix: "Set it from the Stripe dashboard, or unset it for demo payments.",
    secret: true,
  },
  STRIPE_WEBHOOK_SECRET: {
    must: "a webhook signing secret (whsec_…)",
    fix: "Set it from the Stripe dashboard, or unset it.",
    secret: true,
  },
  STRIPE_API_BASE_URL: {
    must: "an http(s) origin without a path, like http://localhost:12111",
    fix: "Set e.g. STRIPE_API_BASE_URL=http://localhost:12111 (stripe-mock), or unset it for Stripe's API.",
  },
  STRIPE_CONNECT_COUNTRY: {
    must: "a two-letter country code (upper case) other than CN: Stripe opens no accounts in mainland China",
    fix: "Set e.g. STRIPE_CONNECT_COUNTRY=HK, or unset it for HK.",
  },
  SUPABASE_URL: {
    must: "an http(s) URL",
    fix: "Set your project URL, e.g. SUPABASE_URL=https://<project>.supabase.co, or unset it for local auth.",
  },
  SUPABASE_ANON_KEY: {
    must: "the project's anon key",
    fix: "Copy it from the Supabase project's API settings, or unset it for local auth.",
    secret: true,
  },
  PUBLIC_BASE_URL: {
    must: "an http(s) URL",
    fix: "Set e.g. PUBLIC_BASE_URL=https://harvest.example.com, or unset it to use the request's origin.",
  },
  DEMO_DATA: { must: "on or off", fix: "Set DEMO_DATA=off to skip the demo seed, or unset it." },
  ORDER_RESERVATION_MINUTES: {
    must: "a whole number of minutes from 1 to 1440",
    fix: "Set e.g. ORDER_RESERVATION_MINUTES=15, or unset it.",
  },
  ERROR_REPORT_URL: {
    must: "an http(s) URL",
    fix: "Set the collector's webhook URL, or unset it to keep error reports off.",
    secret: true,
  },
  TRUST_PROXY_HOPS: {
    must: "a whole number from 0 to 10",
    fix: "Set it to the number of reverse proxies in front of the app (TRUST_PROXY_HOPS=1 behind one load balancer), or unset it when clients connect directly.",
  },
  REALTIME_MAX_STREAMS: {
    must: "a whole number from 1 to 100000",
    fix: "Set e.g. REALTIME_MAX_STREAMS=5000 (open live event streams per app instance), or unset it.",
  },
  RTMP_INGEST_URL: {
    must: "an rtmp:// or rtmps:// URL with an application path, like rtmp://ingest.example.com:1935/live",
    fix: "Set the RTMP server's public address and application, or unset it for rtmp://127.0.0.1:1935/live.",
  },
  RTMP_RELAY_URL: {
    must: "an rtmp:// URL of the packaging RTMP application, like rtmp://127.0.0.1:1936/hls",
    fix: "Set it to the second nginx-rtmp server's application (docs/streaming.md), or unset it to answer on_publish with 204.",
  },
  LIVE_PLAYBACK_URL: {
    must: "a path on this site (/…) or an http(s) URL of an HLS playlist",
    fix: "Set e.g. LIVE_PLAYBACK_URL=https://cdn.example.com/hls/live.m3u8, or unset it for the bundled sample stream.",
  },
};

/** One line for one variable with a bad value. */
export function envIssueLine(key: string, value: string | undefined): string {
  const rule = RULES[key];
  if (!rule) return `${key} is invalid. Fix or unset ${key}.`;
  const got = value === undefined ? "" : rule.secret ? ` (got ${value.length} characters)` : ` (got ${JSON.stringify(value)})`;
  return `${key} must be ${rule.must}${got}. ${rule.fix}`;
}

export function parseEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const keys = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? "environment")))];
    throw new InvalidEnvError(keys.map((key) => envIssueLine(key, source[key])));
  }
  const env = result.data;
  const issues: string[] = [];
  if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.SESSION_SECRET) {
    issues.push(`SESSION_SECRET is required in production when DATABASE_URL is set. Make one with: ${MAKE_SECRET_COMMAND}`);
  }
  if (Boolean(env.SUPABASE_URL) !== Boolean(env.SUPABASE_ANON_KEY)) {
    const missing = env.SUPABASE_URL ? "SUPABASE_ANON_KEY" : "SUPABASE_URL";
    issues.push(
      `SUPABASE_URL and SUPABASE_ANON_KEY must be set together (${missing} is missing). Set ${missing} too, or unset both for local auth.`,
    );
  }
  if (env.WEB_CONCURRENCY > 1 && !env.DATABASE_URL) {
    issues.push(
      `WEB_CONCURRENCY=${env.WEB_CONCURRENCY} needs DATABASE_URL: the embedded database (PGlite) lives in one process. Set DATABASE_URL, or unset WEB_CONCURRENCY.`,
    );
  }
  if (env.STRIPE_WEBHOOK_SECRET && !env.STRIPE_SECRET_KEY) {
    issues.push(
      "STRIPE_WEBHOOK_SECRET is set without STRIPE_SECRET_KEY. Set STRIPE_SECRET_KEY too, or unset STRIPE_WEBHOOK_SECRET for demo payments.",
    );
  }
  if (env.NODE_ENV === "production" && env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    issues.push(
      "STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET: Stripe payments would never be confirmed (the webhook at /webhooks/stripe needs its signing secret). Set STRIPE_WEBHOOK_SECRET from the Stripe dashboard's webhook endpoint.",
    );
  }
  if (issues.length > 0) throw new InvalidEnvError(issues);
  return env;
}
