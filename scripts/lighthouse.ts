// `npm run lighthouse`: build, serve on a throwaway database, audit three pages with
// Lighthouse (mobile, all four categories) and record the scores in docs/benchmarks.md.
// Exits non-zero only when something crashes; low scores are reported, not fatal.
// `npm run lighthouse -- --check` (CI): the existing build, `/` and `/products`,
// performance and accessibility only, each page's median of LIGHTHOUSE_RUNS (3) runs;
// exits 1 when a median is below its target. Nothing is written to the docs.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import type { Result } from "lighthouse";

const CHECK = process.argv.includes("--check");
const PAGES = CHECK ? ["/", "/products"] : ["/", "/products", "/products/zhengjia-black-fungus-250g"];
const ALL_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const CATEGORIES = CHECK ? (["performance", "accessibility"] as const) : ALL_CATEGORIES;
const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95, seo: 95 };
/**
 * What CI fails on: the median of the runs, per page. Issue 8's target is performance 95;
 * with the module preloads at low priority (app/module-preload-priority.server.ts) medians are
 * 95–99 here and single runs 93–100 at load ≈ 1 (docs/benchmarks.md "Lighthouse in CI"), so CI
 * fails below 85 (after-change runs 93–100; 85 leaves room for a busier CI machine): a real regression, not a busy machine's noise. Accessibility is at its target.
 */
const CHECK_TARGETS = { performance: 85, accessibility: 95 };
/** The goal the report prints beside each CI score. */
const GOAL = { performance: 95, accessibility: 95 };
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
// Flags from shared/STACK.md; --no-sandbox because we run as root in a container.
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const DOC = path.resolve("docs/benchmarks.md");
const HEADING = "## Lighthouse (mobile)";
const REPORTS = path.resolve("tmp/lighthouse");
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
// Why a gap stays, for audits the page markup cannot fix.
const NOTES: Record<string, string> = {
  "uses-long-cache-ttl": "server/index.ts serves public/ (images, favicon) with max-age=1h; only hashed /build assets get 1y",
};

type PageResult = { page: string; lhr: Result; perfRuns: string[] };
const pct = (lhr: Result, id: string) => {
  const s = lhr.categories[id]?.score;
  return s == null ? "n/a" : String(Math.round(s * 100));
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(base: string, server: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited early with code ${server.exitCode}`);
    // Not listening yet throws: the first start runs initdb + migrations + seed (~6 s).
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs / 1000} s`);
}

