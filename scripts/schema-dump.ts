// `npm run schema:dump`: regenerate supabase/schema.sql from a fresh migration on a Postgres
// server (TEST_DATABASE_URL, else DATABASE_URL, else the local server on 127.0.0.1:5432).
import { writeFile } from "node:fs/promises";
import { dumpMigratedSchema, SCHEMA_FILE } from "./lib/schema-dump";

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
await writeFile(SCHEMA_FILE, await dumpMigratedSchema(adminUrl));
console.log(`wrote ${SCHEMA_FILE}`);
