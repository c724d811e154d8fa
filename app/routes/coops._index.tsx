import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CoopCard } from "~/components/coop-card";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { listCooperatives } from "~/models/cooperative.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("coops.title"), description: t("coops.intro") }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { coops: await requestScope(context, request).runPublic((tx) => listCooperatives(tx, resolveLocale(request))) };
}

export default function CoopsPage() {
  const { coops } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("coops.title")}</h1>
      <p className="mt-1 text-soil-800">{t("coops.intro")}</p>
      {/* The cards' names are h3s (as on the home page): this h2 keeps the outline h1 → h2 → h3. */}
      <section aria-labelledby="coops-list-title">
        <h2 id="coops-list-title" className="sr-only">
          {t("coops.listTitle", { count: coops.length })}
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {coops.map((c) => (
            <li key={c.slug}>
              <CoopCard coop={c} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
