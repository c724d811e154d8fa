import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductCard } from "~/components/product-card";
import { invariantResponse } from "~/http/invariant-response";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { getSession } from "~/models/live-session.server";
import { listSessionProducts } from "~/models/product.server";
import { requestScope } from "~/http/request-scope.server";

// Session page. The HLS player, chat and buy-in-stream arrive with the live-session work;
// this already shows the session, its pinned product and everything it sells.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, () => (data ? { title: data.session.title, description: data.session.description.slice(0, 160) || undefined } : {}));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  return requestScope(context, request).runPublic(async (tx) => {
    const session = await getSession(tx, params.sessionId ?? "", locale);
    invariantResponse(session, "Session not found");
    return { session, products: await listSessionProducts(tx, session.id, locale) };
  });
}

export default function LiveSessionPage() {
  const { session, products } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  const location = useLocation();
  const pinned = products.find((p) => p.id === session.pinnedProductId);
  // Without JavaScript the cart action redirects back here with ?added=<productId>.
  const addedId = new URLSearchParams(location.search).get("added");
  const added = addedId ? products.find((p) => p.id === addedId) : undefined;
  // Buying attributes the sale (and the streamer's share) to this session while it can sell.
  const buyFrom =
    session.status === "live" || session.status === "ended" ? { liveSessionId: session.id, returnTo: `/live/${session.id}` } : undefined;
  return (
    <div className="space-y-6">
      {added ? (
        <p role="status" className="rounded bg-leaf-50 p-3 text-sm text-leaf-800">
          {t("cart.addedNamed", { title: added.title })}{" "}
          <Link to="/cart" className="font-medium underline">
            {t("cart.viewCart")}
          </Link>
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <div className="relative overflow-hidden rounded-lg bg-soil-900">
            {session.posterImage ? (
              <img
                src={session.posterImage}
                alt=""
                width={1280}
                height={720}
                fetchPriority="high"
                className="aspect-video w-full object-cover opacity-80"
              />
            ) : null}
            {session.status === "live" ? (
              <span className="absolute left-3 top-3 rounded bg-chili-700 px-2 py-0.5 text-xs font-bold text-white">
                {t("session.live")}
              </span>
            ) : null}
            <p className="absolute inset-x-0 bottom-0 bg-soil-900/80 p-3 text-sm text-white">
              {session.status === "scheduled"
                ? t("live.scheduledFor", { time: date(session.scheduledStart) })
                : session.status === "ended" && !session.replayUrl
                  ? t("live.ended")
                  : t("live.playerSoon")}
            </p>
          </div>
          <h1 className="mt-4 text-2xl font-bold">{session.title}</h1>
          <p className="mt-1 text-sm">
            <Link to={`/coops/${session.coopSlug}`} className="text-leaf-800">
              {session.coopName}
            </Link>
          </p>
          <p className="mt-2 text-soil-800">{session.description}</p>
        </div>
        {pinned ? (
          <aside aria-labelledby="pinned-title">
            <h2 id="pinned-title" className="mb-2 font-semibold">
              {t("live.pinned")}
            </h2>
            <ProductCard product={pinned} buyFrom={buyFrom} />
          </aside>
        ) : null}
      </div>
      <section aria-labelledby="session-products-title">
        <h2 id="session-products-title" className="text-xl font-bold">
          {t("live.products")}
        </h2>
        <ul className="mt-3 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
          {products.map((p) => (
            <li key={p.id} className="flex">
              <ProductCard product={p} buyFrom={buyFrom} />
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
