import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BROWSER_HEADERS, badCount, runLoad, type Load } from "./load";
import type { FromServer, ToServer } from "./server";

// One database's half of the page bench: fork server.ts (real + twin in one process),
// sign in, check every page renders the same on both, then load each page set —
// warm-up, then real and twin rounds alternating — one load at a time.

export type Who = "anonymous" | "signed in";
export type Kind = "document" | "data";
export type PageResult = { page: string; path: string; who: Who; kind: Kind; real: Load[]; twin: Load[] };
export type DbRun = {
  label: string;
  kind: string;
  startMs: number;
  rssMax: number;
  rssPeak: number;
  results: PageResult[];
  problems: string[];
  loadSeconds: number;
};
export type Options = { seconds: number; warmup: number; rounds: number; connections: number; kinds: Kind[] };

export const ADMIN = { email: "admin@zhengjia.demo", password: "harvest-demo" };
const STATIC_PAGES: Array<[string, string]> = [
  ["home", "/"],
  ["catalog", "/products"],
  ["product", "/products/zhengjia-black-fungus-250g"],
  ["cooperative", "/coops/zhengjia"],
];

export type Server = { child: ChildProcess; realPort: number; twinPort: number; kind: string; startMs: number };

/** The Node flags scripts/start.mjs runs the server with (the bench measures what runs). */
export const SERVER_NODE_FLAGS = ["--max-old-space-size=192"];

export function startServer(env: Record<string, string>): Promise<Server> {
  const entry = fileURLToPath(new URL("./server.ts", import.meta.url));
  // MALLOC_ARENA_MAX as scripts/start.mjs sets it for the server: the bench measures what runs.
  const child = fork(entry, [], {
    env: { MALLOC_ARENA_MAX: "2", ...process.env, ...env },
    execArgv: [...SERVER_NODE_FLAGS, "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
    child.once("message", (m: FromServer) => {
      if (m.type === "ready") resolve({ child, realPort: m.realPort, twinPort: m.twinPort, kind: m.kind, startMs: m.startMs });
      else if (m.type === "failed") reject(new Error(`bench server failed: ${m.message}`));
    });
  });
}

export function ask(server: Server, message: Extract<ToServer, { type: "stats" }>): Promise<Extract<FromServer, { type: "stats" }>> {
  return new Promise((resolve) => {
    server.child.once("message", (m: FromServer) => m.type === "stats" && resolve(m));
    server.child.send(message);
  });
}

export async function stopServer(server: Server) {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.send({ type: "close" } satisfies ToServer);
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** POST /login as a browser would (same Origin: the CSRF check); the cookies it sets. */
export async function signIn(origin: string): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { ...BROWSER_HEADERS, origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...ADMIN, redirectTo: "/" }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (res.status >= 400 || cookies.length === 0)
    throw new Error(`sign-in as ${ADMIN.email} failed: HTTP ${res.status}, ${cookies.length} cookies`);
  return cookies.join("; ");
}

/** The nonce differs per request (CSP); nothing else may differ between a page and its twin. */
export const normalise = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/'nonce-[^']*'/g, "'nonce-'");

async function get(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers, redirect: "manual" });
  return { status: res.status, body: await res.text(), setCookie: res.headers.getSetCookie().length };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: real …${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))}… twin …${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}…`;
}

/** Real and twin answer 200 with the same body (the twin's second answer: from memory). */
async function checkSame(server: Server, path: string, headers: Record<string, string>, label: string): Promise<string[]> {
  const real = await get(`http://127.0.0.1:${server.realPort}${path}`, headers);
  await get(`http://127.0.0.1:${server.twinPort}${path}`, headers); // fills the memo
  const twin = await get(`http://127.0.0.1:${server.twinPort}${path}`, headers);
  const problems: string[] = [];
  if (real.status !== 200) problems.push(`${label}: real answered ${real.status}`);
  if (twin.status !== 200) problems.push(`${label}: twin answered ${twin.status}`);
  if (real.setCookie || twin.setCookie)
    problems.push(`${label}: sets cookies (real ${real.setCookie}, twin ${twin.setCookie}); the load does not keep them`);
  const [a, b] = [normalise(real.body), normalise(twin.body)];
  if (a !== b) problems.push(`${label}: twin differs from the real page ${firstDifference(a, b)}`);
  if (headers.cookie && !path.endsWith(".data") && !a.includes('action="/logout"'))
    problems.push(`${label}: not signed in (no sign-out form)`);
  return problems;
}

