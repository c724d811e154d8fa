import * as z from "zod";
import { formObject } from "./form-object";
import { safeRedirect } from "~/http/safe-redirect";
import { LOCALES } from "~/i18n/locale";

// The language switch (site-chrome.tsx): a plain form POST, so it works without JavaScript.
// Parsed through Conform in the action only: two hidden fields give a browser nothing to
// check, and the switch is on every page, whose root bundle should not carry the form library.
export const localeFormSchema = formObject({
  locale: z.enum(LOCALES),
  // Only same-site paths (see safeRedirect): never an open redirect.
  returnTo: z
    .unknown()
    .optional()
    .transform((to) => safeRedirect(to)),
});
