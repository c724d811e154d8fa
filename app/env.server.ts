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
  STRIPE_API_BASE_URL: optionalUrl,
  SUPABASE_URL: optionalUrl,
  SUPABASE_ANON_KEY: optionalText,
  PUBLIC_BASE_URL: optionalUrl,
  DEMO_DATA: z.enum(["on", "off"]).default("on"),
  /** How long an unpaid order holds its stock. */
  ORDER_RESERVATION_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
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

export class InvalidEnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n  ${issues.join("\n  ")}`);
    this.name = "InvalidEnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new InvalidEnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.SESSION_SECRET) {
    throw new InvalidEnvError(["SESSION_SECRET: required in production with a DATABASE_URL"]);
  }
  if (Boolean(env.SUPABASE_URL) !== Boolean(env.SUPABASE_ANON_KEY)) {
    throw new InvalidEnvError(["SUPABASE_URL and SUPABASE_ANON_KEY must be set together"]);
  }
  if (env.STRIPE_WEBHOOK_SECRET && !env.STRIPE_SECRET_KEY) {
    throw new InvalidEnvError(["STRIPE_WEBHOOK_SECRET needs STRIPE_SECRET_KEY"]);
  }
  return env;
}
