import os from "node:os";
import type { Database, Queryable } from "~/db/database.server";
import { migrate } from "~/db/migrations.server";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { withRole, type RequestIdentity } from "~/db/request-role.server";
import { listHouseholdIncome } from "~/models/dashboard/income-breakdowns.server";
import { listIncomePeriods } from "~/models/dashboard/income-report.server";
import { ids, seedDemoData } from "~/seed/seed.server";
import { benchDatabase } from "../admin-database";
import { writeSection } from "../report";
import { generateReportData } from "./data";
import { REPORTS_TARGET, benchRanges, shanghaiToday, summarise, timingTable, type CaseTiming } from "./timing";

// `npm run bench -- reports`: the income reports on BENCH_REPORTS_ITEMS order items (1M by
// default) over two years, on a throw-away database on the bench server. Each report runs
// through the app's own model function as a cooperative admin (the request's role, RLS),
// alternating with its baseline in the same run: the same statements' sums as raw SQL run
// by the connection owner (no RLS), with a covering index on the postings' dates and
// expression statistics on the Shanghai buckets (BASELINE_HELPERS). Target:
// app / baseline ≤ 1.5 for each (median of BENCH_REPORTS_RUNS).

const ITEMS = Number(process.env.BENCH_REPORTS_ITEMS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_REPORTS_RUNS ?? 15);
// Postgres considers a generic plan for a prepared statement from the sixth run
const WARM_UP = Number(process.env.BENCH_REPORTS_WARMUP ?? 6);
const DOC = "docs/benchmarks.md";
const HEADING = "Reports";
const COOP = "daguliu";
const ADMIN: RequestIdentity = { role: "authenticated", userId: ids.user(`admin@${COOP}.demo`) };

type Statement = { sql: string; params: unknown[] };
type Case = { name: string; run: (tx: Queryable) => Promise<unknown> };

function cases(today: string): Case[] {
  const coop = ids.cooperative(COOP);
  const { years, thisYear } = benchRanges(today);
  return [
    { name: `yearly (${years.from} to ${years.to}, by year)`, run: (tx) => listIncomePeriods(tx, coop, years, "year") },
    { name: `monthly (${thisYear.from} to ${thisYear.to}, by month)`, run: (tx) => listIncomePeriods(tx, coop, thisYear, "month") },
    { name: `per household (${thisYear.from} to ${thisYear.to})`, run: (tx) => listHouseholdIncome(tx, coop, thisYear, "zh-CN") },
  ];
}

/** The statements a model function sends, recorded as it runs. */
function recording(tx: Queryable, into: Statement[]): Queryable {
  return {
    query: (sql, params) => {
      into.push({ sql, params: params ?? [] });
      return tx.query(sql, params);
    },
    exec: (sql) => tx.exec(sql),
  };
}

// What the best hand-written plan for a date range uses: a covering index on the postings'
// dates and statistics on the Shanghai day bucket. Since migration 20261204140000 the schema
// has both (so the app's path has them too); these are no-ops then, kept for older schemas.
const BASELINE_HELPERS = [
  "create index if not exists ledger_postings_created_idx on public.ledger_postings (created_at) include (kind, order_id)",
  `create statistics if not exists public.ledger_postings_shanghai_day_stats
     on (date_trunc('day', created_at at time zone 'Asia/Shanghai')) from public.ledger_postings`,
  "analyze public.ledger_postings",
];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function measure(db: Database, c: Case): Promise<CaseTiming> {
  const statements: Statement[] = [];
  await withRole(db, ADMIN, (tx) => c.run(recording(tx, statements)));
  // The baseline: the same sums by the connection owner, under texts of its own (each side keeps its plans).
  const baseline = async () => {
    const out: unknown[] = [];
    for (const s of statements) out.push((await db.query(`${s.sql}\n-- bench: baseline`, s.params)).rows);
    return out;
  };
  const baselineRows = await baseline();
  const appStatementRows: unknown[] = [];
  await withRole(db, ADMIN, async (tx) => {
    for (const s of statements) appStatementRows.push((await tx.query(s.sql, s.params)).rows);
  });
  if (JSON.stringify(appStatementRows) !== JSON.stringify(baselineRows))
    throw new Error(`${c.name}: the admin's sums differ from the owner's`);
  const app: number[] = [];
  const base: number[] = [];
  const runApp = async () => app.push(await time(() => withRole(db, ADMIN, c.run)));
  const runBase = async () => base.push(await time(baseline));
  for (let i = 0; i < WARM_UP; i++) {
    await withRole(db, ADMIN, c.run);
    await baseline();
  }
  app.length = 0;
  base.length = 0;
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    for (const side of i % 2 === 0 ? [runApp, runBase] : [runBase, runApp]) await side();
  }
  const t = summarise(c.name, app, base);
  console.log(`${c.name}: app ${t.appMs.toFixed(1)} ms, baseline ${t.baselineMs.toFixed(1)} ms, ${t.ratio.toFixed(2)}×`);
  return t;
}

