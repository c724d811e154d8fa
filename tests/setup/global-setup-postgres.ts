import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "~/db/migrations.server";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { seedDemoData } from "~/seed/seed.server";
import { TEST_SEED_NOW } from "./snapshot-key";

// Builds a migrated, seeded template database on the server; each test file clones it
// with CREATE DATABASE … TEMPLATE (fast, isolated) and drops its clone afterwards.
// Names carry the run's start time, so two runs on one server (a developer's and CI's)
// never drop each other's databases: only leftovers older than two hours are cleared.
const RUN_STAMP = Math.floor(Date.now() / 1000);
export const TEMPLATE_DB = `harvest_test_template_${RUN_STAMP}`;
const STALE_SECONDS = 2 * 60 * 60;

/** The run time a test database's name carries (harvest_t_<seconds>_…), or null. */
export function stampOf(name: string): number | null {
  const match = /^harvest_(?:t|test_template)_(\d{10})(?:_|$)/.exec(name);
  return match ? Number(match[1]) : null;
}

export function databaseUrl(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement on the server's admin database (create / drop database). */
export async function adminQuery(adminUrl: string, sql: string) {
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
  const leftovers = await client.query<{ datname: string }>(
    "select datname from pg_database where datname like 'harvest\\_t\\_%' or datname like 'harvest\\_test\\_template%'",
  );
  for (const { datname } of leftovers.rows) {
    const stamp = stampOf(datname);
    // Unstamped names are from before stamps existed; stamped ones only when old.
    if (stamp === null || RUN_STAMP - stamp > STALE_SECONDS) await client.query(`drop database if exists "${datname}" with (force)`);
  }
  await client.end();

  await adminQuery(adminUrl, `create database ${TEMPLATE_DB}`);
  const db = postgresDatabase(databaseUrl(adminUrl, TEMPLATE_DB), { max: 2 });
  await migrate(db);
  await seedDemoData(db, { now: TEST_SEED_NOW });
  await db.close();

  project.provide("postgresTemplate", { adminUrl, template: TEMPLATE_DB, stamp: RUN_STAMP });
  return async () => {
    await adminQuery(adminUrl, `drop database if exists ${TEMPLATE_DB} with (force)`);
  };
}