async function liveSessionPath(origin: string): Promise<string> {
  const home = await get(`${origin}/`, BROWSER_HEADERS);
  const match = /href="(\/live\/[^"?#]+)"/.exec(home.body);
  if (!match) throw new Error("no /live/… link on / (is the seeded live session there?)");
  return match[1];
}

export async function benchDatabase(label: string, env: Record<string, string>, opts: Options): Promise<DbRun> {
  console.log(`\n[${label}] starting the bench server (migrate + seed)…`);
  const server = await startServer(env);
  try {
    const realOrigin = `http://127.0.0.1:${server.realPort}`;
    const twinOrigin = `http://127.0.0.1:${server.twinPort}`;
    console.log(`[${label}] ${server.kind} ready in ${(server.startMs / 1000).toFixed(1)} s: real ${realOrigin}, twin ${twinOrigin}`);
    const pages: Array<[string, string]> = [...STATIC_PAGES, ["live", await liveSessionPath(realOrigin)]];
    const cookie = await signIn(realOrigin);
    const whos: Array<[Who, Record<string, string>]> = [
      ["anonymous", BROWSER_HEADERS],
      ["signed in", { ...BROWSER_HEADERS, cookie }],
    ];
    const kinds = opts.kinds;
    const urlOf = (path: string, kind: Kind) => (kind === "data" ? `${path === "/" ? "/_root" : path}.data` : path);

    const problems: string[] = [];
    for (const [, path] of pages)
      for (const [who, headers] of whos)
        for (const kind of kinds) {
          problems.push(...(await checkSame(server, urlOf(path, kind), headers, `${label} ${path} ${who} ${kind}`)));
        }
    if (problems.length)
      return { label, kind: server.kind, startMs: server.startMs, rssMax: 0, rssPeak: 0, results: [], problems, loadSeconds: 0 };
    console.log(`[${label}] ${pages.length * whos.length * kinds.length} page variants: twin renders the same body as the real page`);

    const before = await ask(server, { type: "stats" });
    server.child.send({ type: "reset-rss" } satisfies ToServer);
    const loadStarted = performance.now();
    const results: PageResult[] = [];
    for (const [page, path] of pages)
      for (const [who, headers] of whos)
        for (const kind of kinds) {
          const url = urlOf(path, kind);
          const result: PageResult = { page, path, who, kind, real: [], twin: [] };
          await runLoad(`${realOrigin}${url}`, headers, opts.warmup, opts.connections);
          await runLoad(`${twinOrigin}${url}`, headers, opts.warmup, opts.connections);
          for (let round = 0; round < opts.rounds; round++) {
            result.real.push(await runLoad(`${realOrigin}${url}`, headers, opts.seconds, opts.connections));
            result.twin.push(await runLoad(`${twinOrigin}${url}`, headers, opts.seconds, opts.connections));
          }
          const line = (l: Load[]) => l.map((x) => x.reqPerSec.toFixed(0)).join("/");
          const bad = [...result.real, ...result.twin].reduce((n, l) => n + badCount(l), 0);
          console.log(
            `[${label}] ${url} ${who} ${kind}: real ${line(result.real)} req/s, twin ${line(result.twin)} req/s${bad ? `, ${bad} BAD` : ""}`,
          );
          for (const [side, loads] of [
            ["real", result.real],
            ["twin", result.twin],
          ] as const) {
            for (const l of loads) if (badCount(l)) problems.push(`${label} ${url} ${who} ${kind} ${side}: ${JSON.stringify(l.bad)}`);
            for (const l of loads) if (l.ok === 0) problems.push(`${label} ${url} ${who} ${kind} ${side}: no answer within a round`);
          }
          results.push(result);
        }
    const stats = await ask(server, { type: "stats" });
    // The twin's loaders were all filled by checkSame: under load it must do no data work.
    const misses = stats.memo.misses - before.memo.misses;
    if (misses > 0) problems.push(`${label}: the twin ran its real loaders ${misses} times under load (memo misses)`);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    return {
      label,
      kind: server.kind,
      startMs: server.startMs,
      rssMax: stats.rssMax,
      rssPeak: stats.rssPeak,
      results,
      problems,
      loadSeconds,
    };
  } finally {
    await stopServer(server);
  }
}
