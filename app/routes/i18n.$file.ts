import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/locale";
import { messagesScript, messagesVersion } from "~/i18n/messages.server";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

// /i18n/<locale>.<version>.js: one language's messages. The version is the content's hash,
// so the current one is cached for good (shared caches included: it is the same for
// everyone); an older version still gets today's messages, briefly cached, so a page
// rendered before a deploy keeps working.
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^(.+)\.([0-9a-f]{12})\.js$/.exec(params.file ?? "");
  const locale = match?.[1];
  if (!match || !isLocale(locale)) throw new Response("Not found", { status: 404 });
  const current = match[2] === messagesVersion(locale);
  return new Response(messagesScript(locale), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": current ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : "public, max-age=300",
    },
  });
}
