import os from "node:os";
import type { Database, Queryable } from "~/db/database.server";
import { migrate, readMigrationFiles } from "~/db/migrations.server";
import { openPglite } from "~/db/pglite-adapter.server";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { asServiceRole, withRole, type RequestIdentity } from "~/db/request-role.server";
import { listCoopOrders } from "~/models/dashboard/orders.server";
import { searchProducts } from "~/models/product.server";
import { ids, seedDemoData } from "~/seed/seed.server";
import { median } from "../stats";
import { writeSection } from "../report";
import { generateOrders } from "./orders-data";
import { ADMIN_URL, withAdminClient } from "../admin-database";

// `npm run bench -- rls`: what row level security costs on 100k orders. The admin orders
// page (listCoopOrders) as a cooperative admin and the anonymous catalogue (searchProducts)
// as anon, each beside the same code as service_role (RLS bypassed), in one run: first
// with the policies as the migrations before the one under test (BENCH_RLS_MIGRATION, by
// default the latest policy rewrite) left them, then after it. The seed needs every table
// the migrations before it create, so "before" can only go back to a migration newer than
// the seed's last table. Target: role / service_role ≤ 1.2. Postgres server always; PGlite
// unless BENCH_RLS_PGLITE=off.

const ORDERS = Number(process.env.BENCH_RLS_ORDERS ?? 100_000);
// Many samples: a catalogue load is a few ms, and on a shared machine one side of a few dozen
// can land on a busy second (the same policies measured 0.65× and 1.50× at 40).
const ITERATIONS = Number(process.env.BENCH_RLS_ITERATIONS ?? 150);
const POLICIES_MIGRATION = process.env.BENCH_RLS_MIGRATION ?? "20261203150000";
export const RLS_TARGET = 1.2;
const DOC = "docs/benchmarks.md";
const HEADING = "RLS cost (100k orders)";

type Case = { name: string; as: RequestIdentity; run: (tx: Queryable) => Promise<unknown[]> };
type Timing = { name: string; roleMs: number; serviceMs: number; ratio: number; samples: number; timedOut: boolean };
type EngineResult = { engine: string; before: Timing[] | null; after: Timing[]; setupS: number };

const ZHENGJIA = ids.cooperative("zhengjia");
const CASES: Case[] = [
  {
    name: "admin orders page (cooperative admin)",
    as: { role: "authenticated", userId: ids.user("admin@zhengjia.demo") },
    run: (tx) => listCoopOrders(tx, ZHENGJIA, "zh-CN"),
  },
  { name: "catalogue (anon)", as: { role: "anon" }, run: (tx) => searchProducts(tx, {}, "zh-CN") },
];

const WARM_UP = 6;

/** The same statements under texts only this side uses (a trailing comment). */
function ownTexts(tx: Queryable): Queryable {
  return {
    query: (sql, params) => tx.query(`${sql}\n-- bench: service_role`, params),
    exec: (sql) => tx.exec(sql),
  };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

type Budget = { timeoutMs: number; budgetMs: number; checkRows: boolean };
const AFTER: Budget = { timeoutMs: 60_000, budgetMs: 60_000, checkRows: true };
// Policies that take seconds per page are cut at 30 s after a few samples.
const BEFORE: Budget = { timeoutMs: 30_000, budgetMs: 60_000, checkRows: true };

export async function measure(db: Database, budget: Budget = AFTER): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (const c of CASES) {
    const run = async (tx: Queryable) => {
      await tx.exec(`set local statement_timeout = ${budget.timeoutMs}`);
      return c.run(tx);
    };
    const asRole = () => withRole(db, c.as, run);
    // The service_role side runs the same statements under texts of its own. Both adapters
    // prepare a repeated text once per connection (app/db/prepared-statements.server.ts),
    // and Postgres re-plans a prepared statement whenever it runs under another role than
    // the one it was planned for (RLS). The app never runs these pages' texts as
    // service_role, so sharing texts would make the role side re-plan on every load, which
    // the app does not: each side keeps its own plans, as a page's connection does.
    const asService = () => asServiceRole(db, (tx) => run(ownTexts(tx)));
    // Same rows either way for the orders page (the query names the cooperative): the
    // policies must not hide what the admin has to see.
    if (budget.checkRows && c.as.role === "authenticated" && JSON.stringify(await asRole()) !== JSON.stringify(await asService())) {
      throw new Error(`${c.name}: the admin sees other rows than service_role`);
    }
    const role: number[] = [];
    const service: number[] = [];
    let timedOut = false;
    const started = performance.now();
    // Warm both sides: the buffer cache, and the statements prepared and past the first
    // plans (Postgres considers a generic plan from the sixth run on).
    for (let i = 0; i < WARM_UP && performance.now() - started < budget.budgetMs; i++) {
      await asService();
      await asRole().catch(() => undefined);
    }
    for (let i = 0; i < ITERATIONS && (i < 2 || performance.now() - started < budget.budgetMs); i++) {
      // Alternate which goes first, so neither always runs on a warmer cache.
      const sides = [
        async () => {
          try {
            role.push(await time(asRole));
          } catch {
            timedOut = true;
            role.push(budget.timeoutMs);
          }
        },
        async () => service.push(await time(asService)),
      ];
      for (const side of i % 2 === 0 ? sides : sides.reverse()) await side();
    }
    const roleMs = median(role);
    const serviceMs = median(service);
    timings.push({ name: c.name, roleMs, serviceMs, ratio: roleMs / serviceMs, samples: role.length, timedOut });
  }
  return timings;
}

