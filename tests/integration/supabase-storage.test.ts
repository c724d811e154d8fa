import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authProviderFor } from "~/auth/auth-provider.server";
import type { AppContext } from "~/context.server";
import { asServiceRole } from "~/db/request-role.server";
import { action as editProductAction } from "~/routes/dashboard.$coopSlug.products.$productId";
import { loader as productLoader } from "~/routes/products.$slug";
import { ids } from "~/seed/seed.server";
import { storageFor } from "~/storage/storage-provider.server";
import { JPEG_3x2, PNG_2x3, WEBP_LOSSY_7x6 } from "../fixtures/images";
import { createSupabaseAuthMock } from "../mocks/supabase";
import { createSupabaseStorageMock } from "../mocks/supabase-storage";
import { fileOf, multipartRequest } from "../support/multipart";
import { request, settle } from "../support/route-call";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";
import { echoedValuesOf, expectFieldErrors } from "../support/form-reply";
import { fungusProductForm } from "../support/fungus-product-form";

// Product photos through the edit action with Supabase Auth and Supabase Storage mocked by
// msw: the upload carries the signed-in admin's own access token, and an upstream failure
// is a field error on the form, never a 500 or a half-saved product.
const SUPABASE_URL = "https://harvestlive-test.supabase.co";
const SUPABASE_ANON_KEY = "anon-key-for-tests";
let t: TestDatabase;
let context: AppContext;
let cookie: string;
let adminId: string;
const auth = createSupabaseAuthMock({
  url: SUPABASE_URL,
  onUserCreated: (user) =>
    asServiceRole(t.db, (tx) => tx.query("insert into auth.users (id, email) values ($1, $2)", [user.id, user.email])),
});
const storage = createSupabaseStorageMock({ url: SUPABASE_URL, anonKey: SUPABASE_ANON_KEY, verifyToken: auth.verifyAccessToken });
const server = setupServer(...auth.handlers, ...storage.handlers);

const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const editPath = `/dashboard/zhengjia/products/${FUNGUS}`;
const fields = (overrides: Record<string, string> = {}) =>
  fungusProductForm({
    imageAltZh: "晒干的黑木耳",
    imageAltEn: "Dried black fungus",
    ...overrides,
  });
const edit = (form: Record<string, string>, files: Record<string, File>) =>
  settle(() =>
    editProductAction({
      request: multipartRequest(editPath, cookie, form, files),
      params: { coopSlug: "zhengjia", productId: FUNGUS },
      context,
    }),
  );
const productRow = async () =>
  (await t.db.query<{ images: unknown; title_en: string }>("select images, title_en from public.products where id = $1", [FUNGUS])).rows[0];

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  t = await createTestDatabase();
  const env = { SUPABASE_URL, SUPABASE_ANON_KEY };
  context = {
    ...testContext(t.db),
    auth: authProviderFor(env, t.db),
    storage: storageFor({ ...env, PGLITE_DATA_DIR: "/nonexistent/pglite" }),
  };
  adminId = (await auth.addUser("mei@zhengjia.example", "correct horse")).id;
  const signedIn = await context.auth.signIn(new Request("http://localhost/login", { method: "POST" }), {
    email: "mei@zhengjia.example",
    password: "correct horse",
  });
  if (!signedIn.ok) throw new Error(signedIn.error);
  cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  await t.db.query("insert into public.memberships (user_id, cooperative_id, role) values ($1, $2, 'admin')", [
    adminId,
    ids.cooperative("zhengjia"),
  ]);
});
// Outages are logged with console.warn for the operator; silenced where a test causes one.
let warn: ReturnType<typeof vi.spyOn> | null = null;
const silenceWarnings = () => (warn = vi.spyOn(console, "warn").mockImplementation(() => {}));
afterEach(() => {
  server.resetHandlers();
  warn?.mockRestore();
  warn = null;
});
afterAll(async () => {
  server.close();
  await t.destroy();
});

