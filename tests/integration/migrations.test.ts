import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EditedMigrationError, migrate, readMigrationFiles } from "~/db/migrations.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe("migration runner", () => {
  it("records every migration as the Supabase CLI does, and a second run is a no-op", async () => {
    const files = await readMigrationFiles();
    const { rows } = await t.db.query<{ version: string; name: string }>(
      "select version, name from supabase_migrations.schema_migrations order by version",
    );
    expect(rows).toEqual(files.map((f) => ({ version: f.version, name: f.name })));
    const report = await migrate(t.db);
    expect(report.applied).toEqual([]);
    expect(report.skipped).toEqual(files.map((f) => f.version));
  });

  it("tolerates whitespace and comment changes but refuses an edited, applied migration", async () => {
    const files = await readMigrationFiles();
    const reformatted = files.map((f, i) => (i === 1 ? { ...f, sql: `-- a note\n${f.sql.replace(/\n/g, "\n\n")}` } : f));
    await expect(migrate(t.db, reformatted)).resolves.toMatchObject({ applied: [] });
    const edited = files.map((f, i) =>
      i === 1 ? { ...f, sql: f.sql.replace("members int not null default 1", "members int not null default 2") } : f,
    );
    await expect(migrate(t.db, edited)).rejects.toBeInstanceOf(EditedMigrationError);
  });

  it("applies a new migration once, in a transaction that rolls back on failure", async () => {
    const files = await readMigrationFiles();
    const broken = { version: "29991231000000", name: "broken", sql: "create table public.t_half (id int); select 1/0;" };
    await expect(migrate(t.db, [...files, broken])).rejects.toThrow(/division by zero/);
    const half = await t.db.query("select to_regclass('public.t_half') as t");
    expect(half.rows[0].t).toBeNull();

    const good = { version: "29991231000001", name: "good", sql: "create table public.t_good (id int);" };
    expect((await migrate(t.db, [...files, good])).applied).toEqual(["29991231000001"]);
    expect((await migrate(t.db, [...files, good])).applied).toEqual([]);
  });
});
