import * as z from "zod";
import type { MessageKey } from "~/i18n/translate";
import { formObject } from "./form-object";

// Checkout details: one schema for the form (browser and action, through Conform).
// Messages are message keys, translated where they are shown (field-errors.ts).
const text = (min: number, max: number, key: MessageKey) =>
  z.string({ error: key }).trim().min(min, { message: key }).max(max, { message: key });

/** Mainland mobile numbers: 11 digits starting 1[3-9]; spaces, dashes and +86 are tolerated. */
export function normalizeMobile(value: string): string {
  const digits = value.replace(/[\s-]/g, "");
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, "");
}

export const checkoutSchema = formObject({
  contactName: text(1, 40, "checkout.errors.name"),
  contactPhone: z
    .string({ error: "checkout.errors.phone" })
    .transform(normalizeMobile)
    .pipe(z.string().regex(/^1[3-9]\d{9}$/, { message: "checkout.errors.phone" })),
  province: text(1, 30, "checkout.errors.province"),
  city: text(1, 30, "checkout.errors.city"),
  district: text(1, 30, "checkout.errors.district"),
  addressLine: text(4, 120, "checkout.errors.address"),
});

export type CheckoutInput = z.output<typeof checkoutSchema>;
export const CHECKOUT_FIELDS = [
  "contactName",
  "contactPhone",
  "province",
  "city",
  "district",
  "addressLine",
] as const satisfies readonly (keyof CheckoutInput)[];
export type CheckoutField = (typeof CHECKOUT_FIELDS)[number];
