import type { ServerEnv } from "~/env.server";
import { localFileStorage, uploadsDirFor } from "./local-storage.server";
import type { StoragePort } from "./storage-port.server";
import { supabaseStorage } from "./supabase-storage.server";

/** Supabase Storage when SUPABASE_URL and SUPABASE_ANON_KEY are set (as for auth), else local files. */
export function storageFor(env: Pick<ServerEnv, "SUPABASE_URL" | "SUPABASE_ANON_KEY" | "PGLITE_DATA_DIR">): StoragePort {
  const { SUPABASE_URL, SUPABASE_ANON_KEY } = env;
  if (SUPABASE_URL && SUPABASE_ANON_KEY) return supabaseStorage({ SUPABASE_URL, SUPABASE_ANON_KEY });
  return localFileStorage(uploadsDirFor(env));
}
