import { createHash } from "node:crypto";

// The storage port: where uploaded product photos go. Two adapters: local files (embedded
// default, served by server/index.ts at /uploads) and Supabase Storage (when SUPABASE_URL /
// SUPABASE_ANON_KEY are set). Keys are content-addressed, so storing the same bytes twice
// is harmless and a stored object never changes (it can be cached for a year).

/** What a request can prove about its user to the storage backend (Supabase checks its policies with it). */
export type StorageAuth = { accessToken?: string };

export type StoredObject = { key: string; bytes: Uint8Array; contentType: string };

export type StorageResult =
  | { ok: true; src: string }
  /** unauthorized: the backend refused this user; unavailable: it could not be reached or failed. */
  | { ok: false; error: "unauthorized" | "unavailable" };

export interface StoragePort {
  readonly name: "local" | "supabase";
  /** Stores the bytes under `key` and returns the URL pages use as the image `src`. */
  put(object: StoredObject, auth: StorageAuth): Promise<StorageResult>;
  /**
   * Deletes what `put` returned as `src` (no-op for a `src` this adapter did not issue).
   * Not called when a product's photo is replaced: a content-addressed object may be
   * shared by several products, so clean-up is a separate sweep, never a side effect.
   */
  remove(src: string, auth: StorageAuth): Promise<{ ok: boolean }>;
}

const KEY_PATTERN = /^products\/[a-z0-9]+(?:-[a-z0-9]+)*\/[0-9a-f]{32}\.(?:png|jpg|webp)$/;

/** Every key the app writes matches this; adapters refuse anything else (no path tricks). */
export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** `products/<coop-slug>/<first 128 bits of sha256>.<ext>`: one cooperative's photos under one prefix. */
export function productImageKey(coopSlug: string, bytes: Uint8Array, ext: string): string {
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 32);
  const key = `products/${coopSlug}/${hash}.${ext}`;
  if (!isStorageKey(key)) throw new Error(`not a storage key: ${key}`);
  return key;
}
