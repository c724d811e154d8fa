import * as z from "zod";
import { parseYuan } from "~/domain/money";
import { UUID_PATTERN } from "~/domain/uuid";
import { formObject } from "./form-object";
import { blankToNull, text } from "./text-field";

// Recording an offline payout (cash or bank) on the dashboard's payouts page. One schema in
// the browser and the action. The amount is typed in yuan and parsed to whole fen by the
// money module (no floats); what is owed, and whose payee it is, only the database knows
// (public.record_payout), and its refusals come back as errors on these same fields.
export const PAYOUT_METHODS = ["cash", "bank"] as const;
/** ¥10,000,000: far above any village payout, well inside a safe integer of fen. */
export const MAX_PAYOUT_FEN = 1_000_000_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const payoutFormSchema = formObject({
  intent: z.literal("record-payout"),
  // the per-render token: a double submit of one form records one payout
  idempotencyKey: z.string().regex(UUID_PATTERN),
  payeeAccountId: z.string({ error: "dash.payouts.errors.payee" }).regex(UUID_PATTERN, { message: "dash.payouts.errors.payee" }),
  amount: z.string({ error: "dash.payouts.errors.amount" }).transform((v, ctx) => {
    const fen = parseYuan(v);
    if (fen === null || fen <= 0 || fen > MAX_PAYOUT_FEN) {
      ctx.addIssue({ code: "custom", message: "dash.payouts.errors.amount" });
      return z.NEVER;
    }
    return fen;
  }),
  method: z.enum(PAYOUT_METHODS, { message: "dash.payouts.errors.method" }),
  note: text(1, 200, "dash.payouts.errors.note"),
  paidOn: z.preprocess(
    blankToNull,
    z
      .string({ error: "dash.payouts.errors.paidOn" })
      .refine((v) => isCalendarDate(v) && v >= "2020-01-01", { message: "dash.payouts.errors.paidOn" })
      .nullable(),
  ),
});

export type PayoutFormValue = z.output<typeof payoutFormSchema>;

export type PayoutRefusal =
  "unknown_payee" | "invalid_amount" | "invalid_method" | "invalid_note" | "invalid_date" | "more_than_owed" | "key_reused" | "invalid_key";

/** What the database refused, as the field it concerns (Conform's fieldErrors; "" = the whole form). */
export function payoutErrors(reason: PayoutRefusal): Record<string, string[]> {
  switch (reason) {
    case "unknown_payee":
      return { payeeAccountId: ["dash.payouts.errors.payee"] };
    case "invalid_amount":
      return { amount: ["dash.payouts.errors.amount"] };
    case "more_than_owed":
      return { amount: ["dash.payouts.errors.moreThanOwed"] };
    case "invalid_method":
      return { method: ["dash.payouts.errors.method"] };
    case "invalid_note":
      return { note: ["dash.payouts.errors.note"] };
    case "invalid_date":
      return { paidOn: ["dash.payouts.errors.paidOn"] };
    case "key_reused":
    case "invalid_key":
      return { "": ["dash.payouts.errors.stale"] };
  }
}
