import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ServerEnv } from "~/env.server";
import { isStorageKey, type StoragePort } from "./storage-port.server";

// The embedded storage adapter: files on this machine's disk, served read-only by
// server/index.ts at /uploads. Fine for one instance (like the embedded PGlite database);
// several instances need shared storage, i.e. the Supabase adapter.
export const UPLOADS_URL_PREFIX = "/uploads";

/** Next to the PGlite data (`.data/uploads` by default), so one directory holds all local state. */
export function uploadsDirFor(env: Pick<ServerEnv, "PGLITE_DATA_DIR">): string {
  return path.resolve(path.dirname(env.PGLITE_DATA_DIR), "uploads");
}

export function localFileStorage(dir: string): StoragePort {
  const root = path.resolve(dir);
  const fileOf = (key: string) => path.join(root, ...key.split("/"));
  return {
    name: "local",

    async put({ key, bytes }) {
      if (!isStorageKey(key)) throw new Error(`not a storage key: ${key}`);
      const file = fileOf(key);
      try {
        // Same key, same bytes: an existing file is already the right one.
        if (
          await stat(file).then(
            () => true,
            () => false,
          )
        )
          return { ok: true, src: `${UPLOADS_URL_PREFIX}/${key}` };
        await mkdir(path.dirname(file), { recursive: true });
        // Write then rename, so a reader (or a crash) never sees half a file.
        const partial = `${file}.${randomBytes(6).toString("hex")}.partial`;
        await writeFile(partial, bytes, { flag: "wx" });
        await rename(partial, file);
      } catch (error) {
        console.warn(`local storage: could not write ${key}:`, error);
        return { ok: false, error: "unavailable" };
      }
      return { ok: true, src: `${UPLOADS_URL_PREFIX}/${key}` };
    },

    async remove(src) {
      const key = src.startsWith(`${UPLOADS_URL_PREFIX}/`) ? src.slice(UPLOADS_URL_PREFIX.length + 1) : "";
      if (!isStorageKey(key)) return { ok: false };
      await rm(fileOf(key), { force: true });
      return { ok: true };
    },
  };
}
