import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductCard } from "~/components/product-card";
import { SessionCard } from "~/components/session-card";
import { invariantResponse } from "~/http/invariant-response";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getCooperativeBySlug } from "~/models/cooperative.server";
import { listSessionsForCoop } from "~/models/live-session.server";
import { listProductsForCoop } from "~/models/product.server";
import { requestScope } from "~/http/request-scope.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, () => (data ? { title: data.coop.name, description: data.coop.story.slice(0, 160) } : {}));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const locale = resolveLocale(request);
  return requestScope(context, request).runPublic(async (tx) => {
    const coop = await getCooperativeBySlug(tx, slug, locale);
    invariantResponse(coop, "Cooperative not found");
    return {
      coop,
      products: await listProductsForCoop(tx, slug, locale),
      sessions: await listSessionsForCoop(tx, slug, locale),
    };
  });
}

export default function CoopPage() {
  const { coop, products, sessions } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-8">
      <header>
        {coop.heroImage ? (
          <img
            src={coop.heroImage}
            alt=""
            width={1200}
            height={600}
            fetchPriority="high"
            className="aspect-[2/1] w-full rounded-lg bg-soil-100 object-cover sm:aspect-[3/1]"
          />
        ) : null}
        <h1 className="mt-4 text-2xl font-bold">{coop.name}</h1>
        <p className="mt-1 text-soil-800">
          {t("coop.place", { village: coop.village, town: coop.town, county: coop.county, province: coop.province })}
        </p>
        <p className="mt-1 text-sm text-soil-800">
          {t("coop.households", { count: coop.householdCount })}
          {coop.foundedYear ? ` · ${t("coop.founded", { year: String(coop.foundedYear) })}` : ""}
        </p>
        {coop.disclosureEnabled ? (
          <p className="mt-1 text-sm">
            <Link to={`/coops/${coop.slug}/disclosure`} className="font-semibold text-leaf-800 underline">
              {t("disclosure.link")}
            </Link>
          </p>
        ) : null}
      </header>

      <section aria-labelledby="story-title" className="max-w-3xl">
        <h2 id="story-title" className="text-xl font-bold">
          {t("coop.story")}
        </h2>
        <p className="mt-2 leading-relaxed">{coop.story}</p>
      </section>

      <section aria-labelledby="growers-title">
        <h2 id="growers-title" className="text-xl font-bold">
          {t("coop.growers")}
        </h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {coop.households.map((h) => (
            <li key={h.key} className="rounded-full bg-white px-3 py-1 text-sm shadow-sm">
              {h.name} · {t("product.members", { count: h.members })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="products-title">
        <h2 id="products-title" className="text-xl font-bold">
          {t("coop.products")}
        </h2>
        {products.length ? (
          <ul className="mt-3 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
            {products.map((p) => (
              <li key={p.id} className="flex">
                <ProductCard product={p} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-soil-800">{t("coop.noProducts")}</p>
        )}
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-xl font-bold">
          {t("coop.sessions")}
        </h2>
        {sessions.length ? (
          <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {sessions.map((s) => (
              <li key={s.id}>
                <SessionCard session={s} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-soil-800">{t("coop.noSessions")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
