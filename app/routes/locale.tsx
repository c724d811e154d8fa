import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFormSchema } from "~/forms/locale";
import { LOCALE_COOKIE } from "~/i18n/locale";
import { readForm } from "~/http/read-form.server";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
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
