import * as z from "zod";
import { parseYuan } from "~/domain/money";
import { UUID_PATTERN } from "~/domain/uuid";
import { formObject } from "./form-object";
import { blankToNull, checkbox, text, wholeNumber } from "./text-field";

// The dashboard's product form (new and edit; multipart, with an optional photo). One
// schema in the browser and the action; what the photo's bytes are is checked on the
// server only (product-photo.ts), after this schema.
export const UNITS = ["kg", "jin", "box", "bag", "jar", "piece"] as const;

const altText = z.string({ error: "dash.errors.imageAlt" }).trim().max(200, { message: "dash.errors.imageAlt" });

/** A file input with a file chosen (an untouched one still sends an empty, unnamed part). */
export function isChosenFile(value: unknown): value is File {
  return typeof File !== "undefined" && value instanceof File && !(value.size === 0 && value.name === "");
}

export const productFormSchema = formObject({
  titleZh: text(1, 120, "dash.errors.title"),
  titleEn: text(1, 120, "dash.errors.title"),
  descriptionZh: text(0, 2000, "dash.errors.description"),
  descriptionEn: text(0, 2000, "dash.errors.description"),
  categorySlug: z.string({ error: "dash.errors.category" }).regex(/^[a-z0-9-]{1,40}$/, { message: "dash.errors.category" }),
  unit: z.enum(UNITS, { message: "dash.errors.unit" }),
  price: z.string({ error: "dash.errors.price" }).transform((v, ctx) => {
    const fen = parseYuan(v);
    if (fen === null || fen <= 0 || fen > 100_000_000) {
      ctx.addIssue({ code: "custom", message: "dash.errors.price" });
      return z.NEVER;
    }
    return fen;
  }),
  stock: wholeNumber(0, 1_000_000, "dash.errors.stock"),
  // on edit: the stock as the page showed it, so a save applies the admin's change as a delta
  stockSeen: z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.coerce.number().int().min(0).max(1_000_000).optional()),
  perBuyerLimit: z.preprocess(blankToNull, wholeNumber(1, 999, "dash.errors.limit").nullable()),
  householdId: z.preprocess(blankToNull, z.string().regex(UUID_PATTERN, { message: "dash.errors.household" }).nullable()),
  status: z.enum(["draft", "active", "archived"], { message: "dash.errors.status" }),
  featured: checkbox(),
  image: z.unknown().optional(),
  imageAltZh: altText.default(""),
  imageAltEn: altText.default(""),
}).superRefine((form, ctx) => {
  // A new photo needs its description; without one, a description only renames the current photo.
  if (!isChosenFile(form.image)) return;
  if (!form.imageAltZh) ctx.addIssue({ code: "custom", path: ["imageAltZh"], message: "dash.errors.imageAlt" });
  if (!form.imageAltEn) ctx.addIssue({ code: "custom", path: ["imageAltEn"], message: "dash.errors.imageAlt" });
});

export type ProductFormValue = z.output<typeof productFormSchema>;
export type ProductFields = Omit<ProductFormValue, "image" | "imageAltZh" | "imageAltEn">;

/** A product write the model refused, as the field it concerns (Conform's fieldErrors). */
export function productWriteErrors(error: "household" | "category" | "stock"): Record<string, string[]> {
  const field = { household: "householdId", category: "categorySlug", stock: "stock" } as const;
  const message = { household: "dash.errors.household", category: "dash.errors.category", stock: "dash.errors.stockCap" } as const;
  return { [field[error]]: [message[error]] };
}
