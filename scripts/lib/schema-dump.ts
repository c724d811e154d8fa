import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { migrate } from "~/db/migrations.server";
import { postgresDatabase } from "~/db/postgres-adapter.server";

// supabase/schema.sql: the schema, grants and policies exactly as the migrations leave them,
// to read instead of replaying a dozen migration files in one's head. Made by migrating a
// fresh database on a Postgres server and `pg_dump --schema-only`, normalised so that the
// file only changes when the schema does (no version banner, no session SETs).
const run = promisify(execFile);

export const SCHEMA_FILE = "supabase/schema.sql";

const HEADER = `-- The current schema, grants and row-level security policies, as the migrations in
-- supabase/migrations leave them on a fresh Postgres database. Generated: do not edit.
-- Regenerate with \`npm run schema:dump\` (needs a Postgres server, e.g. TEST_DATABASE_URL);
-- CI fails when this file and a fresh migration disagree.
`;

/** Drops what varies between runs and machines; keeps every statement. */
export function normaliseDump(dump: string): string {
  const lines = dump
    .split("\n")
    .filter((line) => !/^-- Dumped (from|by) /.test(line))
    .filter((line) => !/^SET /.test(line) && !/^SELECT pg_catalog\.set_config/.test(line))
    .filter((line) => !/^\\(un)?restrict /.test(line)); // pg_dump ≥ 15.14's random restrict key
  return `${HEADER}\n${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Migrates a throw-away database on the server at `adminUrl` and returns its normalised dump. */
export async function dumpMigratedSchema(adminUrl: string): Promise<string> {
  const name = `harvest_schema_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = databaseUrl(adminUrl, name);
    const db = postgresDatabase(url, { max: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    const { stdout } = await run("pg_dump", ["--schema-only", "--no-owner", "--exclude-schema=supabase_migrations", url], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return normaliseDump(stdout);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
