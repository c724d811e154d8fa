import type { AppContext } from "~/context.server";
import { readProductForm, type FormErrors, type ProductForm } from "~/forms/dashboard";
import { echoable } from "~/forms/form-object";
import { readPhotoFields, type PhotoField, type PhotoFields } from "~/forms/product-photo";
import type { ProductImage } from "~/models/product-image";
import { MAX_IMAGE_BYTES } from "~/storage/image-probe";
import { productImageKey, type StorageAuth } from "~/storage/storage-port.server";
import { FormTooLargeError, readFormData } from "./multipart.server";

// The product form as the new and edit actions receive it (multipart, with an optional
// photo), and storing that photo. Nothing here writes the product: a refused submission
// changes nothing.
export type ProductSubmissionField = keyof ProductForm | PhotoField;
type Echo = Record<string, string>;

export type ProductSubmission =
  | { ok: true; value: ProductForm; photo: PhotoFields; echo: Echo }
  | { ok: false; errors: FormErrors<ProductSubmissionField>; echo: Echo };

export async function readProductSubmission(request: Request): Promise<ProductSubmission> {
  let form: FormData;
  try {
    form = await readFormData(request, { maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    // Far past any limit: the typed fields never arrived, so there is nothing to echo.
    if (error instanceof FormTooLargeError) return { ok: false, errors: { image: "dash.errors.imageSize" }, echo: {} };
    throw error;
  }
  // What was typed, to put back in the form after a refusal (a browser never refills a file input).
  const echo = Object.fromEntries([...form.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, echoable(v)]] : [])));
  const product = readProductForm(form);
  const photo = await readPhotoFields(form);
  if (product.ok && photo.ok) return { ok: true, value: product.value, photo: photo.value, echo };
  return { ok: false, errors: { ...(product.ok ? {} : product.errors), ...(photo.ok ? {} : photo.errors) }, echo };
}

/** Stores a checked photo under the cooperative's prefix; the product's image entry, or the error to show on the field. */
export async function storeProductPhoto(
  context: Pick<AppContext, "storage">,
  auth: StorageAuth,
  coopSlug: string,
  photo: PhotoFields & { upload: NonNullable<PhotoFields["upload"]> },
): Promise<{ ok: true; image: ProductImage } | { ok: false; errors: FormErrors<PhotoField> }> {
  const { bytes, contentType, ext, width, height } = photo.upload;
  const stored = await context.storage.put({ key: productImageKey(coopSlug, bytes, ext), bytes, contentType }, auth);
  // Refused or unreachable alike: the admin can only try again; the operator sees a warning.
  if (!stored.ok) return { ok: false, errors: { image: "dash.errors.imageStore" } };
  return { ok: true, image: { src: stored.src, width, height, alt_zh: photo.altZh, alt_en: photo.altEn } };
}
