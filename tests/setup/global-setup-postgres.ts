import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "~/db/migrations.server";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { seedDemoData } from "~/seed/seed.server";
import { TEST_SEED_NOW } from "./snapshot-key";

// Builds a migrated, seeded template database on the server; each test file clones it
// with CREATE DATABASE … TEMPLATE (fast, isolated) and drops its clone afterwards.
export const TEMPLATE_DB = "harvest_test_template";

export function databaseUrl(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the integration-postgres project");
  // Leftovers of an interrupted run.
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const stale = await client.query<{ datname: string }>(
    "select datname from pg_database where datname like 'harvest_t\\_%' or datname = $1",
    [TEMPLATE_DB],
  );
  for (const { datname } of stale.rows) await client.query(`drop database if exists "${datname}" with (force)`);
  await client.end();

  await adminQuery(adminUrl, `create database ${TEMPLATE_DB}`);
  const db = postgresDatabase(databaseUrl(adminUrl, TEMPLATE_DB), { max: 2 });
  await migrate(db);
  await seedDemoData(db, { now: TEST_SEED_NOW });
  await db.close();

  project.provide("postgresTemplate", { adminUrl, template: TEMPLATE_DB });
  return async () => {
    await adminQuery(adminUrl, `drop database if exists ${TEMPLATE_DB} with (force)`);
  };
}
