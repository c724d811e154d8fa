import { http, HttpResponse } from "msw";

// An in-memory stand-in for Supabase Storage behind msw: upload (no upsert) and delete of
// one object, with the checks and answers the real service gives — the apikey header, a
// bearer token Supabase Auth issued (else 400 with statusCode "403"), the bucket's allowed
// types and size limit, and 400 with statusCode "409" for a key that already exists.

export type StoredFake = { bytes: Uint8Array; contentType: string; cacheControl: string | null; owner: string };

export type SupabaseStorageMockOptions = {
  url: string;
  anonKey: string;
  /** The claims of a valid access token, or null (the auth mock's verifyAccessToken). */
  verifyToken: (token: string | undefined) => Record<string, unknown> | null;
  bucket?: string;
  allowedTypes?: string[];
  maxBytes?: number;
};

const storageError = (status: number, statusCode: string, error: string, message: string) =>
  HttpResponse.json({ statusCode, error, message }, { status });

export function createSupabaseStorageMock(options: SupabaseStorageMockOptions) {
  const bucket = options.bucket ?? "product-images";
  const allowedTypes = options.allowedTypes ?? ["image/png", "image/jpeg", "image/webp"];
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const base = `${options.url.replace(/\/$/, "")}/storage/v1/object`;
  const objects = new Map<string, StoredFake>(); // by key inside the bucket
  /** Every request, e.g. "POST products/zhengjia/….png", for asserting round trips. */
  const calls: string[] = [];

  const caller = (request: Request) => {
    if (request.headers.get("apikey") !== options.anonKey) return { error: storageError(400, "401", "Unauthorized", "Invalid API key") };
    const claims = options.verifyToken(request.headers.get("Authorization")?.replace(/^Bearer /, ""));
    if (!claims) return { error: storageError(400, "403", "Unauthorized", "invalid signature") };
    return { sub: String(claims.sub) };
  };

  const handlers = [
    http.post(`${base}/${bucket}/*`, async ({ request, params }) => {
      const key = String(params[0]);
      calls.push(`POST ${key}`);
      const who = caller(request);
      if ("error" in who) return who.error;
      const contentType = request.headers.get("Content-Type") ?? "";
      if (!allowedTypes.includes(contentType)) {
        return storageError(415, "415", "invalid_mime_type", `mime type ${contentType} is not supported`);
      }
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (bytes.length > maxBytes) return storageError(413, "413", "Payload too large", "The object exceeded the maximum allowed size");
      if (objects.has(key)) return storageError(400, "409", "Duplicate", "The resource already exists");
      objects.set(key, { bytes, contentType, cacheControl: request.headers.get("Cache-Control"), owner: who.sub });
      return HttpResponse.json({ Id: crypto.randomUUID(), Key: `${bucket}/${key}` });
    }),

    http.delete(`${base}/${bucket}/*`, ({ request, params }) => {
      const key = String(params[0]);
      calls.push(`DELETE ${key}`);
      const who = caller(request);
      if ("error" in who) return who.error;
      if (!objects.delete(key)) return storageError(400, "404", "not_found", "Object not found");
      return HttpResponse.json({ message: "Successfully deleted" });
    }),
  ];

  return { handlers, objects, calls, uploadUrl: `${base}/${bucket}`, publicUrl: `${base}/public/${bucket}` };
}

export type SupabaseStorageMock = ReturnType<typeof createSupabaseStorageMock>;
