// `npm start`: install dependencies if missing, build, then serve (the server migrates
// the database and seeds the demo data on start-up).
import { execSync, spawn } from "node:child_process";

execSync("node scripts/ensure-deps.mjs", { stdio: "inherit" });
execSync("npx remix build", { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });

const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  stdio: "inherit",
  env: { NODE_ENV: "production", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
