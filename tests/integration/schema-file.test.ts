import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { dumpMigratedSchema, normaliseDump, SCHEMA_FILE } from "../../scripts/lib/schema-dump";

// supabase/schema.sql must read as the current truth: a fresh migration dumps to exactly it.
describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("supabase/schema.sql (on the Postgres server)", () => {
  it("matches a fresh migration — if not, run `npm run schema:dump` and commit the result", async () => {
    const { adminUrl } = inject("postgresTemplate");
    const fresh = await dumpMigratedSchema(adminUrl);
    const committed = await readFile(SCHEMA_FILE, "utf8");
    expect(committed === fresh, "supabase/schema.sql is stale: run `npm run schema:dump`").toBe(true);
  });
});

describe("normaliseDump", () => {
  it("drops version banners and session settings, keeps statements", () => {
    const out = normaliseDump("-- Dumped from database version 15.20\nSET statement_timeout = 0;\n\n\n\nCREATE TABLE public.x (id int);\n");
    expect(out).toContain("CREATE TABLE public.x (id int);");
    expect(out).not.toContain("Dumped from");
    expect(out).not.toContain("SET statement_timeout");
  });
});
