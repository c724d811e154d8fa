import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DisclosureTables } from "~/components/statements/disclosure-tables";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getDisclosureCoop, listDisclosure } from "~/models/disclosure.server";

// /coops/:slug/disclosure: a cooperative's public e-commerce income disclosure (village
// affairs oversight), read as anon through public.income_disclosure: aggregates per year and
// month only, no buyer or household. Until the cooperative's admin turns it on: 404.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, (t) => (data ? { title: t("disclosure.title", { name: data.coop.name }) } : {}));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const locale = resolveLocale(request);
  return requestScope(context, request).runPublic(async (tx) => {
    const coop = await getDisclosureCoop(tx, slug, locale);
    invariantResponse(coop?.enabled, "Not found");
    return { coop, years: await listDisclosure(tx, slug) };
  });
}

export default function DisclosurePage() {
  const { coop, years } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <article data-print-page className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("disclosure.title", { name: coop.name })}</h1>
        <p className="max-w-3xl text-sm text-soil-800">{t("disclosure.intro")}</p>
        <p data-print-hide>
          <a href={`/coops/${coop.slug}/disclosure.csv`} download className="text-sm font-semibold text-leaf-800 underline">
            {t("disclosure.csv")}
          </a>
        </p>
      </div>
      {years.length === 0 ? <p className="text-soil-800">{t("disclosure.none")}</p> : <DisclosureTables years={years} />}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
