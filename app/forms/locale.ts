import { z } from "zod";
import { safeRedirect } from "~/http/safe-redirect";
import { LOCALES } from "~/i18n/locale";

// The language switch: a plain form POST, so it works without JavaScript.
export const localeFormSchema = z.object({
  locale: z.enum(LOCALES),
  // Only same-site paths (see safeRedirect): never an open redirect.
  returnTo: z.unknown().optional().transform((to) => safeRedirect(to)),
});
