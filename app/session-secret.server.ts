import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ServerEnv } from "~/env.server";

/**
 * SESSION_SECRET, or for the embedded default a random secret kept beside the PGlite data
 * (so signed links survive restarts). Production with DATABASE_URL must set it (env.server).
 */
export async function resolveSessionSecret(env: Pick<ServerEnv, "SESSION_SECRET" | "PGLITE_DATA_DIR">): Promise<string> {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.resolve(path.dirname(path.resolve(env.PGLITE_DATA_DIR)), "session-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
