import * as z from "zod";
import { formObject } from "./form-object";

// The /products filter form (a GET form). One schema for the form in the browser and the
// loader reading the query string, through Conform. Messages are message keys.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const productFiltersSchema = formObject({
  q: z.preprocess(blankToUndefined, z.string().trim().max(80, { message: "products.errors.q" }).optional()),
  category: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, { message: "products.errors.category" })
      .optional(),
  ),
  coop: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]{1,60}$/, { message: "products.errors.coop" })
      .optional(),
  ),
  // A checkbox: present means on; anything else means off (never an error).
  inStock: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
});

export type ProductFiltersValue = z.output<typeof productFiltersSchema>;
