import type { MessageKey } from "~/i18n/translate";
import type { ProductImage } from "~/models/product-image";
import { probeImage, type ImageProbe } from "~/storage/image-probe";
import { isChosenFile } from "./product";

// The photo of the product form: what the file is comes from its bytes (probeImage), never
// its name or type. Its descriptions are fields of the product schema.
export type PhotoUpload = Extract<ImageProbe, { ok: true }> & { bytes: Uint8Array };
export type PhotoFields = { upload: PhotoUpload | null; altZh: string; altEn: string };

const PROBE_ERRORS: Record<Extract<ImageProbe, { ok: false }>["error"], MessageKey> = {
  unsupported: "dash.errors.imageType",
  too_large: "dash.errors.imageSize",
  too_many_pixels: "dash.errors.imageDimensions",
  empty: "dash.errors.imageUnreadable",
  unreadable: "dash.errors.imageUnreadable",
};

/** The chosen photo, checked; null when no file was chosen. */
export async function readPhotoUpload(
  image: unknown,
): Promise<{ ok: true; upload: PhotoUpload | null } | { ok: false; error: MessageKey }> {
  if (!isChosenFile(image)) return { ok: true, upload: null };
  const bytes = new Uint8Array(await image.arrayBuffer());
  const probe = probeImage(bytes);
  return probe.ok ? { ok: true, upload: { ...probe, bytes } } : { ok: false, error: PROBE_ERRORS[probe.error] };
}

/** Without a new photo: the current images, with the first one's description updated where one was given. */
export function describeCurrentPhoto(images: ProductImage[], { altZh, altEn }: Pick<PhotoFields, "altZh" | "altEn">): ProductImage[] {
  if (images.length === 0) return images;
  const [first, ...rest] = images;
  return [{ ...first, alt_zh: altZh || first.alt_zh, alt_en: altEn || first.alt_en }, ...rest];
}
