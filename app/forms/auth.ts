import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";

// Sign-in and sign-up forms (server-side parsing; the browser uses the same limits as
// HTML attributes). Messages are i18n keys.
const email = z.string().trim().toLowerCase().max(254, { message: "auth.errors.email" }).pipe(z.email({ message: "auth.errors.email" }));

export const signInSchema = z.object({
  email,
  password: z.string().min(1, { message: "auth.errors.passwordRequired" }).max(200, { message: "auth.errors.passwordRequired" }),
});

export const PASSWORD_MIN = 8;
export const signUpSchema = z.object({
  email,
  password: z
    .string()
    .min(PASSWORD_MIN, { message: "auth.errors.passwordShort" })
    .max(200, { message: "auth.errors.passwordShort" }),
  displayName: z.string().trim().min(1, { message: "auth.errors.name" }).max(40, { message: "auth.errors.name" }),
});

export type AuthFieldErrors = Partial<Record<"email" | "password" | "displayName", MessageKey>>;

export function fieldErrors(error: z.ZodError): AuthFieldErrors {
  const errors: AuthFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as keyof AuthFieldErrors;
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}

export { safeRedirect } from "~/http/safe-redirect";
