import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "./database.server";

// Applies supabase/migrations/*.sql in order, recording each in
// supabase_migrations.schema_migrations exactly as the Supabase CLI does (version, name,
// statements), so `supabase migration list` / `db push` agree with us. Each migration
// runs in its own transaction under an advisory lock, so concurrent runners are safe.

export type MigrationFile = { version: string; name: string; sql: string };

const FILE_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;
const LOCK_KEY = 7_241_118_001; // any constant shared by all runners of this app

export class EditedMigrationError extends Error {
  constructor(
    readonly version: string,
    readonly name: string,
  ) {
    super(`migration ${version}_${name}.sql was edited after it was applied; ` + "add a new migration instead of changing an applied one");
    this.name = "EditedMigrationError";
  }
}

export async function readMigrationFiles(dir = path.resolve("supabase/migrations")): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort();
  return Promise.all(
    names.map(async (fileName) => {
      const match = FILE_NAME.exec(fileName);
      if (!match) throw new Error(`migration file name ${fileName} is not <14-digit UTC timestamp>_<name>.sql`);
      return { version: match[1], name: match[2], sql: await readFile(path.join(dir, fileName), "utf8") };
    }),
  );
}

/** Whitespace- and comment-insensitive fingerprint: the CLI stores split statements. */
function fingerprint(sql: string): string {
  const normalised = sql
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n")
    .replace(/[\s;]+/g, "");
  return createHash("sha256").update(normalised).digest("hex");
}

export type MigrationReport = { applied: string[]; skipped: string[] };

export async function migrate(db: Database, files?: MigrationFile[]): Promise<MigrationReport> {
  const migrations = files ?? (await readMigrationFiles());
  await db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
    await tx.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key,
        statements text[],
        name text
      );
    `);
  });

  const report: MigrationReport = { applied: [], skipped: [] };
  for (const migration of migrations) {
    const applied = await db.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
      const { rows } = await tx.query<{ statements: string[] | null }>(
        "select statements from supabase_migrations.schema_migrations where version = $1",
        [migration.version],
      );
      if (rows.length > 0) {
        const recorded = (rows[0].statements ?? []).join("\n");
        if (fingerprint(recorded) !== fingerprint(migration.sql)) {
          throw new EditedMigrationError(migration.version, migration.name);
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query("insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)", [
        migration.version,
        [migration.sql],
        migration.name,
      ]);
      return true;
    });
    (applied ? report.applied : report.skipped).push(migration.version);
  }
  return report;
}
