import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

/** Every route's ErrorBoundary: a friendly, translated page; details never leak. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  let title = t("error.genericTitle");
  let body = t("error.genericBody");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("error.notFoundTitle");
      body = t("error.notFoundBody");
    } else if (error.status >= 400 && error.status < 500) {
      title = t("error.badRequestTitle");
      body = typeof error.data === "string" && error.data ? error.data : body;
    }
  }
  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-xl py-12 text-center">
      <h1 id="error-title" className="text-2xl font-bold text-soil-900">
        {title}
      </h1>
      <p className="mt-3 text-soil-800">{body}</p>
      <p className="mt-6">
        <Link to="/" className="font-medium text-leaf-800 underline">
          {t("error.backHome")}
        </Link>
      </p>
    </section>
  );
}
