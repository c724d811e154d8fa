// `npm start`: install dependencies if missing, build, then serve (the server migrates
// the database and seeds the demo data on start-up, and prints those phases and the
// demo sign-ins). Each phase says what it does and how long it took.
import { spawn } from "node:child_process";
import { ensureDependencies } from "./ensure-deps.mjs";

const started = Date.now();
const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const phase = (text) => console.log(`\n▸ ${text}`);

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (exit code ${code})`))));
  });
}

try {
  phase("Dependencies");
  const installed = await ensureDependencies();
  if (installed === null) console.log("Dependencies are up to date.");

  phase("Building the app (remix build)…");
  const since = Date.now();
  await run(process.platform === "win32" ? "npx.cmd" : "npx", ["remix", "build"], { ...process.env, NODE_ENV: "production" });
  console.log(`Built in ${elapsed(since)}.`);

  phase("Starting the server: migrating the database, seeding the demo data…");
  // A capped old generation: the live heap is ~50 MB under load, and without a cap V8 lets it
  // grow towards its default limit before collecting (RSS target < 400 MiB, issue 8).
  const server = spawn(process.execPath, ["--max-old-space-size=192", "--import", "tsx", "server/index.ts"], {
    stdio: "inherit",
    // HARVEST_STARTED_AT: so the server's "ready" line can tell the whole start's time.
    // MALLOC_ARENA_MAX=2: zlib (compression) runs on libuv's worker threads, and glibc gives
    // each thread its own malloc arena that fragments under load; two arenas keep the RSS of a
    // busy server flat without a measurable cost (docs/benchmarks.md, "Memory").
    env: { NODE_ENV: "production", MALLOC_ARENA_MAX: "2", ...process.env, HARVEST_STARTED_AT: String(started) },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
