import { redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useI18n } from "~/i18n/use-i18n";

// Signing out is a POST (a link or image must not be able to sign someone out);
// GET shows the button, for people who typed the address.
export async function loader(_: LoaderFunctionArgs) {
  return null;
}

// A document load, like signing in: nothing of the signed-out user's page or client-side
// state outlives the session, and the URL never changes ahead of the page (issue 7, 14).
export async function action({ request, context }: ActionFunctionArgs) {
  return redirectDocument("/", { headers: await context.auth.signOut(request) });
}

export default function LogoutPage() {
  const { t } = useI18n();
  return (
    <Form method="post" className="mx-auto max-w-sm py-8 text-center">
      <button type="submit" className="rounded bg-leaf-700 px-4 py-2 font-semibold text-white">
        {t("nav.signOut")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
