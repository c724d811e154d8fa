import { z } from "zod";
import { LOCALES } from "~/i18n/locale";

// The language switch: a plain form POST, so it works without JavaScript.
export const localeFormSchema = z.object({
  locale: z.enum(LOCALES),
  // Only same-site paths: "/x" but never "//evil.example" (an open redirect).
  returnTo: z
    .string()
    .regex(/^\/(?![/\\])/)
    .max(2000)
    .catch("/"),
});
