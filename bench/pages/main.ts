import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeSection } from "../report";
import { benchDatabase, type DbRun, type Kind, type Options } from "./pages";
import { pagesHeading, pagesSection, printPagesTable, type PagesSummary } from "./report";
import { ADMIN_URL, withAdminClient } from "../admin-database";

// `npm run bench -- pages`: every page real vs twin (see docs/benchmarks.md, "Pages"),
// first on PGlite (a fresh data directory under the OS temp dir), then on a throw-away
// database of BENCH_DATABASE_URL's server; both are removed afterwards.
// Exit code 1 if a page answered non-2xx, its twin rendered differently, or a step failed;
// the 70 % target only reports.

const DOC = "docs/benchmarks.md";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const pageOptions = (): Options => ({
  seconds: num("BENCH_PAGES_SECONDS", 8),
  warmup: num("BENCH_PAGES_WARMUP", 2),
  rounds: num("BENCH_PAGES_ROUNDS", 3),
  connections: num("BENCH_PAGES_CONNECTIONS", 16),
  // "document" (default), "data" (the single-fetch `<path>.data` request) or "document,data".
  kinds: (process.env.BENCH_PAGES_KINDS ?? "document").split(",").filter((k): k is Kind => k === "document" || k === "data"),
});

export async function runPagesBench(): Promise<number> {
  if (!existsSync("build/index.js")) {
    console.error("pages bench: build/index.js is missing; run npm run build first");
    return 1;
  }
  const started = performance.now();
  const opts = pageOptions();
  const only = (process.env.BENCH_PAGES_DB ?? "pglite,postgres").split(",");
  const load = os.loadavg()[0];
  const secret = randomBytes(32).toString("base64url");
  const common = { NODE_ENV: "production", SESSION_SECRET: secret, DEMO_DATA: "on", PUBLIC_BASE_URL: "" };
  const runs: DbRun[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), "harvest-bench-pages-"));
  const name = `harvest_bench_pages_${randomBytes(5).toString("hex")}`;
  let created = false;
  const cleanUp = async () => {
    await rm(dir, { recursive: true, force: true });
    if (created) {
      await withAdminClient((c) => c.query(`drop database if exists ${name} with (force)`)).catch((e) =>
        console.error(`could not drop ${name}: ${(e as Error).message}`),
      );
    }
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let postgres = "PostgreSQL (not run)";
  try {
    if (only.includes("pglite")) {
      // Its own data directory (and so its own session secret file and uploads), never .data/.
      runs.push(await benchDatabase("pglite", { ...common, DATABASE_URL: "", PGLITE_DATA_DIR: path.join(dir, "pglite") }, opts));
    }
    if (only.includes("postgres")) {
      await withAdminClient((c) => c.query(`create database ${name}`));
      created = true;
      postgres = await withAdminClient(async (c) => (await c.query<{ version: string }>("select version()")).rows[0].version).then((v) =>
        v.replace(/ on .*$/, "").replace(/ \(.*?\)/, ""),
      );
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      runs.push(
        await benchDatabase("postgres", { ...common, DATABASE_URL: url.toString(), PGLITE_DATA_DIR: path.join(dir, "unused") }, opts),
      );
    }
  } finally {
    await cleanUp();
  }
  const summary: PagesSummary = {
    date: new Date().toISOString().slice(0, 10),
    label: process.env.BENCH_PAGES_LABEL ?? "before (issue 8 not yet done)",
    machine: { cores: os.cpus().length, node: process.version, postgres, load, loadEnd: os.loadavg()[0] },
    opts,
    runs,
    totalSeconds: (performance.now() - started) / 1000,
  };
  printPagesTable(summary);
  const problems = runs.flatMap((r) => r.problems);
  if (process.env.BENCH_PAGES_WRITE !== "0") {
    await writeSection(DOC, pagesSection(summary), pagesHeading(opts));
    console.log(`\nwrote the "${pagesHeading(opts)}" section of ${DOC}`);
  }
  return problems.length > 0 ? 1 : 0;
}
