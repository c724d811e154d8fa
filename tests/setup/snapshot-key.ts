import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// A snapshot is reusable while the migrations and the seed are unchanged.
export async function snapshotKey(): Promise<string> {
  const hash = createHash("sha256");
  for (const dir of ["supabase/migrations", "app/seed"]) {
    for (const name of (await readdir(dir)).sort()) {
      hash.update(name).update(await readFile(path.join(dir, name)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/** Seed time for test databases: fixed, so every run sees the same data. */
export const TEST_SEED_NOW = new Date("2026-11-28T12:00:00Z");
