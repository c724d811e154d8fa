import { z } from "zod";
import { pick, type Locale } from "~/i18n/locale";

// The images column holds JSON; parse it at the edge so pages get typed, checked data.
// src: a path on this site (seed illustrations, local uploads) or an http(s) URL (Supabase
// Storage); never protocol-relative (`//`, `/\`) or another scheme.
export const productImageSchema = z.object({
  src: z.string().regex(/^(\/(?![/\\])|https?:\/\/)/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  alt_zh: z.string(),
  alt_en: z.string(),
});
export type ProductImage = z.infer<typeof productImageSchema>;

export function parseProductImages(value: unknown): ProductImage[] {
  const parsed = z.array(productImageSchema).safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** An image as a page shows it: its description in the request's language only. */
export type LocalizedImage = { src: string; width: number; height: number; alt: string };

export function localizeImage(image: ProductImage, locale: Locale): LocalizedImage {
  return { src: image.src, width: image.width, height: image.height, alt: pick(locale, image.alt_zh, image.alt_en) };
}
