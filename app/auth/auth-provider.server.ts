import type { Database } from "~/db/database.server";
import type { ServerEnv } from "~/env.server";
import type { AuthProvider } from "./auth-port.server";
import { localAuthProvider } from "./local-auth.server";

/** Supabase Auth when SUPABASE_URL and SUPABASE_ANON_KEY are set, else the local adapter. */
export function authProviderFor(env: Pick<ServerEnv, "SUPABASE_URL" | "SUPABASE_ANON_KEY">, db: Database): AuthProvider {
  if (env.SUPABASE_URL && env.SUPABASE_ANON_KEY) {
    throw new Error("SUPABASE_URL is set but the Supabase auth adapter is not available in this build");
  }
  return localAuthProvider(db);
}
