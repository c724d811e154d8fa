import { randomBytes } from "node:crypto";
import type { Database } from "~/db/database.server";
import type { ServerEnv } from "~/env.server";
import type { AuthProvider } from "./auth-port.server";
import { localAuthProvider } from "./local-auth.server";
import { supabaseAuthProvider } from "./supabase-auth.server";

/**
 * Supabase Auth when SUPABASE_URL and SUPABASE_ANON_KEY are set, else the local adapter.
 * secret: the app's secret (AppContext.sessionSecret), which signs login device cookies.
 * Without one (some tests) a random secret is used: device cookies then last only as long
 * as this provider.
 */
export function authProviderFor(
  env: Pick<ServerEnv, "SUPABASE_URL" | "SUPABASE_ANON_KEY">,
  db: Database,
  secret: string = randomBytes(32).toString("base64url"),
): AuthProvider {
  const { SUPABASE_URL, SUPABASE_ANON_KEY } = env;
  if (SUPABASE_URL && SUPABASE_ANON_KEY) return supabaseAuthProvider({ SUPABASE_URL, SUPABASE_ANON_KEY }, db, secret);
  return localAuthProvider(db, secret);
}
