import type { Database } from "~/db/database.server";

/** A real round trip to the database: how many migrations it has applied. */
export async function databaseHealth(db: Database): Promise<{ kind: Database["kind"]; migrations: number }> {
  const { rows } = await db.query<{ migrations: number }>("select count(*)::int as migrations from supabase_migrations.schema_migrations");
  return { kind: db.kind, migrations: rows[0].migrations };
}
