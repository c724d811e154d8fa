import { z } from "zod";
import { echoable, formObject } from "./form-object";
import { parseYuan } from "~/domain/money";
import { SPLIT_PARTIES, type SplitRule } from "~/domain/split-rule";
import { UUID_PATTERN } from "~/domain/uuid";
import type { MessageKey } from "~/i18n/translate";
import { percentToBasisPoints } from "./percent";

// Dashboard forms, parsed on the server (the browser gets the same limits as HTML attributes).
const text = (min: number, max: number, key: MessageKey) =>
  z.string().trim().min(min, { message: key }).max(max, { message: key });
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const UNITS = ["kg", "jin", "box", "bag", "jar", "piece"] as const;

export const productFormSchema = formObject({
  titleZh: text(1, 120, "dash.errors.title"),
  titleEn: text(1, 120, "dash.errors.title"),
  descriptionZh: text(0, 2000, "dash.errors.description"),
  descriptionEn: text(0, 2000, "dash.errors.description"),
  categorySlug: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: "dash.errors.category" }),
  unit: z.enum(UNITS, { message: "dash.errors.unit" }),
  price: z
    .string()
    .transform((v, ctx) => {
      const fen = parseYuan(v);
      if (fen === null || fen <= 0 || fen > 100_000_000) {
        ctx.addIssue({ code: "custom", message: "dash.errors.price" });
        return z.NEVER;
      }
      return fen;
    }),
  stock: z.coerce.number({ message: "dash.errors.stock" }).int({ message: "dash.errors.stock" }).min(0, { message: "dash.errors.stock" }).max(1_000_000, { message: "dash.errors.stock" }),
  stockSeen: z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.coerce.number().int().min(0).max(1_000_000).optional()),
  perBuyerLimit: z.preprocess(blankToNull, z.coerce.number({ message: "dash.errors.limit" }).int({ message: "dash.errors.limit" }).min(1, { message: "dash.errors.limit" }).max(999, { message: "dash.errors.limit" }).nullable()),
  householdId: z.preprocess(blankToNull, z.string().regex(UUID_PATTERN, { message: "dash.errors.household" }).nullable()),
  status: z.enum(["draft", "active", "archived"], { message: "dash.errors.status" }),
  featured: z.preprocess((v) => v === "on", z.boolean()),
});
export type ProductForm = z.output<typeof productFormSchema>;

export const householdFormSchema = formObject({
  nameZh: text(1, 40, "dash.errors.name"),
  nameEn: text(1, 60, "dash.errors.name"),
  headNameZh: text(1, 40, "dash.errors.name"),
  headNameEn: text(1, 60, "dash.errors.name"),
  members: z.coerce.number({ message: "dash.errors.members" }).int({ message: "dash.errors.members" }).min(1, { message: "dash.errors.members" }).max(50, { message: "dash.errors.members" }),
});

const bp = z.string().transform((v, ctx) => {
  const value = percentToBasisPoints(v);
  if (value === null) {
    ctx.addIssue({ code: "custom", message: "dash.errors.percent" });
    return z.NEVER;
  }
  return value;
});

/** Four percentages that must add up to exactly 100 %. */
export const splitFormSchema = formObject({ household: bp, collective: bp, streamer: bp, platform: bp })
  .refine((r: SplitRule) => SPLIT_PARTIES.reduce((sum, p) => sum + r[p], 0) === 10_000, {
    message: "dash.errors.splitSum",
    path: ["platform"],
  });

export type FormErrors<K extends string> = Partial<Record<K | "form", MessageKey>>;

export function formErrors<K extends string>(error: z.ZodError): FormErrors<K> {
  const errors: FormErrors<K> = {};
  for (const issue of error.issues) {
    const field = (issue.path[0] ?? "form") as K;
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}

export const refundFormSchema = formObject({
  orderId: z.string().regex(UUID_PATTERN),
  refundId: z.string().regex(UUID_PATTERN),
  restock: z.preprocess((v) => v === "on", z.boolean()),
  reason: z.string().trim().max(200, { message: "dash.refund.errors.reason" }).default(""),
});

type ProductFormResult =
  | { ok: true; value: ProductForm }
  | { ok: false; errors: FormErrors<keyof ProductForm>; echo: Record<string, string> };

/** Parses the product form; on failure returns field errors and what was typed, to re-render. */
export function readProductForm(form: FormData): ProductFormResult {
  const raw = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const parsed = productFormSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const echo = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, echoable(v)]));
  return { ok: false, errors: formErrors<keyof ProductForm>(parsed.error), echo };
}

// Which action a dashboard form asks for (one action per route, switched on intent). Only
// the intent and ids are read here (patterns that admit no control characters); the
// fields are parsed by their own formObject schema, which reports unstorable text.
export const householdIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create") }),
  z.object({ intent: z.literal("update"), householdId: z.string().regex(UUID_PATTERN) }),
  z.object({ intent: z.enum(["deactivate", "reactivate"]), householdId: z.string().regex(UUID_PATTERN) }),
]);

export const splitIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("set-default") }),
  z.object({ intent: z.literal("set-override"), productId: z.string().regex(UUID_PATTERN, { message: "dash.errors.product" }) }),
  z.object({ intent: z.literal("remove-override"), productId: z.string().regex(UUID_PATTERN) }),
]);

/** A product write the model refused, as the field it concerns. */
export function productWriteErrors(error: "household" | "category" | "stock"): FormErrors<keyof ProductForm> {
  const field = { household: "householdId", category: "categorySlug", stock: "stock" } as const;
  const message = { household: "dash.errors.household", category: "dash.errors.category", stock: "dash.errors.stockCap" } as const;
  return { [field[error]]: message[error] };
}
