import { z } from "zod";

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
