import * as z from "zod";
import { UUID_PATTERN } from "~/domain/uuid";
import { formObject } from "./form-object";

// Stripe Connect onboarding on the dashboard (/dashboard/:coopSlug/payouts/connect): one
// button per payee, naming a household by id or the village collective. Whose payee it is,
// only the database decides (public.connect_payee_account).
export const COLLECTIVE = "collective";

export const connectFormSchema = formObject({
  intent: z.literal("onboard"),
  payee: z
    .string({ error: "dash.connect.errors.payee" })
    .refine((v) => v === COLLECTIVE || UUID_PATTERN.test(v), { message: "dash.connect.errors.payee" }),
});

/** The household id the form names (lower case: one idempotency key per payee), or null for the collective. */
export const payeeHouseholdId = (payee: string): string | null => (payee === COLLECTIVE ? null : payee.toLowerCase());
