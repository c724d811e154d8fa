import type { AppContext } from "~/context.server";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { productFormSchema, type ProductFields } from "~/forms/product";
import { readPhotoUpload, type PhotoFields } from "~/forms/product-photo";
import type { ProductImage } from "~/models/product-image";
import { MAX_IMAGE_BYTES } from "~/storage/image-probe";
import { productImageKey, type StorageAuth } from "~/storage/storage-port.server";
import { FormTooLargeError, readFormData } from "./multipart.server";

// The product form as the new and edit actions receive it (multipart, with an optional
// photo), and storing that photo. Nothing here writes the product: a refused submission
// changes nothing.
export type ProductSubmission =
  | {
      ok: true;
      value: ProductFields;
      photo: PhotoFields;
      /** The reply for this submission, with errors the model or the storage found. */
      reply: (options?: { fieldErrors?: Record<string, string[]>; resetForm?: boolean }) => FormReply;
    }
  | { ok: false; result: FormReply };

export async function readProductSubmission(request: Request): Promise<ProductSubmission> {
  let form: FormData;
  try {
    form = await readFormData(request, { maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    // Far past any limit: the typed fields never arrived, so there is nothing to echo.
    if (error instanceof FormTooLargeError) return { ok: false, result: { status: "error", error: { image: ["dash.errors.imageSize"] } } };
    throw error;
  }
  const submission = parseForm(form, productFormSchema);
  // The photo is checked even when a field is wrong, so the admin sees every problem at once.
  const photo = await readPhotoUpload(form.get("image"));
  const photoErrors: Record<string, string[]> = photo.ok ? {} : { image: [photo.error] };
  // What was typed comes back in the reply (a browser never refills a file input).
  if (submission.status !== "success" || !photo.ok) return { ok: false, result: replyTo(submission, { fieldErrors: photoErrors }) };
  const { image: _file, imageAltZh, imageAltEn, ...value } = submission.value;
  return {
    ok: true,
    value,
    photo: { upload: photo.upload, altZh: imageAltZh, altEn: imageAltEn },
    reply: ({ fieldErrors, resetForm } = {}) => replyTo(submission, resetForm ? { resetForm } : { fieldErrors }),
  };
}

/** Stores a checked photo under the cooperative's prefix; the product's image entry, or the error to show on the field. */
export async function storeProductPhoto(
  context: Pick<AppContext, "storage">,
  auth: StorageAuth,
  coopSlug: string,
  photo: PhotoFields & { upload: NonNullable<PhotoFields["upload"]> },
): Promise<{ ok: true; image: ProductImage } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const { bytes, contentType, ext, width, height } = photo.upload;
  const stored = await context.storage.put({ key: productImageKey(coopSlug, bytes, ext), bytes, contentType }, auth);
  // Refused or unreachable alike: the admin can only try again; the operator sees a warning.
  if (!stored.ok) return { ok: false, fieldErrors: { image: ["dash.errors.imageStore"] } };
  return { ok: true, image: { src: stored.src, width, height, alt_zh: photo.altZh, alt_en: photo.altEn } };
}