// The server runs in its own process group (npx -> tsx -> node), so signal the whole group.
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return;
  const group = -server.pid;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(group, sig);
    } catch {
      /* already gone */
    }
  };
  const exited = new Promise<void>((r) => server.once("exit", () => r()));
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Every audit Lighthouse shows as failed (score < 0.9, its pass threshold), scored or diagnostic. */
function failingAudits(page: string, lhr: Result): string[] {
  return CATEGORIES.flatMap((id) =>
    (lhr.categories[id]?.auditRefs ?? []).flatMap((ref) => {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 0.9) return [];
      if (!["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode)) return [];
      const note = NOTES[ref.id] ? ` — ${NOTES[ref.id]}` : "";
      const scored = ref.weight > 0 ? "" : " _(diagnostic, not scored)_";
      return [`- \`${page}\` · ${lhr.categories[id].title} · ${describe(audit)}${note}${scored}`];
    }),
  );
}

// One line: the audit's title, its measured value and the first offending element/URL/issue.
// The origin is dropped from URLs so the doc does not change with the random port.
function describe(audit: Result["audits"][string]): string {
  const details = audit.details as { items?: Record<string, unknown>[] } | undefined;
  const first = details?.items?.[0] ?? {};
  const node = first.node as { nodeLabel?: string } | undefined;
  const where = [node?.nodeLabel, first.url, first.description, first.issueType]
    .find((v): v is string => typeof v === "string")
    ?.replace(/^https?:\/\/localhost:\d+/, "");
  const count = details?.items?.length ?? 0;
  const value = audit.displayValue ? ` (${audit.displayValue})` : "";
  const example = where ? ` — e.g. \`${String(where).replace(/\s+/g, " ").slice(0, 80)}\`${count > 1 ? ` (+${count - 1} more)` : ""}` : "";
  return `\`${audit.id}\`: ${audit.title}${value}${example}`;
}

function renderSection(results: PageResult[], load: number): string {
  const chromium = execFileSync(CHROME_PATH, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  const lhVersion = results[0]?.lhr.lighthouseVersion ?? "?";
  const lines = [
    HEADING,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run lighthouse\` (production build, demo data, server on localhost).`,
    `Machine: ${os.cpus().length} cores (1-min load average ${load.toFixed(1)} when audits began), ${chromium} (headless=new), Lighthouse ${lhVersion}, default mobile emulation and simulated throttling.`,
    // Simulated throttling scales the CPU time it observed, so a busy machine lowers performance.
    `Each page is audited ${RUNS}× and the run with the median performance score is shown (all runs' performance in brackets).`,
    "",
    `Targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, best practices ≥ ${TARGETS["best-practices"]}, SEO ≥ ${TARGETS.seo} (✗ marks a miss).`,
    "",
    "| page | performance | accessibility | best practices | SEO |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...results.map(({ page, lhr, perfRuns }) => {
      const cells = CATEGORIES.map((c) => {
        const miss = Number(pct(lhr, c)) < TARGETS[c] ? " ✗" : "";
        const runs = c === "performance" && RUNS > 1 ? ` (${perfRuns.join(", ")})` : "";
        return pct(lhr, c) + miss + runs;
      });
      return `| \`${page}\` | ${cells.join(" | ")} |`;
    }),
    "",
    "### Gaps",
    "",
  ];
  const gaps = results.flatMap(({ page, lhr }) => [
    ...failingAudits(page, lhr),
    ...lhr.runWarnings.map((w) => `- \`${page}\` · run warning: ${w.replace(/\s+/g, " ")}`),
  ]);
  lines.push(...(gaps.length ? gaps : ["- none: every audit passes on every page."]));
  // Audits that crashed inside Lighthouse (e.g. trace-format changes in a newer Chromium).
  const errored = new Map<string, string>();
  for (const { lhr } of results) {
    for (const a of Object.values(lhr.audits)) if (a.scoreDisplayMode === "error") errored.set(a.id, a.errorMessage ?? "");
  }
  if (errored.size) {
    const sample = [...errored.values()]
      .sort((a, b) => a.length - b.length)[0]
      .replace(/\s+/g, " ")
      .slice(0, 160);
    lines.push(
      `- Lighthouse could not run ${[...errored.keys()].map((id) => `\`${id}\``).join(", ")} (tool error, not a page issue: "${sample}").`,
    );
  }
  return lines.join("\n") + "\n";
}

// Replace our section (up to the next "## " heading) and keep every other section as is.
function writeDoc(section: string): void {
  mkdirSync(path.dirname(DOC), { recursive: true });
  const doc = existsSync(DOC)
    ? readFileSync(DOC, "utf8")
    : "# Benchmarks\n\nMeasurements of Harvest Live on the project's machine; each section names the script that writes it.\n";
  const lines = doc.split("\n");
  const start = lines.findIndex((l) => l.trim() === HEADING);
  if (start === -1) return writeFileSync(DOC, doc.replace(/\n*$/, "\n\n") + section);
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  const after = end === -1 ? "" : lines.slice(end).join("\n");
  const next = [...lines.slice(0, start), section.trimEnd(), ...(after ? ["", after] : [])].join("\n");
  writeFileSync(DOC, next.replace(/\n*$/, "\n"));
}

/** CI: every page's median score per checked category against its target; 1 on a miss. */
function checkTargets(results: PageResult[]): number {
  let misses = 0;
  for (const { page, perfRuns, lhr } of results) {
    const performance = [...perfRuns].map(Number).sort((a, b) => a - b)[Math.floor(perfRuns.length / 2)];
    const accessibility = Number(pct(lhr, "accessibility"));
    for (const [category, score] of [
      ["performance", performance],
      ["accessibility", accessibility],
    ] as const) {
      const ok = score >= CHECK_TARGETS[category];
      if (!ok) misses++;
      console.log(
        `${ok ? "ok  " : "FAIL"} ${page} ${category} ${score} (CI floor ${CHECK_TARGETS[category]}, goal ${GOAL[category]}${score < GOAL[category] ? " — not reached" : ""}${category === "performance" ? `, runs ${perfRuns.join(", ")}` : ""})`,
      );
    }
    if (performance < GOAL.performance) {
      for (const gap of failingAudits(page, lhr).filter((g) => g.includes("Performance"))) console.log(`  ${gap}`);
    }
  }
  return misses ? 1 : 0;
}

async function main(): Promise<void> {
  if (!CHECK || !existsSync("build/index.js")) execFileSync("npx", ["remix", "build"], { stdio: "inherit" });

  const port = await freePort();
  const base = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "harvest-lighthouse-"));
  const server = spawn("npx", ["tsx", "server/index.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), PGLITE_DATA_DIR: path.join(dataDir, "pglite") },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // own process group, see stopServer
  });
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  // Each step may fail on its own (kill() is sync in chrome-launcher 1.x and can throw);
  // none may stop the next, or a server and its database directory would be left behind.
  const cleanup = async () => {
    await Promise.resolve()
      .then(() => chrome?.kill())
      .catch(() => undefined);
    await stopServer(server).catch((e) => console.error("stopping server:", e));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    await waitForHealthy(base, server);
    // Warm each page once so the first audit does not pay for cold query plans.
    for (const page of PAGES) await (await fetch(base + page)).arrayBuffer();

    mkdirSync(REPORTS, { recursive: true });
    chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
    const results: PageResult[] = [];
    const load = os.loadavg()[0];
    for (const page of PAGES) {
      const runs: Result[] = [];
      for (let i = 0; i < RUNS; i++) {
        const flags = { port: chrome.port, logLevel: "error" as const, onlyCategories: [...CATEGORIES] };
        const runner = await lighthouse(base + page, flags);
        if (!runner) throw new Error(`lighthouse returned nothing for ${page}`);
        if (runner.lhr.runtimeError) throw new Error(`${page}: ${runner.lhr.runtimeError.message}`);
        runs.push(runner.lhr);
        console.log(page, `run ${i + 1}/${RUNS}:`, CATEGORIES.map((c) => `${c} ${pct(runner.lhr, c)}`).join(", "));
      }
      // Performance is noisy on 2 shared cores: report the run with the median performance score.
      const sorted = [...runs].sort((a, b) => (a.categories.performance.score ?? 0) - (b.categories.performance.score ?? 0));
      const lhr = sorted[Math.floor(sorted.length / 2)];
      results.push({ page, lhr, perfRuns: runs.map((r) => pct(r, "performance")) });
      // The full median report, for digging into a gap; tmp/ is git-ignored.
      const name = page === "/" ? "home" : page.slice(1).replace(/\//g, "_");
      writeFileSync(path.join(REPORTS, `${name}.json`), JSON.stringify(lhr, null, 1));
    }
    if (CHECK) {
      process.exitCode = checkTargets(results);
      return;
    }
    const section = renderSection(results, load);
    writeDoc(section);
    console.log(`\n${section}\nwritten to ${path.relative(process.cwd(), DOC)}`);
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
