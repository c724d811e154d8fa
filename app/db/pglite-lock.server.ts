import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite is single-process: a second process opening the same data directory would
// corrupt it. The server holds this lock file; command-line tools check it first.
function lockFile(dataDir: string) {
  return path.join(path.resolve(dataDir), "..", "pglite.lock");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function acquirePgliteLock(dataDir: string): () => void {
  const file = lockFile(dataDir);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8"));
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(
        `the embedded database in ${dataDir} is in use by process ${pid}; stop it first, or set DATABASE_URL to use a Postgres server`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
