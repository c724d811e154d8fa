import * as z from "zod";
import { formObject } from "./form-object";
import { isCommonPassword } from "~/auth/common-passwords.server";
import { PASSWORD_MIN, passwordProblem, type PasswordProblem } from "~/auth/password-policy";
import type { MessageKey } from "~/i18n/translate";

// Sign-in and sign-up forms: one schema each, run by Conform in the browser and in the
// action. Messages are message keys (see field-errors.ts).
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "auth.errors.email" })
  .pipe(z.email({ message: "auth.errors.email" }));

export const signInSchema = formObject({
  email,
  password: z.string().min(1, { message: "auth.errors.passwordRequired" }).max(200, { message: "auth.errors.passwordRequired" }),
});

export { PASSWORD_MIN };
// The password policy (app/auth/password-policy.ts): what the password alone shows (too
// short, a pattern, a common password) on the field; what needs the email and name once
// they parse. The common-password list is a server module: the browser bundle gets an
// empty stand-in (passwordProblem then skips that check), so only the server refuses a common password.
const PASSWORD_MESSAGES: Record<PasswordProblem, MessageKey> = {
  short: "auth.errors.passwordShort",
  pattern: "auth.errors.passwordPattern",
  personal: "auth.errors.passwordPersonal",
  common: "auth.errors.passwordCommon",
};
export const signUpSchema = formObject({
  email,
  password: z
    .string()
    .min(PASSWORD_MIN, { message: "auth.errors.passwordShort" })
    .max(200, { message: "auth.errors.passwordShort" })
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password, {}, isCommonPassword);
      if (problem) ctx.addIssue({ code: "custom", message: PASSWORD_MESSAGES[problem] });
    }),
  displayName: z.string().trim().min(1, { message: "auth.errors.name" }).max(40, { message: "auth.errors.name" }),
}).superRefine(({ email, password, displayName }, ctx) => {
  if (passwordProblem(password, { email, displayName }, isCommonPassword) === "personal") {
    ctx.addIssue({ code: "custom", path: ["password"], message: PASSWORD_MESSAGES.personal });
  }
});

export { safeRedirect } from "~/http/safe-redirect";
