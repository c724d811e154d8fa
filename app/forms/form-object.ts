import * as z from "zod";

// The one rule for text that comes from a form or a query string: no control characters
// (Postgres cannot store NUL, and the rest are never meant: they are pasted junk or an
// attack), no lone surrogates, no non-characters. Tabs and line breaks are fine.
// Every form schema is built with formObject, so every field gets the same refusal as a
// field error ("form.errors.unstorable"), whatever the field's own rules are.
const UNSTORABLE_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cs}\uFFFE\uFFFF]/u;

export function hasUnstorableText(value: string): boolean {
  return UNSTORABLE_TEXT.test(value);
}

export const UNSTORABLE_MESSAGE = "form.errors.unstorable";

/** Issues for every string field of a raw form object that holds unstorable text. */
function refuseUnstorable(input: unknown, ctx: { issues: z.core.$ZodRawIssue[] }): unknown {
  if (input && typeof input === "object") {
    for (const [field, value] of Object.entries(input)) {
      if (typeof value === "string" && hasUnstorableText(value)) {
        ctx.issues.push({ code: "custom", path: [field], message: UNSTORABLE_MESSAGE, input: value });
      }
    }
  }
  return input;
}

/** z.object for a form: the field rules, after the shared refusal of unstorable text. */
export function formObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(refuseUnstorable, z.object(shape));
}

/** The same refusal in front of any schema (e.g. a discriminated union of intents). */
export function formSchema<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(refuseUnstorable, schema);
}

/**
 * A refused value as it may be shown back in its field: every unstorable character becomes
 * U+FFFD (�), so the person sees where it was and the page stays clean UTF-8 without NULs.
 */
export function echoable(value: string): string {
  return value.replace(new RegExp(UNSTORABLE_TEXT.source, "gu"), "\uFFFD");
}
