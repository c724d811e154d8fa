import { fieldErrorText } from "~/forms/field-errors";
import type { FormReply } from "~/forms/parse-form";
import type { Locale } from "~/i18n/locale";
import { messagesFor } from "~/i18n/messages.server";
import { createTranslate } from "~/i18n/translate";

// How the dashboard's CSV exports answer: a download (UTF-8, the document already carries
// its BOM), personal so never cached; or a 400 in the request's language saying what is
// wrong with the query, as the page's form would say it.

/** A file name safe in any browser and any header: ASCII letters, digits, dots and dashes. */
export function csvFilename(...parts: string[]): string {
  return `${parts.map((p) => p.replace(/[^A-Za-z0-9.-]+/g, "-")).join("_")}.csv`;
}

export function csvResponse(document: string, filename: string): Response {
  return new Response(document, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export function csvRefusal(reply: FormReply, locale: Locale): Response {
  const t = createTranslate(locale, messagesFor(locale));
  const errors = Object.values(reply.error ?? {})
    .map((e) => fieldErrorText(t, e))
    .filter((e): e is string => Boolean(e));
  return new Response(t("dash.reports.errors.csv", { errors: errors.join(" ") }), {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