export async function runReportsBench(): Promise<number> {
  const bench = benchDatabase("harvest_bench_reports");
  const onSignal = () => void bench.drop().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  await bench.create();
  const db = postgresDatabase(bench.url, { max: 2 });
  try {
    const { rows } = await db.query<{ v: string }>("select split_part(version(), ' ', 2) as v");
    console.log(`reports bench: migrating and seeding ${bench.name}…`);
    await migrate(db);
    await seedDemoData(db);
    const loadBefore = os.loadavg()[0];
    const started = performance.now();
    console.log(`generating ${ITEMS} order items over two years…`);
    await generateReportData(db, ITEMS);
    const generationS = (performance.now() - started) / 1000;
    const size = (
      await db.query<{ items: number; lines: number; postings: number; refunds: number; bytes: string }>(
        `select (select count(*)::int from public.order_items) as items, (select count(*)::int from public.ledger_lines) as lines,
                (select count(*)::int from public.ledger_postings) as postings,
                (select count(*)::int from public.ledger_postings where kind = 'refund') as refunds,
                pg_size_pretty(pg_database_size(current_database())) as bytes`,
      )
    ).rows[0];
    console.log(`generated in ${generationS.toFixed(0)} s: ${JSON.stringify(size)}`);
    for (const sql of BASELINE_HELPERS) await db.exec(sql);
    const timings: CaseTiming[] = [];
    for (const c of cases(shanghaiToday())) timings.push(await measure(db, c));
    const loadAfter = os.loadavg()[0];
    const section = [
      `## ${HEADING}`,
      "",
      `\`npm run bench -- reports\` (bench/reports/), ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, ` +
        `Node ${process.version}, Postgres ${rows[0].v}, load average ${loadBefore.toFixed(2)} before generating and ` +
        `${loadAfter.toFixed(2)} after measuring (other workers share the machine). Data: ${size.items.toLocaleString("en")} order ` +
        `items over two years across the six cooperatives (${size.postings.toLocaleString("en")} postings of which ` +
        `${size.refunds.toLocaleString("en")} refunds, ${size.lines.toLocaleString("en")} ledger lines, database ${size.bytes}), ` +
        `generated with set-based SQL in ${generationS.toFixed(0)} s (BENCH_REPORTS_ITEMS). ${COOP}'s admin, median of ${RUNS} ` +
        `runs each after ${WARM_UP} warm-ups, app and baseline alternating.`,
      "",
      ...timingTable(timings),
      "",
    ].join("\n");
    await writeSection(DOC, section, HEADING);
    console.log(`\nwrote the "${HEADING}" section of ${DOC}`);
    // the target only reports (the machine is shared); a wrong sum has already thrown
    if (!timings.every((t) => t.ratio <= REPORTS_TARGET)) console.log(`a report missed the ${REPORTS_TARGET}× target`);
    return 0;
  } finally {
    await db.close().catch(() => undefined);
    // BENCH_REPORTS_KEEP=on leaves the database for EXPLAIN (drop it by hand)
    if (process.env.BENCH_REPORTS_KEEP === "on") console.log(`kept ${bench.url}`);
    else await bench.drop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
