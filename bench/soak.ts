import autocannon from "autocannon";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { BROWSER_HEADERS } from "./pages/load";
import { ask, startServer, stopServer } from "./pages/pages";
import { writeSection } from "./report";
import { fmt } from "./stats";
import { ADMIN_URL, withAdminClient } from "./admin-database";

// `npm run bench -- soak`: 200 browsing sessions at once for 60 s against the production
// build (the page bench's server, real side only), 0 errors allowed. Each autocannon
// connection is one browser session walking, again and again: the home document, then
// client-side navigations as single-fetch data requests (/products, a product, a
// cooperative), and a document load of the cooperative page. Every other session is a
// shopper: its first walk adds the product to its cart (POST, with the site's Origin),
// which issues the visitor cookie it then sends on every request, as a browser does;
// later walks look at the cart instead. Knobs: BENCH_SOAK_SESSIONS, BENCH_SOAK_SECONDS,
// BENCH_SOAK_DB=pglite|postgres, BENCH_DATABASE_URL, BENCH_PAGES_WRITE=0 (print only).

const DOC = "docs/benchmarks.md";
const HEADING = "Soak";
const SESSIONS = Number(process.env.BENCH_SOAK_SESSIONS ?? 200);
const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
// A request still unanswered after this long counts as an error (a browser waits minutes).
const TIMEOUT_SECONDS = 60;
const PRODUCT = "zhengjia-black-fungus-250g";
const COOP = "zhengjia";

type Session = { id?: number; shopper?: boolean; cookie?: string; added?: boolean };
type Step = { path: string; data: boolean };
const WALK: Step[] = [
  { path: "/", data: false },
  { path: "/products.data", data: true },
  { path: `/products/${PRODUCT}.data`, data: true },
  { path: "/cart", data: false }, // the shopper's add-to-cart (first walk) or cart view
  { path: `/coops/${COOP}.data`, data: true },
  { path: `/coops/${COOP}`, data: false },
];

async function productId(origin: string): Promise<string> {
  const html = await (await fetch(`${origin}/products/${PRODUCT}`, { headers: BROWSER_HEADERS })).text();
  const id = /name="productId" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error(`no add-to-cart form on /products/${PRODUCT}`);
  return id;
}

type SoakResult = {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  walks: number;
  bad: Record<string, number>;
  shoppersWithCookie: number;
  rssMax: number;
  rssPeak: number;
};

function soak(origin: string, product: string): Promise<SoakResult> {
  let nextId = 0;
  const bad: Record<string, number> = {};
  const sessions = new Set<Session>();
  let walks = 0;
  const requests: autocannon.Request[] = WALK.map((step, index) => ({
    method: "GET",
    path: step.path,
    setupRequest: (request, context: Session) => {
      if (context.id === undefined) {
        context.id = nextId++;
        context.shopper = context.id % 2 === 0;
        sessions.add(context);
      }
      if (index === 0) walks++;
      const headers: Record<string, string> = { ...BROWSER_HEADERS };
      if (step.data) headers.accept = "*/*";
      if (context.cookie) headers.cookie = context.cookie;
      if (step.path === "/cart") {
        if (!context.shopper) return { ...request, path: "/products", headers };
        if (!context.added) {
          context.added = true;
          return {
            ...request,
            method: "POST",
            headers: { ...headers, origin, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ intent: "add", productId: product, quantity: "1" }).toString(),
          };
        }
      }
      return { ...request, headers };
    },
    onResponse: (status, _body, context: Session, headers) => {
      const setCookie = headers?.["set-cookie"];
      const cookies = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => String(c).split(";")[0]);
      if (cookies.length) context.cookie = [context.cookie, ...cookies].filter(Boolean).join("; ");
      if (status >= 400) bad[String(status)] = (bad[String(status)] ?? 0) + 1;
    },
  }));
  return new Promise((resolve, reject) => {
    autocannon({ url: origin, connections: SESSIONS, duration: SECONDS, timeout: TIMEOUT_SECONDS, requests }, (error, result) => {
      if (error) return reject(error);
      if (result.errors) bad.socketErrors = result.errors;
      if (result.timeouts) bad.timeouts = result.timeouts;
      // 3xx (the no-JS add-to-cart redirect) is a normal answer; 4xx/5xx are counted above.
      resolve({
        requests: result.requests.total,
        reqPerSec: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        walks,
        bad,
        shoppersWithCookie: [...sessions].filter((s) => s.shopper && s.cookie?.includes("hl_visitor=")).length,
        rssMax: 0,
        rssPeak: 0,
      });
    });
  });
}

