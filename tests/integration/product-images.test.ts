import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { action as editProductAction, loader as editProductLoader } from "~/routes/dashboard.$coopSlug.products.$productId";
import { action as newProductAction } from "~/routes/dashboard.$coopSlug.products.new";
import { loader as productLoader } from "~/routes/products.$slug";
import { ids } from "~/seed/seed.server";
import { localFileStorage } from "~/storage/local-storage.server";
import { JPEG_3x2, PNG_2x3, pngHeader } from "../fixtures/images";
import { fileOf, multipartRequest, noFile } from "../support/multipart";
import { request, settle } from "../support/route-call";
import { echoedValuesOf, expectFieldErrors } from "../support/form-reply";
import { signIn } from "../support/signed-in";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";
import { fungusProductForm } from "../support/fungus-product-form";

// Product photos through the real new/edit actions (multipart, like a browser without
// JavaScript sends them) with the local storage adapter writing to a temp directory.
let t: TestDatabase;
let context: AppContext;
let uploads: string;
let admin: string;
beforeAll(async () => {
  t = await createTestDatabase();
  uploads = await mkdtemp(path.join(os.tmpdir(), "harvest-uploads-test-"));
  context = testContext(t.db, { uploadsDir: uploads });
  admin = await signIn(context, "admin@zhengjia.demo");
});
afterAll(async () => {
  await t.destroy();
  await rm(uploads, { recursive: true, force: true });
});

const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const editPath = `/dashboard/zhengjia/products/${FUNGUS}`;
const fields = (overrides: Record<string, string> = {}) =>
  fungusProductForm({
    imageAltZh: "",
    imageAltEn: "",
    ...overrides,
  });
const alt = { imageAltZh: "晒干的黑木耳", imageAltEn: "Dried black fungus on a bamboo tray" };
const edit = (form: Record<string, string>, files: Record<string, File> = {}) =>
  settle(() =>
    editProductAction({
      request: multipartRequest(editPath, admin, form, files),
      params: { coopSlug: "zhengjia", productId: FUNGUS },
      context,
    }),
  );
const productRow = async () =>
  (await t.db.query<{ images: unknown; price_fen: number }>("select images, price_fen from public.products where id = $1", [FUNGUS]))
    .rows[0];
