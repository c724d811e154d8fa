import type { MessageKey } from "~/i18n/translate";
import type { ProductImage } from "~/models/product-image";
import { probeImage, type ImageProbe } from "~/storage/image-probe";
import { z } from "zod";
import { formErrors, type FormErrors } from "./dashboard";
import { formObject } from "./form-object";

// The photo part of the product form: an optional file plus its description in both
// languages. What the file is comes from its bytes (probeImage), never its name or type.
export type PhotoField = "image" | "imageAltZh" | "imageAltEn";
export type PhotoUpload = Extract<ImageProbe, { ok: true }> & { bytes: Uint8Array };
export type PhotoFields = { upload: PhotoUpload | null; altZh: string; altEn: string };

const MAX_ALT_LENGTH = 200;
const altText = z.string().trim().max(MAX_ALT_LENGTH, { message: "dash.errors.imageAlt" });
const photoTextSchema = formObject({ imageAltZh: altText, imageAltEn: altText });

const PROBE_ERRORS: Record<Extract<ImageProbe, { ok: false }>["error"], MessageKey> = {
  unsupported: "dash.errors.imageType",
  too_large: "dash.errors.imageSize",
  too_many_pixels: "dash.errors.imageDimensions",
  empty: "dash.errors.imageUnreadable",
  unreadable: "dash.errors.imageUnreadable",
};

export async function readPhotoFields(form: FormData): Promise<{ ok: true; value: PhotoFields } | { ok: false; errors: FormErrors<PhotoField> }> {
  const text = (name: PhotoField) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const texts = photoTextSchema.safeParse({ imageAltZh: text("imageAltZh"), imageAltEn: text("imageAltEn") });
  if (!texts.success) return { ok: false, errors: formErrors<PhotoField>(texts.error) };
  const { imageAltZh: altZh, imageAltEn: altEn } = texts.data;
  const errors: FormErrors<PhotoField> = {};
  const file = form.get("image");
  // An empty, unnamed file part is an untouched file input (the multipart reader usually drops it already).
  const uploading = file instanceof File && !(file.size === 0 && file.name === "");
  let upload: PhotoUpload | null = null;
  if (uploading) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const probe = probeImage(bytes);
    if (probe.ok) upload = { ...probe, bytes };
    else errors.image = PROBE_ERRORS[probe.error];
  }
  // A new photo needs its description; without one, a description only renames the current photo.
  if (uploading && !altZh) errors.imageAltZh = "dash.errors.imageAlt";
  if (uploading && !altEn) errors.imageAltEn = "dash.errors.imageAlt";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { upload, altZh, altEn } };
}

/** Without a new photo: the current images, with the first one's description updated where one was given. */
export function describeCurrentPhoto(images: ProductImage[], { altZh, altEn }: Pick<PhotoFields, "altZh" | "altEn">): ProductImage[] {
  if (images.length === 0) return images;
  const [first, ...rest] = images;
  return [{ ...first, alt_zh: altZh || first.alt_zh, alt_en: altEn || first.alt_en }, ...rest];
}
