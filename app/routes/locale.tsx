import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LOCALE_COOKIE, LOCALES } from "~/i18n/locale";

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

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = localeFormSchema.safeParse(form);
  if (!parsed.success) {
    throw new Response("Unsupported language", { status: 400 });
  }
  const { locale, returnTo } = parsed.data;
  return redirect(returnTo, {
    headers: {
      "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`,
    },
  });
}

export async function loader() {
  return redirect("/");
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
