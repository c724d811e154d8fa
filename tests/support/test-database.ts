import { realtimeFor } from "~/realtime/realtime-provider.server";
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import type { Database } from "~/db/database.server";
import { pgliteDatabase, pgliteParsers } from "~/db/pglite-adapter.server";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { localAuthProvider } from "~/auth/local-auth.server";
import { parseEnv } from "~/env.server";
import { demoPaymentProvider } from "~/payments/demo-provider.server";
import { localFileStorage } from "~/storage/local-storage.server";
import type { AppContext } from "~/context.server";
import { offErrorReporter } from "~/observability/error-reporter.server";

// A fresh, migrated and seeded database for one test file: PGlite loaded from the
// snapshot, or a clone of the template database on the Postgres server.
export type TestDatabase = { db: Database; kind: "pglite" | "postgres"; url?: string; destroy(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB_KIND === "postgres") {
    const { adminUrl, template } = inject("postgresTemplate");
    const name = testDatabaseName("file");
    await withAdmin(adminUrl, (c) => c.query(`create database ${name} template ${template}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = postgresDatabase(url.toString(), { max: 20 });
    return {
      db,
      kind: "postgres",
      url: url.toString(),
      async destroy() {
        await db.close();
        await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
      },
    };
  }
  const snapshot = await readFile(inject("pgliteSnapshot"));
  const pglite = await PGlite.create(undefined, {
    loadDataDir: new Blob([snapshot]),
    parsers: pgliteParsers,
  });
  const db = pgliteDatabase(pglite);
  return { db, kind: "pglite", destroy: () => db.close() };
}

/** A database name for this run on the Postgres server (stamped, see global-setup-postgres). */
export function testDatabaseName(kind: string): string {
  return `harvest_t_${inject("postgresTemplate").stamp}_${kind}_${randomBytes(5).toString("hex")}`;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** uploadsDir: where the local storage adapter writes (a fresh temp path by default, created on first upload). */
export function testContext(db: Database, options: { uploadsDir?: string } = {}): AppContext {
  const uploadsDir = options.uploadsDir ?? path.join(os.tmpdir(), `harvest-uploads-${randomBytes(6).toString("hex")}`);
  const sessionSecret = randomBytes(32).toString("base64url");
  const env = parseEnv({ NODE_ENV: "test" });
  return {
    db,
    env,
    sessionSecret,
    payments: demoPaymentProvider,
    auth: localAuthProvider(db, sessionSecret),
    storage: localFileStorage(uploadsDir),
    errors: offErrorReporter,
    // In-process delivery (no DATABASE_URL here): events published through this context reach its streams.
    realtime: realtimeFor(env, db),
  };
}

/**
 * A fresh database for property tests that place many orders: no product has a per-buyer
 * limit and every one has 100,000 in stock, so no random sequence runs out.
 */
export async function unlimitedStockDatabase(): Promise<{ t: TestDatabase; context: AppContext }> {
  const t = await createTestDatabase();
  await t.db.query("update public.products set per_buyer_limit = null");
  await t.db.query("update public.product_stock set stock = 100000");
  return { t, context: testContext(t.db) };
}
