import type { Database } from "~/db/database.server";
import { oneStatementAs } from "~/db/request-role.server";
import type { ServerEnv } from "~/env.server";
import { latestLiveEventId, liveEventsAfter } from "~/models/live-event.server";
import { pgliteRealtime } from "./pglite-realtime.server";
import { postgresRealtime } from "./postgres-realtime.server";
import type { RealtimePort, StoredEventReader } from "./realtime-port.server";
import { supabaseRealtime } from "./supabase-realtime.server";

/** The table as any viewer sees it (anon, under RLS): a cancelled session's events are not read. */
export function storedEventReader(db: Database): StoredEventReader {
  const anon = () => oneStatementAs(db, { role: "anon" });
  return {
    latestId: (sessionId) => latestLiveEventId(anon(), sessionId),
    after: (sessionId, afterId, limit) => liveEventsAfter(anon(), sessionId, afterId, limit),
  };
}

/**
 * Supabase Realtime Broadcast when SUPABASE_URL is set; else LISTEN/NOTIFY on the Postgres
 * server (DATABASE_URL), or the in-process adapter for the embedded PGlite.
 */
export function realtimeFor(env: Pick<ServerEnv, "SUPABASE_URL" | "SUPABASE_ANON_KEY" | "DATABASE_URL">, db: Database): RealtimePort {
  const reader = storedEventReader(db);
  if (env.SUPABASE_URL && env.SUPABASE_ANON_KEY) return supabaseRealtime({ url: env.SUPABASE_URL, anonKey: env.SUPABASE_ANON_KEY, reader });
  if (db.kind === "postgres" && env.DATABASE_URL) return postgresRealtime(db, env.DATABASE_URL, reader);
  return pgliteRealtime(reader);
}