describe("product photos with Supabase Storage", () => {
  it("is the adapter when Supabase is configured, local files otherwise", () => {
    expect(context.storage.name).toBe("supabase");
    expect(storageFor({ PGLITE_DATA_DIR: ".data/pglite" }).name).toBe("local");
  });

  it("uploads with the admin's access token and stores the public URL on the product", async () => {
    const saved = await edit(fields(), { image: fileOf(WEBP_LOSSY_7x6, "fungus.webp", "image/webp") });
    expect(saved).toMatchObject({ status: 200, body: { saved: true } });
    const [key] = [...storage.objects.keys()];
    expect(key).toMatch(/^products\/zhengjia\/[0-9a-f]{32}\.webp$/);
    // The mock accepted only a token Supabase Auth issued; it was this admin's.
    expect(storage.objects.get(key)).toMatchObject({
      bytes: WEBP_LOSSY_7x6,
      contentType: "image/webp",
      owner: adminId,
      cacheControl: "max-age=31536000",
    });
    const src = `${storage.publicUrl}/${key}`;
    expect((await productRow()).images).toEqual([{ src, width: 7, height: 6, alt_zh: "晒干的黑木耳", alt_en: "Dried black fungus" }]);
    const page = await productLoader({
      request: request("/products/zhengjia-black-fungus-250g", null),
      params: { slug: "zhengjia-black-fungus-250g" },
      context,
    });
    expect(page.product.images[0].src).toBe(src);
  });

  it("treats an object that already exists (same bytes, same key) as stored", async () => {
    const calls = storage.calls.length;
    const saved = await edit(fields({ imageAltEn: "Fungus again" }), { image: fileOf(WEBP_LOSSY_7x6, "again.webp", "image/webp") });
    expect(saved).toMatchObject({ status: 200, body: { saved: true } });
    expect(storage.calls.length).toBe(calls + 1); // asked once; Storage answered "Duplicate"
    expect((await productRow()).images).toEqual([expect.objectContaining({ alt_en: "Fungus again" })]);
  });

  it("turns an upstream 500 into a field error and leaves the product as it was", async () => {
    server.use(
      http.post(`${storage.uploadUrl}/*`, () =>
        HttpResponse.json({ statusCode: "500", error: "internal", message: "boom" }, { status: 500 }),
      ),
    );
    const warned = silenceWarnings();
    const before = await productRow();
    const refused = await edit(fields({ titleEn: "Not saved" }), { image: fileOf(PNG_2x3, "new.png", "image/png") });
    expectFieldErrors(refused, 422, { image: "dash.errors.imageStore" });
    expect(refused.body).toMatchObject({ saved: false });
    expect(echoedValuesOf(refused.body)).toMatchObject({ titleEn: "Not saved" });
    expect(await productRow()).toEqual(before);
    expect(warned).toHaveBeenCalled(); // the operator hears about it
  });

  it("turns an unreachable Storage and a policy refusal into the same field error", async () => {
    silenceWarnings();
    server.use(http.post(`${storage.uploadUrl}/*`, () => HttpResponse.error()));
    expectFieldErrors(await edit(fields(), { image: fileOf(PNG_2x3, "new.png", "image/png") }), 422, { image: "dash.errors.imageStore" });
    server.resetHandlers();
    server.use(
      http.post(`${storage.uploadUrl}/*`, () =>
        HttpResponse.json(
          { statusCode: "403", error: "Unauthorized", message: "new row violates row-level security policy" },
          { status: 400 },
        ),
      ),
    );
    expectFieldErrors(await edit(fields(), { image: fileOf(JPEG_3x2, "new.jpg", "image/jpeg") }), 422, { image: "dash.errors.imageStore" });
  });

  it("never uploads without a user token, and removes with one", async () => {
    const key = `products/zhengjia/${"b".repeat(32)}.png`;
    expect(await context.storage.put({ key, bytes: PNG_2x3, contentType: "image/png" }, {})).toEqual({ ok: false, error: "unauthorized" });
    expect(await context.storage.put({ key, bytes: PNG_2x3, contentType: "image/png" }, { accessToken: "forged" })).toEqual({
      ok: false,
      error: "unauthorized",
    });
    const { accessToken } = await context.auth.getUser(request(editPath, cookie));
    expect(accessToken).toBeTruthy();
    const stored = await context.storage.put({ key, bytes: PNG_2x3, contentType: "image/png" }, { accessToken });
    expect(stored).toEqual({ ok: true, src: `${storage.publicUrl}/${key}` });
    expect(await context.storage.remove(`${storage.publicUrl}/${key}`, { accessToken })).toEqual({ ok: true });
    expect(storage.objects.has(key)).toBe(false);
    expect(await context.storage.remove("/images/products/rice.svg", { accessToken })).toEqual({ ok: false });
  });
});
