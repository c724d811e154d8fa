import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "~/db/migrations.server";
import { seedDemoData } from "~/seed/seed.server";
import { PGlite } from "@electric-sql/pglite";
import { pgliteParsers, pgliteDatabase } from "~/db/pglite-adapter.server";
import { snapshotKey, TEST_SEED_NOW } from "./snapshot-key";

// Migrate + seed once, dump the data directory, and let every test file load the dump
// (~0.5 s) instead of paying initdb (~5 s) per file.
export default async function setup(project: TestProject) {
  const dir = path.resolve(".cache/test-db");
  const file = path.join(dir, `pglite-${await snapshotKey()}.tar.gz`);
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    const pg = await PGlite.create(undefined, { parsers: pgliteParsers });
    const db = pgliteDatabase(pg);
    await migrate(db);
    await seedDemoData(db, { now: TEST_SEED_NOW });
    const dump = await pg.dumpDataDir("gzip");
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    await rename(tmp, file);
    await db.close();
  }
  project.provide("pgliteSnapshot", file);
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: { adminUrl: string; template: string; stamp: number };
  }
}
