import type { Database } from "~/db/database.server";
import type { ServerEnv } from "~/env.server";
import type { AuthProvider } from "./auth-port.server";
import { localAuthProvider } from "./local-auth.server";
import { supabaseAuthProvider } from "./supabase-auth.server";

/** Supabase Auth when SUPABASE_URL and SUPABASE_ANON_KEY are set, else the local adapter. */
export function authProviderFor(env: Pick<ServerEnv, "SUPABASE_URL" | "SUPABASE_ANON_KEY">, db: Database): AuthProvider {
  const { SUPABASE_URL, SUPABASE_ANON_KEY } = env;
  if (SUPABASE_URL && SUPABASE_ANON_KEY) return supabaseAuthProvider({ SUPABASE_URL, SUPABASE_ANON_KEY }, db);
  return localAuthProvider(db);
}
