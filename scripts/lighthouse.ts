// `npm run lighthouse`: build, serve on a throwaway database, audit three pages with
// Lighthouse (mobile, all four categories) and record the scores in docs/benchmarks.md.
// Exits non-zero only when something crashes; low scores are reported, not fatal.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import type { Result } from "lighthouse";

const PAGES = ["/", "/products", "/products/zhengjia-black-fungus-250g"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const TARGETS: Record<(typeof CATEGORIES)[number], number> = {
  performance: 95,
  accessibility: 100,
  "best-practices": 95,
  seo: 95,
};
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
// Flags from shared/STACK.md; --no-sandbox because we run as root in a container.
const CHROME_FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const DOC = path.resolve("docs/benchmarks.md");
const HEADING = "## Lighthouse (mobile)";
const REPORTS = path.resolve("tmp/lighthouse");

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
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet (first start runs initdb + migrations + seed, ~6 s)
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs / 1000} s`);
}

// The server runs in its own process group (npx -> tsx -> node), so signal the whole group.
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return;
  const exited = new Promise<void>((r) => server.once("exit", () => r()));
  process.kill(-server.pid, "SIGTERM");
  const timer = setTimeout(() => server.pid && process.kill(-server.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Audits that count against a category score: weighted (or in a scored group) and not passing. */
function failingAudits(lhr: Result): { category: string; line: string }[] {
  const out: { category: string; line: string }[] = [];
  const seen = new Set<string>();
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || seen.has(ref.id) || audit.score === null) continue;
      if (!["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode)) continue;
      if (audit.score >= 0.9) continue; // Lighthouse's own pass threshold
      seen.add(ref.id);
      out.push({ category: lhr.categories[id].title, line: describe(audit) });
    }
  }
  return out;
}

// One line: the audit's title, its measured value and the first offending element/URL.
function describe(audit: Result["audits"][string]): string {
  const details = audit.details as { items?: Record<string, unknown>[] } | undefined;
  const first = details?.items?.[0];
  const node = first?.node as { snippet?: string; nodeLabel?: string } | undefined;
  const where = node?.nodeLabel ?? (typeof first?.url === "string" ? first.url : undefined) ??
    (typeof first?.description === "string" ? first.description : undefined);
  const count = details?.items?.length ?? 0;
  const value = audit.displayValue ? ` (${audit.displayValue})` : "";
  const example = where ? ` — e.g. \`${String(where).replace(/\s+/g, " ").slice(0, 80)}\`${count > 1 ? ` (+${count - 1} more)` : ""}` : "";
  return `\`${audit.id}\`: ${audit.title}${value}${example}`;
}

function renderSection(results: { page: string; lhr: Result }[]): string {
  const score = (lhr: Result, id: string) => {
    const s = lhr.categories[id]?.score;
    return s === null || s === undefined ? "n/a" : String(Math.round(s * 100));
  };
  const chromium = execFileSync(CHROME_PATH, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  const lhVersion = results[0]?.lhr.lighthouseVersion ?? "?";
  const lines = [
    HEADING,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run lighthouse\` (production build, demo data, server on localhost).`,
    `Machine: ${os.cpus().length} cores, ${chromium} (headless=new), Lighthouse ${lhVersion}, default mobile emulation and simulated throttling.`,
    "",
    `Targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, best practices ≥ ${TARGETS["best-practices"]}, SEO ≥ ${TARGETS.seo}.`,
    "",
    "| page | performance | accessibility | best practices | SEO |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...results.map(({ page, lhr }) => `| \`${page}\` | ${CATEGORIES.map((c) => score(lhr, c)).join(" | ")} |`),
    "",
    "### Gaps",
    "",
  ];
  let gaps = 0;
  for (const { page, lhr } of results) {
    for (const gap of failingAudits(lhr)) {
      lines.push(`- \`${page}\` · ${gap.category} · ${gap.line}`);
      gaps++;
    }
    for (const warning of lhr.runWarnings) lines.push(`- \`${page}\` · run warning: ${warning.replace(/\s+/g, " ")}`);
  }
  if (gaps === 0) lines.push("- none: every scored audit passes on every page.");
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
  let next;
  if (start === -1) {
    next = doc.replace(/\n*$/, "\n\n") + section;
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end === -1) end = lines.length;
    const after = lines.slice(end).join("\n");
    next = [...lines.slice(0, start), section.trimEnd(), ...(after ? ["", after] : [])].join("\n");
  }
  writeFileSync(DOC, next.replace(/\n*$/, "\n"));
}

async function main(): Promise<void> {
  execFileSync("npx", ["remix", "build"], { stdio: "inherit" });

  const port = await freePort();
  const base = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "harvest-lighthouse-"));
  const server = spawn("npx", ["tsx", "server/index.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), PGLITE_DATA_DIR: dataDir },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // own process group, see stopServer
  });
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const cleanup = async () => {
    try {
      await chrome?.kill(); // returns void in chrome-launcher 1.x, a promise in older ones
    } catch {
      // already gone
    }
    await stopServer(server);
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
    const results: { page: string; lhr: Result }[] = [];
    for (const page of PAGES) {
      const runner = await lighthouse(base + page, {
        port: chrome.port,
        logLevel: "error",
        output: "json",
        onlyCategories: [...CATEGORIES],
      });
      if (!runner) throw new Error(`lighthouse returned nothing for ${page}`);
      if (runner.lhr.runtimeError) throw new Error(`${page}: ${runner.lhr.runtimeError.message}`);
      results.push({ page, lhr: runner.lhr });
      // Full reports for digging into a gap; tmp/ is git-ignored.
      writeFileSync(path.join(REPORTS, `${page === "/" ? "home" : page.slice(1).replace(/\//g, "_")}.json`), runner.report as string);
      console.log(page, CATEGORIES.map((c) => `${c} ${Math.round((runner.lhr.categories[c]?.score ?? 0) * 100)}`).join(", "));
    }
    const section = renderSection(results);
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
