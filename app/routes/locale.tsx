import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFormSchema } from "~/forms/locale";
import { parseForm } from "~/forms/parse-form";
import { readForm } from "~/http/read-form.server";
import { LOCALE_COOKIE } from "~/i18n/locale";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), localeFormSchema);
  // The switch is two hidden fields: a language we do not speak is a bad request.
  if (submission.status !== "success") {
    throw new Response("Unsupported language", { status: 400 });
  }
  const { locale, returnTo } = submission.value;
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