function section(db: string, r: SoakResult, load: number): string {
  const errors = Object.values(r.bad).reduce((a, b) => a + b, 0);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  return [
    `## ${HEADING}`,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- soak\` (\`bench/soak.ts\`) on ${db}, throw-away database with the demo data. ` +
      `Machine: ${os.cpus().length} cores, Node ${process.version}; 1-minute load average ${fmt(load, 2)} when it started (other work shares the machine).`,
    "",
    `What runs: ${SESSIONS} browsing sessions at once for ${SECONDS} s (autocannon, one connection per session, closed loop). ` +
      "Each session walks `/` (document), `/products.data`, `/products/" +
      PRODUCT +
      ".data`, the cart step, `/coops/" +
      COOP +
      ".data`, `/coops/" +
      COOP +
      "` (document), and again. " +
      `A request unanswered after ${TIMEOUT_SECONDS} s counts as an error. ` +
      "Every other session is a shopper whose first walk adds the product to its cart (POST with the site's Origin) and then sends the visitor cookie it got on every request, as a browser does (its pages are private, not shared-cacheable); later walks view `/cart`. Browser headers (`Accept-Encoding: gzip, deflate, br`, `Accept-Language: zh-CN`).",
    "",
    "| sessions | seconds | requests | req/s | walks started | latency p50 / p99 / max ms | shopper connections holding a visitor cookie | errors (4xx/5xx, socket, timeouts) | server RSS max |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${SESSIONS} | ${SECONDS} | ${r.requests} | ${fmt(r.reqPerSec, 0)} | ${r.walks} | ${r.p50} / ${r.p99} / ${r.max} | ${r.shoppersWithCookie} | ${errors}${errors ? ` ${JSON.stringify(r.bad)}` : ""} | ${mb(r.rssMax)} |`,
    "",
    `Target (issue 8): 0 errors — **${errors === 0 ? "met" : "not met"}**.`,
    "",
  ].join("\n");
}

export async function runSoakBench(): Promise<number> {
  if (!existsSync("build/index.js")) {
    console.error("soak bench: build/index.js is missing; run npm run build first");
    return 1;
  }
  const db = process.env.BENCH_SOAK_DB === "postgres" ? "postgres" : "pglite";
  const dir = await mkdtemp(path.join(os.tmpdir(), "harvest-bench-soak-"));
  const name = `harvest_bench_soak_${randomBytes(5).toString("hex")}`;
  const env: Record<string, string> = {
    NODE_ENV: "production",
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    DEMO_DATA: "on",
    PUBLIC_BASE_URL: "",
    PGLITE_DATA_DIR: path.join(dir, "pglite"),
    DATABASE_URL: "",
  };
  if (db === "postgres") {
    await withAdminClient((c) => c.query(`create database ${name}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  }
  try {
    const server = await startServer(env);
    try {
      const origin = `http://127.0.0.1:${server.realPort}`;
      const product = await productId(origin);
      const load = os.loadavg()[0];
      server.child.send({ type: "reset-rss" });
      console.log(`[soak] ${SESSIONS} sessions for ${SECONDS} s on ${db} (${origin})…`);
      const result = await soak(origin, product);
      const stats = await ask(server, { type: "stats" });
      result.rssMax = stats.rssMax;
      result.rssPeak = stats.rssPeak;
      const text = section(db, result, load);
      console.log(text);
      if (process.env.BENCH_PAGES_WRITE !== "0") await writeSection(DOC, text, HEADING);
      return Object.values(result.bad).some((n) => n > 0) ? 1 : 0;
    } finally {
      await stopServer(server);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    if (db === "postgres") await withAdminClient((c) => c.query(`drop database if exists ${name} with (force)`)).catch(() => undefined);
  }
}
