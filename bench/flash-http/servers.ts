import { fork, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { SERVER_NODE_FLAGS } from "../pages/pages";

// The two servers of the flash-sale-through-HTTP bench, each its own process, as they would run:
// the app exactly as `npm start` starts it (server/index.ts on the production build, with
// scripts/start.mjs's Node flags and MALLOC_ARENA_MAX; it migrates and seeds on start), and
// the bare node:http checkout (bare-server.ts).

export type Running = { child: ChildProcess; origin: string; pid: number };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * server/index.ts on `databaseUrl` with WEB_CONCURRENCY=`instances`; `cpuProfileDir` adds
 * --cpu-prof (written when it exits).
 */
export async function startApp(databaseUrl: string, secret: string, cpuProfileDir?: string, instances = 1): Promise<Running> {
  const port = await freePort();
  // BENCH_FLASH_HTTP_APP_FLAGS: extra Node flags for an experiment (e.g. --trace-gc, with BENCH_FLASH_HTTP_APP_LOG).
  const extra = (process.env.BENCH_FLASH_HTTP_APP_FLAGS ?? "").split(" ").filter(Boolean);
  const flags = [...SERVER_NODE_FLAGS, ...extra, ...(cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [])];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", "server/index.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      MALLOC_ARENA_MAX: "2",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SESSION_SECRET: secret,
      DEMO_DATA: "on",
      PUBLIC_BASE_URL: "",
      WEB_CONCURRENCY: String(instances),
    },
  });
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    const onExit = (code: number | null) => reject(new Error(`the app exited (${code}) before it was ready:\n${seen.slice(-2000)}`));
    child.once("exit", onExit);
    // The request log (one JSON line per request) is drained and dropped: it is written as in
    // production, only not kept.
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (seen.includes("Harvest Live on ")) {
        child.off("exit", onExit);
        seen = "";
        child.stdout!.removeAllListeners("data");
        if (process.env.BENCH_FLASH_HTTP_APP_LOG)
          child.stdout!.pipe(createWriteStream(process.env.BENCH_FLASH_HTTP_APP_LOG, { flags: "a" }));
        else child.stdout!.resume();
        resolve();
      }
    });
  });
  return { child, origin: `http://127.0.0.1:${port}`, pid: child.pid! };
}

export async function startBare(databaseUrl: string, pool: number): Promise<Running> {
  const entry = fileURLToPath(new URL("./bare-server.ts", import.meta.url));
  const child = fork(entry, [], {
    env: { ...process.env, NODE_ENV: "production", MALLOC_ARENA_MAX: "2", DATABASE_URL: databaseUrl, BENCH_POOL: String(pool) },
    execArgv: [...SERVER_NODE_FLAGS, "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the bare server exited (${code}) before it was ready`)));
    child.once("message", (m: { type: string; port: number }) => resolve(m.port));
  });
  return { child, origin: `http://127.0.0.1:${port}`, pid: child.pid! };
}

export async function stop(server: Running): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  if (server.child.send) server.child.send({ type: "close" });
  else server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** CPU ms (user + system) a process has used so far, from /proc; null where unreadable. */
export async function cpuMsOf(pid: number): Promise<number | null> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU ms of a process and its live children (the app's instances under WEB_CONCURRENCY). */
export async function treeCpuMs(pid: number): Promise<number | null> {
  const own = await cpuMsOf(pid);
  if (own === null) return null;
  let total = own;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (Number(stat.split(") ")[1]?.split(" ")[1]) !== pid) continue;
    total += (await cpuMsOf(Number(entry))) ?? 0;
  }
  return total;
}
