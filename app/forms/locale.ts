import { z } from "zod";
import { formObject } from "./form-object";
import { safeRedirect } from "~/http/safe-redirect";
import { LOCALES } from "~/i18n/locale";

// The language switch: a plain form POST, so it works without JavaScript.
export const localeFormSchema = formObject({
  locale: z.enum(LOCALES),
  // Only same-site paths (see safeRedirect): never an open redirect.
  returnTo: z.unknown().optional().transform((to) => safeRedirect(to)),
});
