import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import pg from "pg";

// The Postgres server every benchmark creates its own databases on (and drops them after).
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Runs `fn` with a connection to the admin database, closed whatever happens. */
export async function withAdminClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A throw-away database on the bench server, named `<prefix>_<random>`: `create()` it, and
 * `drop()` it whatever happened (a no-op if it was never created; a failure is reported, not thrown).
 */
export function benchDatabase(prefix: string) {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let created = false;
  return {
    name,
    url: url.toString(),
    async create() {
      await withAdminClient((c) => c.query(`create database ${name}`));
      created = true;
    },
    async drop() {
      if (!created) return;
      created = false;
      await withAdminClient((c) => c.query(`drop database if exists ${name} with (force)`)).catch((e: Error) =>
        console.error(`could not drop ${name}: ${e.message}`),
      );
    },
  };
}

/** Benches that serve the production build: false (and a line saying so) if it is missing. */
export function hasBuild(bench: string): boolean {
  if (existsSync("build/index.js")) return true;
  console.error(`${bench} bench: build/index.js is missing; run npm run build first`);
  return false;
}
