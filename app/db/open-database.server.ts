import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { ServerEnv } from "~/env.server";
import type { Database } from "./database.server";
import { openPglite } from "./pglite-adapter.server";
import { acquirePgliteLock } from "./pglite-lock.server";
import { postgresDatabase } from "./postgres-adapter.server";

/** A Postgres server when DATABASE_URL is set, else PGlite persisted under .data/. */
export async function openDatabase(env: ServerEnv): Promise<Database> {
  if (env.DATABASE_URL) return postgresDatabase(env.DATABASE_URL);
  const dir = path.resolve(env.PGLITE_DATA_DIR);
  await mkdir(dir, { recursive: true });
  const release = acquirePgliteLock(dir);
  const db = await openPglite(dir);
  return {
    ...db,
    close: async () => {
      await db.close();
      release();
    },
  };
}
