import { isStorageKey, type StoragePort } from "./storage-port.server";

// The Supabase Storage adapter (SUPABASE_URL + SUPABASE_ANON_KEY set), over the Storage
// REST API with the signed-in user's access token: Storage checks its own RLS policies on
// storage.objects, so this server holds no service key and an admin can only write under
// their own cooperative's prefix. The deployment needs (docs/decisions/0004):
//   - a PUBLIC bucket `product-images` (2 MB limit, image/png, image/jpeg, image/webp);
//   - insert (and, for clean-up, delete) policies on storage.objects for `authenticated`:
//       bucket_id = 'product-images' and (storage.foldername(name))[1] = 'products'
//       and exists (select 1 from public.cooperatives c
//                    where c.slug = (storage.foldername(name))[2] and app_private.is_coop_admin(c.id))
// That SQL cannot be a migration: storage.objects exists only on Supabase, and our
// migrations must also run on plain Postgres and PGlite.
export const PRODUCT_IMAGES_BUCKET = "product-images";
export type SupabaseStorageEnv = { SUPABASE_URL: string; SUPABASE_ANON_KEY: string };

const TIMEOUT_MS = 15_000;

export function supabaseStorage(env: SupabaseStorageEnv): StoragePort {
  const base = `${env.SUPABASE_URL.replace(/\/+$/, "")}/storage/v1/object`;
  const publicPrefix = `${base}/public/${PRODUCT_IMAGES_BUCKET}/`;
  const headers = (accessToken: string, extra: Record<string, string> = {}) => ({
    apikey: env.SUPABASE_ANON_KEY,
    Authorization: `Bearer ${accessToken}`,
    ...extra,
  });

  return {
    name: "supabase",

    async put({ key, bytes, contentType }, auth) {
      if (!isStorageKey(key)) throw new Error(`not a storage key: ${key}`);
      if (!auth.accessToken) return { ok: false, error: "unauthorized" };
      let response: Response;
      try {
        response = await fetch(`${base}/${PRODUCT_IMAGES_BUCKET}/${key}`, {
          method: "POST",
          // No upsert: a content-addressed object never needs replacing, and upsert would
          // also require an UPDATE policy.
          headers: headers(auth.accessToken, { "Content-Type": contentType, "Cache-Control": "max-age=31536000", "x-upsert": "false" }),
          body: new Uint8Array(bytes), // a plain ArrayBuffer-backed copy, as fetch's types want
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        console.warn("Supabase Storage unreachable:", error);
        return { ok: false, error: "unavailable" };
      }
      const body = (await response.json().catch(() => null)) as { statusCode?: string; error?: string; message?: string } | null;
      const src = `${publicPrefix}${key}`;
      if (response.ok) return { ok: true, src };
      // Already stored (same key, so the same bytes): older Storage versions answer 400 with statusCode "409".
      if (response.status === 409 || body?.statusCode === "409" || body?.error === "Duplicate") return { ok: true, src };
      // Storage reports policy refusals as 400/403 with statusCode "403", and bad tokens as 400/401.
      const code = Number(body?.statusCode ?? response.status);
      if (code === 401 || code === 403) return { ok: false, error: "unauthorized" };
      console.warn(`Supabase Storage upload failed: ${response.status} ${body?.error ?? ""} ${body?.message ?? ""}`);
      return { ok: false, error: "unavailable" };
    },

    async remove(src, auth) {
      const key = src.startsWith(publicPrefix) ? src.slice(publicPrefix.length) : "";
      if (!isStorageKey(key) || !auth.accessToken) return { ok: false };
      try {
        const response = await fetch(`${base}/${PRODUCT_IMAGES_BUCKET}/${key}`, {
          method: "DELETE",
          headers: headers(auth.accessToken),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        return { ok: response.ok };
      } catch {
        return { ok: false };
      }
    },
  };
}
