import { randomBytes } from "node:crypto";
import os from "node:os";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { migrate } from "~/db/migrations.server";
import { seedDemoData } from "~/seed/seed.server";
import { prepareBuyers, problemsOf, runBaseline, runOurs, warmPool, type BaselineRound, type OursRound } from "./flash-sale";
import { costSentence, phaseLines, serialProbe } from "./profile";
import { runPagesBench } from "./pages/main";
import { runRlsBench } from "./rls/main";
import { runReportsBench } from "./reports/main";
import { runSoakBench } from "./soak";
import { runFanoutBench } from "./fanout/main";
import { runFlashHttpBench } from "./flash-http/main";
import { runTtffBench } from "./ttff/main";
import { markdownSection, printTable, writeSection, type Summary } from "./report";
import { ADMIN_URL, withAdminClient } from "./admin-database";

// `npm run bench`: the flash-sale benchmark (see docs/benchmarks.md, "Flash sale"), then
// the page benchmark (bench/pages/, "Pages"), then the RLS cost on 100k orders (bench/rls/,
// "RLS cost"), then the SSE fan-out (bench/fanout/, "Pin fan-out (SSE)"), then the flash sale
// through HTTP (bench/flash-http/, "Flash sale through HTTP"), then the live page's time to
// first frame against a bare hls.js page (bench/ttff/, "Live page: time to first frame").
// `npm run bench -- flash-sale`, `-- pages`, `-- rls`, `-- fanout`, `-- flash-http` or `-- ttff`
// runs one of them;
// `npm run bench -- reports` runs the income reports on 1M order items (bench/reports/,
// "Reports"; BENCH_REPORTS_ITEMS), which a bare `npm run bench` also skips (minutes of data);
// `npm run bench -- soak` runs the soak (200 browsing sessions for 60 s, bench/soak.ts),
// which a bare `npm run bench` skips.
// Creates its own database on BENCH_DATABASE_URL's server and always drops it.
// Exit code 1 if any round oversold, errored or lost stock; the speed target only reports.

const POOL = Number(process.env.BENCH_POOL ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DOC = "docs/benchmarks.md";

async function main(): Promise<number> {
  const name = `harvest_bench_${randomBytes(5).toString("hex")}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await withAdminClient((c) => c.query(`create database ${name}`));
  // An interrupted run still drops its database. The busy connections that FORCE ends
  // then error out; that is expected while exiting and must not crash the clean-up.
  const dropOnSignal = () => {
    console.error(`interrupted: dropping ${name}`);
    interrupted = true;
    process.on("uncaughtException", () => undefined);
    void drop(name, false).finally(() => process.exit(130));
  };
  process.once("SIGINT", dropOnSignal);
  process.once("SIGTERM", dropOnSignal);

  const db = postgresDatabase(url.toString(), { max: POOL });
  try {
    console.log(`bench database ${name}: migrating and seeding…`);
    await migrate(db);
    await seedDemoData(db);
    const { rows } = await db.query<{ version: string }>("select version()");
    const postgres = rows[0].version.replace(/ on .*$/, "").replace(/ \(.*?\)/, "");

    // Other work on the machine skews the numbers: record how busy it was.
    const load = os.loadavg()[0];
    await warmPool(db, POOL);
    const ours: OursRound[] = [];
    const baseline: BaselineRound[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which side goes first, so neither always runs on a warmer server.
      const visitors = await prepareBuyers(db, round);
      const runOursRound = async () => {
        const r = await runOurs(db, visitors);
        ours.push(r);
        console.log(
          `round ${round} ours:     ${r.wallMs.toFixed(0)} ms, ${r.ordered} ordered, ${r.soldOut} sold out, ${r.errors.length} errors`,
        );
      };
      const runBaseRound = async () => {
        const r = await runBaseline(db);
        baseline.push(r);
        console.log(`round ${round} baseline: ${r.wallMs.toFixed(0)} ms, ${r.decremented} decremented`);
      };
      if (round % 2 === 1) {
        await runOursRound();
        await runBaseRound();
      } else {
        await runBaseRound();
        await runOursRound();
      }
    }

    const serial = await serialProbe(db);
    const summary: Summary = {
      date: new Date().toISOString().slice(0, 10),
      machine: { cores: os.cpus().length, node: process.version, postgres, load },
      pool: POOL,
      rounds: ROUNDS,
      ours,
      baseline,
      problems: ours.flatMap((r, i) => problemsOf(r, i + 1)),
      costNote: costSentence(ours, baseline, serial, os.cpus().length),
      phases: phaseLines(ours, baseline, serial),
    };
    console.log("");
    printTable(summary);
    await writeSection(DOC, markdownSection(summary));
    console.log(`\nwrote the "Flash sale" section of ${DOC}`);
    return summary.problems.length > 0 ? 1 : 0;
  } finally {
    await db.close().catch(() => undefined);
    await drop(name);
  }
}

let interrupted = false;

async function drop(name: string, letClientsGo = true) {
  await withAdminClient(async (c) => {
    // pool.end() resolves before its sockets close; let them go so FORCE has nobody to kill.
    for (let waited = 0; letClientsGo && waited < 2000; waited += 50) {
      const { rows } = await c.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await c.query(`drop database if exists ${name} with (force)`);
  }).catch((e) => console.error(`could not drop ${name}: ${(e as Error).message}`));
}

async function runAll(): Promise<number> {
  const which = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const known = ["flash-sale", "pages", "rls", "fanout", "flash-http", "ttff", "soak", "reports"];
  const unknown = which.filter((w) => !known.includes(w));
  if (unknown.length) {
    console.error(`unknown bench ${unknown.join(", ")}: use ${known.join(", ")}`);
    return 2;
  }
  const wanted = (name: string) => which.length === 0 || which.includes(name);
  let code = 0;
  if (wanted("flash-sale")) code = Math.max(code, await main());
  if (wanted("pages")) code = Math.max(code, await runPagesBench());
  if (wanted("rls")) code = Math.max(code, await runRlsBench());
  if (wanted("fanout")) code = Math.max(code, await runFanoutBench());
  if (wanted("flash-http")) code = Math.max(code, await runFlashHttpBench());
  if (wanted("ttff")) code = Math.max(code, await runTtffBench());
  if (which.includes("reports")) code = Math.max(code, await runReportsBench());
  if (which.includes("soak")) code = Math.max(code, await runSoakBench());
  return code;
}

runAll().then(
  (code) => process.exit(code),
  (error) => {
    if (interrupted) return; // the signal handler exits once the database is gone
    console.error(error);
    process.exit(1);
  },
);
