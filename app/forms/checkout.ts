import { z } from "zod";
import { echoable, formObject } from "./form-object";
import type { MessageKey } from "~/i18n/translate";
import { CHECKOUT_FIELDS, type CheckoutField } from "./checkout-fields";

// Checkout details. One schema for the form (field names, limits) and the action.
// Messages are i18n keys, translated where they are shown.
const text = (min: number, max: number, key: MessageKey) =>
  z
    .string({ error: key })
    .trim()
    .min(min, { message: key })
    .max(max, { message: key });

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
export { CHECKOUT_FIELDS, type CheckoutField };

export function parseCheckout(form: FormData):
  | { ok: true; value: CheckoutInput }
  | { ok: false; errors: Partial<Record<CheckoutField, MessageKey>>; values: Record<CheckoutField, string> } {
  const values = Object.fromEntries(
    CHECKOUT_FIELDS.map((f) => [f, typeof form.get(f) === "string" ? String(form.get(f)) : ""]),
  ) as Record<CheckoutField, string>;
  const result = checkoutSchema.safeParse(values);
  if (result.success) return { ok: true, value: result.data };
  const errors: Partial<Record<CheckoutField, MessageKey>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as CheckoutField;
    errors[field] ??= issue.message as MessageKey;
  }
  const echo = Object.fromEntries(CHECKOUT_FIELDS.map((f) => [f, echoable(values[f])])) as Record<CheckoutField, string>;
  return { ok: false, errors, values: echo };
}