async function scenario(engine: string, db: Database, withBefore: boolean): Promise<EngineResult> {
  const started = performance.now();
  const files = await readMigrationFiles();
  await migrate(
    db,
    files.filter((f) => f.version < POLICIES_MIGRATION),
  );
  await seedDemoData(db);
  console.log(`${engine}: generating ${ORDERS} orders…`);
  await generateOrders(db, ORDERS);
  const setupS = (performance.now() - started) / 1000;
  console.log(`${engine}: ready in ${setupS.toFixed(0)} s${withBefore ? `; measuring the policies before ${POLICIES_MIGRATION}` : ""}`);
  const before = withBefore ? await measure(db, BEFORE) : null;
  await migrate(db, files);
  await db.exec("analyze");
  console.log(`${engine}: measuring after`);
  const after = await measure(db);
  return { engine, before, after, setupS };
}

async function onPostgres(): Promise<EngineResult> {
  const name = `harvest_bench_rls_${Math.floor(Date.now() / 1000)}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await withAdminClient((c) => c.query(`create database ${name}`));
  const drop = () => withAdminClient((c) => c.query(`drop database if exists ${name} with (force)`));
  const onSignal = () => void drop().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const db = postgresDatabase(url.toString(), { max: 2 });
  try {
    const { rows } = await db.query<{ v: string }>("select split_part(version(), ' ', 2) as v");
    return await scenario(`Postgres ${rows[0].v}`, db, true);
  } finally {
    await db.close().catch(() => undefined);
    await drop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function onPglite(): Promise<EngineResult> {
  const db = await openPglite(undefined); // in memory: nothing to clean up
  try {
    // PGlite has no statement timeout to cut a slow page short: BENCH_RLS_PGLITE_BEFORE=off
    // skips "before" when the migration under test is an old one (20261202020000: minutes).
    return await scenario("PGlite 0.5.14", db, process.env.BENCH_RLS_PGLITE_BEFORE !== "off");
  } finally {
    await db.close();
  }
}

const fmt = (n: number) => n.toFixed(2);
const mark = (ratio: number) => (ratio <= RLS_TARGET ? "✓" : "✗");

function cell(t: Timing | undefined): [string, string] {
  if (!t) return ["not measured", "—"];
  const role = t.timedOut ? `> ${(t.roleMs / 1000).toFixed(0)} s (cut)` : fmt(t.roleMs);
  return [`${role} / ${fmt(t.serviceMs)} (n=${t.samples})`, `${t.timedOut ? "> " : ""}${t.ratio.toFixed(2)}× ${mark(t.ratio)}`];
}

function table(results: EngineResult[]): string[] {
  const lines = [
    "| engine | query | before: as role / service_role (ms) | before ratio | after: as role / service_role (ms) | after ratio |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of results) {
    r.after.forEach((a, i) => {
      const [b1, b2] = cell(r.before?.[i]);
      const [a1, a2] = cell(a);
      lines.push(`| ${r.engine} | ${a.name} | ${b1} | ${b2} | ${a1} | ${a2} |`);
    });
  }
  return lines;
}

function section(results: EngineResult[]): string {
  return [
    `## ${HEADING}`,
    "",
    `\`npm run bench -- rls\` (bench/rls/), ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, Node ${process.version}, ` +
      `load ${os.loadavg()[0].toFixed(2)} at the end. ${ORDERS.toLocaleString("en")} paid orders (1–2 items each, a payment posting each) ` +
      `over the demo catalogue, generated with set-based SQL; median of ${ITERATIONS} page loads per side, the two sides alternating. ` +
      `Each load is one transaction that sets the role (and claims) and runs the page's statements: the orders page's three ` +
      `(orders, items, split from the ledger) for zhengjia's admin, the catalogue's one as anon; each side under statement texts ` +
      `of its own, prepared as the app prepares them, after ${WARM_UP} warm-up loads. "before" = the policies as ` +
      `the migrations before ${POLICIES_MIGRATION} left them, "after" = with migration ${POLICIES_MIGRATION}, ` +
      `measured on the same data in the same run. Target: ≤ ${RLS_TARGET}× service_role.`,
    "",
    ...table(results),
    "",
    // What dominates and what is next lives in its own section, "RLS cost: reading the
    // numbers", written by hand from EXPLAIN ANALYZE; a rerun leaves it alone.
  ].join("\n");
}

export async function runRlsBench(): Promise<number> {
  const results: EngineResult[] = [await onPostgres()];
  if (process.env.BENCH_RLS_PGLITE !== "off") results.push(await onPglite());
  console.log("");
  for (const line of table(results)) console.log(line);
  await writeSection(DOC, section(results), HEADING);
  console.log(`\nwrote the "${HEADING}" section of ${DOC}`);
  return 0;
}
