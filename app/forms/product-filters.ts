import { z } from "zod";
import { formObject } from "./form-object";
import type { MessageKey } from "~/i18n/translate";

// The /products filter form. Shared by the form (field names) and the loader (parsing).
// Error messages are message keys, translated where they are shown.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const productFiltersSchema = formObject({
  q: z.preprocess(blankToUndefined, z.string().trim().max(80, { message: "products.errors.q" }).optional()),
  category: z.preprocess(
    blankToUndefined,
    z.string().regex(/^[a-z0-9-]{1,40}$/, { message: "products.errors.category" }).optional(),
  ),
  coop: z.preprocess(
    blankToUndefined,
    z.string().regex(/^[a-z0-9-]{1,60}$/, { message: "products.errors.coop" }).optional(),
  ),
  // A checkbox: present means on; anything else means off (never an error).
  inStock: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
});

export type ProductFiltersValue = z.output<typeof productFiltersSchema>;
export type ProductFilterField = keyof ProductFiltersValue;
export type ProductFilterErrors = Partial<Record<ProductFilterField, MessageKey>>;

export const PRODUCT_FILTER_FIELDS: ProductFilterField[] = ["q", "category", "coop", "inStock"];

export function parseProductFilters(
  params: URLSearchParams,
): { ok: true; value: ProductFiltersValue } | { ok: false; errors: ProductFilterErrors } {
  const raw = Object.fromEntries(PRODUCT_FILTER_FIELDS.map((k) => [k, params.get(k) ?? undefined]));
  const result = productFiltersSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: ProductFilterErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as ProductFilterField;
    errors[field] ??= issue.message as MessageKey;
  }
  return { ok: false, errors };
}
