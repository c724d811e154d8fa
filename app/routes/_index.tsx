import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CoopCard } from "~/components/coop-card";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductCard } from "~/components/product-card";
import { SessionSection } from "~/components/session-section";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { listCooperatives } from "~/models/cooperative.server";
import { listSessionsForHome } from "~/models/live-session.server";
import { listFeaturedProducts } from "~/models/product.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, () => ({}));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  return requestScope(context, request).runPublic(async (tx) => ({
    sessions: await listSessionsForHome(tx, locale),
    featured: await listFeaturedProducts(tx, locale, 8),
    coops: await listCooperatives(tx, locale),
  }));
}

export default function HomePage() {
  const { sessions, featured, coops } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-10">
      <section aria-labelledby="hero-title" className="rounded-xl bg-leaf-800 px-5 py-8 text-white sm:px-8">
        <h1 id="hero-title" className="text-2xl font-bold leading-tight sm:text-3xl">
          {t("home.heroTitle")}
        </h1>
        <p className="mt-3 max-w-2xl text-leaf-50">{t("home.heroBody")}</p>
        <p className="mt-5">
          <Link
            to="/products"
            className="inline-block rounded bg-white px-4 py-2 font-semibold text-leaf-800 no-underline hover:bg-leaf-50"
          >
            {t("home.browseProducts")}
          </Link>
        </p>
      </section>

      <SessionSection id="live-title" title={t("home.liveNow")} sessions={sessions.live} empty={t("home.noLive")} />
      <SessionSection id="upcoming-title" title={t("home.upcoming")} sessions={sessions.upcoming} empty={t("home.noUpcoming")} />

      <section aria-labelledby="featured-title">
        <div className="flex items-baseline justify-between">
          <h2 id="featured-title" className="text-xl font-bold">
            {t("home.featured")}
          </h2>
          <Link to="/products" className="text-sm font-medium text-leaf-800">
            {t("home.viewAll")}
          </Link>
        </div>
        <ul className="mt-3 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
          {featured.map((p) => (
            <li key={p.id} className="flex">
              <ProductCard product={p} />
            </li>
          ))}
        </ul>
      </section>

      <SessionSection id="replays-title" title={t("home.replays")} sessions={sessions.replays} />

      <section aria-labelledby="coops-title">
        <h2 id="coops-title" className="text-xl font-bold">
          {t("home.coops")}
        </h2>
        <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
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
