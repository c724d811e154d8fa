// Installs dependencies when they are missing or older than the lockfile, so `npm start`
// and `npm test` work from a fresh clone with nothing but Node 20. A first install takes
// a minute or two: npm's own output is shown, and the elapsed time every 10 s, so a
// newcomer never stares at a silent terminal.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";

const marker = "node_modules/.package-lock.json";
const lock = "package-lock.json";

export function dependenciesStale() {
  return !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
}

/** Resolves to the seconds the install took, or null when nothing had to be installed. */
export async function ensureDependencies({ log = console.log } = {}) {
  if (!dependenciesStale()) return null;
  const args = existsSync(lock) ? ["ci"] : ["install"];
  args.push("--no-audit", "--no-fund");
  const first = !existsSync("node_modules");
  log(`Installing dependencies (npm ${args.join(" ")})${first ? ": the first time this takes 1–2 minutes (~430 MB)" : ""}…`);
  const started = Date.now();
  const ticker = setInterval(() => log(`  … still installing dependencies (${Math.round((Date.now() - started) / 1000)} s)`), 10_000);
  try {
    await new Promise((resolve, reject) => {
      // npm draws its own progress in a terminal; elsewhere (CI, pipes) the ticker above speaks.
      const npm = spawn(process.platform === "win32" ? "npm.cmd" : "npm", args, { stdio: ["ignore", "inherit", "inherit"] });
      npm.on("error", reject);
      npm.on("exit", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`npm ${args[0]} failed (${signal ?? `exit code ${code}`}); see npm's messages above`)),
      );
    });
  } finally {
    clearInterval(ticker);
  }
  const seconds = (Date.now() - started) / 1000;
  log(`Dependencies installed in ${seconds.toFixed(0)} s.`);
  return seconds;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  ensureDependencies().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
