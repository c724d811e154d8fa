import { fmt, medianOf } from "../stats";
import { badCount, type Load } from "./load";
import type { DbRun, Options, PageResult } from "./pages";

// The page bench's stdout table and the `## Pages` section of docs/benchmarks.md.

export const PAGES_TARGET = 0.7;

/** Documents (with or without `.data`) go under "Pages"; a `.data`-only run gets its own section. */
export const pagesHeading = (opts: Options) => (opts.kinds.includes("document") ? "Pages" : "Pages: single-fetch data requests");

export type PagesSummary = {
  date: string;
  /** the results' heading, e.g. "before (issue 8 not yet done)" (BENCH_PAGES_LABEL) */
  label: string;
  machine: { cores: number; node: string; postgres: string; load: number; loadEnd: number };
  opts: Options;
  runs: DbRun[];
  totalSeconds: number;
};

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const rps = (loads: Load[]) => medianOf(loads, (l) => l.reqPerSec);
export const ratioOf = (r: PageResult) => rps(r.real) / rps(r.twin);

function rows(s: PagesSummary): string[][] {
  const header = [
    "database",
    "page",
    "who",
    "request",
    "real req/s",
    "twin req/s",
    "real / twin",
    "p95 ms real / twin",
    "non-2xx + errors",
  ];
  const out = [header];
  for (const run of s.runs) {
    for (const r of run.results) {
      const all = (loads: Load[]) => `${fmt(rps(loads), 0)} (${loads.map((l) => fmt(l.reqPerSec, 0)).join(", ")})`;
      const ratio = ratioOf(r);
      const p95 = `${fmt(
        medianOf(r.real, (l) => l.p95Ms),
        0,
      )} / ${fmt(
        medianOf(r.twin, (l) => l.p95Ms),
        0,
      )}`;
      const bad = [...r.real, ...r.twin].reduce((n, l) => n + badCount(l), 0);
      out.push([
        run.kind,
        `\`${r.path}\``,
        r.who,
        r.kind === "data" ? "`.data`" : "document",
        all(r.real),
        all(r.twin),
        `${fmt(ratio * 100, 0)} %${ratio < PAGES_TARGET ? " ✗" : ""}`,
        p95,
        String(bad),
      ]);
    }
  }
  return out;
}

export function printPagesTable(s: PagesSummary) {
  const table = rows(s).map((r) => r.map((c) => c.replace(/`/g, "")));
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  console.log("");
  for (const [i, r] of table.entries()) {
    console.log(r.map((cell, c) => cell.padEnd(widths[c])).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  for (const run of s.runs) console.log(`${run.kind}: server RSS max during the load ${mb(run.rssMax)} (process peak ${mb(run.rssPeak)})`);
  for (const run of s.runs) for (const p of run.problems) console.log(`FAIL: ${p}`);
}

export function pagesSection(s: PagesSummary): string {
  const table = rows(s).map((r) => `| ${r.join(" | ")} |`);
  table.splice(1, 0, "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
  const results = s.runs.flatMap((run) => run.results);
  const missed = results.filter((r) => ratioOf(r) < PAGES_TARGET).length;
  const problems = s.runs.flatMap((run) => run.problems);
  const { seconds, warmup, rounds, connections } = s.opts;
  return [
    `## ${pagesHeading(s.opts)}`,
    "",
    `Measured ${s.date} with \`npm run bench -- pages\` (\`bench/pages/\`), each database throw-away, migrated and seeded with the demo data.`,
    `Machine: ${s.machine.cores} cores, Node ${s.machine.node}, ${s.machine.postgres} and PGlite; ` +
      `1-minute load average ${fmt(s.machine.load, 2)} when the run started, ${fmt(s.machine.loadEnd, 2)} at its end (other work shares the machine). ` +
      `The whole run took ${fmt(s.totalSeconds / 60, 1)} min.`,
    "",
    `What is measured: requests/s of ${s.opts.kinds.map((k) => (k === "data" ? "the single-fetch data request of a client-side navigation (`<path>.data`, `/_root.data` for `/`)" : "full document GETs")).join(" and ")} ` +
      "(with the headers Chromium sends for a document: `Accept: text/html`, " +
      "`Accept-Encoding: gzip, deflate, br`, `Accept-Language: zh-CN`, a browser User-Agent so the document is streamed), " +
      `anonymous and signed in as ${"`admin@zhengjia.demo`"} (signed in once through \`POST /login\` with the server's Origin, cookie reused), ` +
      `through HTTP on 127.0.0.1, closed loop with autocannon: ${connections} connections, ${warmup} s warm-up per page and side, ` +
      `then ${rounds} rounds of ${seconds} s alternating real, twin, real, twin…; the median round is shown, every round in brackets. ` +
      "p95 is the median round's 95th percentile latency. The load generator shares the 2 cores with the server. " +
      "Knobs (environment): `BENCH_PAGES_SECONDS`, `BENCH_PAGES_WARMUP`, `BENCH_PAGES_ROUNDS`, `BENCH_PAGES_CONNECTIONS`, " +
      "`BENCH_PAGES_KINDS=document,data`, `BENCH_PAGES_DB=pglite|postgres`, `BENCH_DATABASE_URL` (the server to create the " +
      "throw-away database on), `BENCH_PAGES_LABEL` (this table's heading), `BENCH_PAGES_WRITE=0` (print only).",
    "",
    "The baseline, the **twin**: the same production build (`build/index.js`) served by the same Node process, a second " +
      "`createRequestHandler` on a second port behind the same middleware (compression, security headers and CSP nonce, CSRF, " +
      "body limit, path guard), with every route module's `loader` wrapped to keep its result in memory per " +
      "(route id, URL, Cookie, Accept-Language) after the first call (`bench/pages/twin.ts`). Same components, same " +
      "`entry.server` streaming render, same single-fetch (turbo-stream) encoding — only the data work (SQL, session and " +
      "viewer look-ups) is gone. Before measuring, the bench asserts that every page answers 200 on both sides and that " +
      "the twin's (memoised) body equals the real page's byte for byte once the per-request CSP nonces are blanked; " +
      "signed-in pages must show the sign-out form. So real / twin is the share of framework speed the page keeps: " +
      `1 − ratio is what its loaders cost. Target (issue 8, item 8): every page ≥ ${PAGES_TARGET * 100} % of its twin.`,
    "",
    `### ${s.label}`,
    "",
    ...table,
    "",
    ...s.runs.map(
      (run) =>
        `- ${run.kind}: server RSS (real + twin in one process) max during the load ${mb(run.rssMax)}, ` +
        `process peak ${mb(run.rssPeak)} (includes migrating and seeding); ready in ${fmt(run.startMs / 1000, 1)} s.`,
    ),
    "",
    `Target every page ≥ ${PAGES_TARGET * 100} % of its twin: **${missed === 0 && problems.length === 0 ? "met" : "not met"}** ` +
      `(${results.length - missed} of ${results.length} page variants at or above; ✗ marks a miss).`,
    ...(problems.length ? ["", ...problems.map((p) => `- FAIL: ${p}`)] : []),
    "",
  ].join("\n");
}