/** Every test here edits the seeded black fungus; each gets it back as seeded, pass or fail. */
const restoreFungus = async () => {
  await restoreAfterThisTest(t.db, "public.products", { id: FUNGUS });
  await restoreAfterThisTest(t.db, "public.product_stock", { product_id: FUNGUS });
};
const storedFiles = async () =>
  (await readdir(uploads, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);

describe("product photos with local storage", () => {
  it("stores an uploaded photo under the cooperative's content-addressed key and shows it", async () => {
    await restoreFungus();
    const saved = await edit(fields({ ...alt, price: "43.00" }), { image: fileOf(PNG_2x3, "fungus.png", "image/png") });
    expect(saved).toMatchObject({ status: 200, body: { saved: true } });
    const { images, price_fen } = await productRow();
    expect(price_fen).toBe(4300);
    expect(images).toEqual([
      {
        src: expect.stringMatching(/^\/uploads\/products\/zhengjia\/[0-9a-f]{32}\.png$/),
        width: 2,
        height: 3,
        alt_zh: alt.imageAltZh,
        alt_en: alt.imageAltEn,
      },
    ]);
    const src = (images as { src: string }[])[0].src;
    expect(new Uint8Array(await readFile(path.join(uploads, src.replace("/uploads/", ""))))).toEqual(PNG_2x3);

    const page = await productLoader({
      request: request("/products/zhengjia-black-fungus-250g", null),
      params: { slug: "zhengjia-black-fungus-250g" },
      context,
    });
    expect(page.product.images[0]).toMatchObject({ src, width: 2, height: 3 });
    const editPage = await editProductLoader({
      request: request(editPath, admin),
      params: { coopSlug: "zhengjia", productId: FUNGUS },
      context,
    });
    expect(editPage.product.images[0]).toMatchObject({ src, width: 2, height: 3 });

    // The same bytes again: the same key and file, nothing new written.
    expect(await edit(fields(alt), { image: fileOf(PNG_2x3, "again.png", "image/png") })).toMatchObject({ status: 200 });
    expect((await productRow()).images).toEqual(images);
    expect(await storedFiles()).toHaveLength(1);
  });

  it("keeps the photo when no file is chosen, and updates its description", async () => {
    await restoreFungus();
    expect(await edit(fields(alt), { image: fileOf(PNG_2x3, "fungus.png", "image/png") })).toMatchObject({ status: 200 });
    const before = (await productRow()).images as { src: string }[];
    expect(await edit(fields(), { image: noFile() })).toMatchObject({ status: 200, body: { saved: true } });
    expect((await productRow()).images).toEqual(before);
    expect(await edit(fields({ imageAltEn: "Black fungus, sun-dried" }), { image: noFile() })).toMatchObject({ status: 200 });
    expect((await productRow()).images).toEqual([{ ...before[0], alt_en: "Black fungus, sun-dried" }]);
  });

  it.each([
    ["a text file named .png", new TextEncoder().encode("not a picture at all"), "notes.png", "image/png", "dash.errors.imageType"],
    [
      "an SVG",
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      "x.svg",
      "image/svg+xml",
      "dash.errors.imageType",
    ],
    [
      "a 3 MB file",
      (() => {
        const b = new Uint8Array(3 * 1024 * 1024);
        b.set(PNG_2x3);
        return b;
      })(),
      "big.png",
      "image/png",
      "dash.errors.imageSize",
    ],
    ["a 7000-pixel-wide PNG", pngHeader(7000, 10), "wide.png", "image/png", "dash.errors.imageDimensions"],
    ["a cut-off JPEG", JPEG_3x2.subarray(0, 100), "cut.jpg", "image/jpeg", "dash.errors.imageUnreadable"],
    ["an empty file", new Uint8Array(), "empty.png", "image/png", "dash.errors.imageUnreadable"],
  ])("refuses %s with a field error (422) and changes nothing", async (_name, bytes, name, type, error) => {
    await restoreFungus();
    const before = await productRow();
    const filesBefore = await storedFiles();
    const refused = await edit(fields({ ...alt, price: "99.00", titleEn: "Changed" }), { image: fileOf(bytes, name, type) });
    expectFieldErrors(refused, 422, { image: error });
    // What was typed comes back, so the admin only has to choose the file again.
    expect(echoedValuesOf(refused.body)).toMatchObject({ titleEn: "Changed", price: "99.00", imageAltEn: alt.imageAltEn });
    expect(refused.body).toMatchObject({ saved: false });
    expect(await productRow()).toEqual(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it("requires both descriptions with a new photo", async () => {
    await restoreFungus();
    const refused = await edit(fields({ imageAltZh: "黑木耳", imageAltEn: " " }), { image: fileOf(JPEG_3x2, "a.jpg", "image/jpeg") });
    expectFieldErrors(refused, 422, { imageAltEn: "dash.errors.imageAlt" });
  });

  it("answers a body far past every limit with the size error, not a 500", async () => {
    await restoreFungus();
    const huge = new Uint8Array(11 * 1024 * 1024);
    const refused = await edit(fields(alt), { image: fileOf(huge, "huge.png", "image/png") });
    expectFieldErrors(refused, 422, { image: "dash.errors.imageSize" });
  });

  it("creates a product with a photo (its type read from the bytes, not the name)", async () => {
    const form = fields({ ...alt, titleEn: "Zhengjia wood ear, 1 kg", status: "draft" });
    const created = await settle(() =>
      newProductAction({
        request: multipartRequest("/dashboard/zhengjia/products/new", admin, form, { image: fileOf(JPEG_3x2, "photo.png", "image/png") }),
        params: { coopSlug: "zhengjia" },
        context,
      }),
    );
    expect(created.status).toBe(302);
    const id = /products\/([0-9a-f-]{36})\?saved=1$/.exec(created.location ?? "")![1];
    const { rows } = await t.db.query<{ images: unknown }>("select images from public.products where id = $1", [id]);
    expect(rows[0].images).toEqual([
      expect.objectContaining({ src: expect.stringMatching(/^\/uploads\/products\/zhengjia\/[0-9a-f]{32}\.jpg$/), width: 3, height: 2 }),
    ]);
  });

  it("still accepts the plain urlencoded form (no photo)", async () => {
    await restoreFungus();
    const saved = await settle(() =>
      editProductAction({ request: request(editPath, admin, fields()), params: { coopSlug: "zhengjia", productId: FUNGUS }, context }),
    );
    expect(saved).toMatchObject({ status: 200, body: { saved: true } });
  });
});

describe("local storage adapter", () => {
  it("writes only well-formed keys and removes only its own files", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "harvest-local-storage-"));
    try {
      const storage = localFileStorage(dir);
      await expect(storage.put({ key: "../../etc/passwd", bytes: PNG_2x3, contentType: "image/png" }, {})).rejects.toThrow(
        /not a storage key/,
      );
      const key = `products/zhengjia/${"a".repeat(32)}.png`;
      const stored = await storage.put({ key, bytes: PNG_2x3, contentType: "image/png" }, {});
      expect(stored).toEqual({ ok: true, src: `/uploads/${key}` });
      expect(await storage.remove("/images/products/rice.svg", {})).toEqual({ ok: false });
      expect(await storage.remove("/uploads/products/zhengjia/../../x.png", {})).toEqual({ ok: false });
      expect(await storage.remove(`/uploads/${key}`, {})).toEqual({ ok: true });
      expect(await readdir(path.join(dir, "products", "zhengjia"))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
