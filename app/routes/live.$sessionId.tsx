import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { useCallback } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LivePlayer } from "~/components/live-player/live-player";
import { PinnedProduct } from "~/components/live-player/pinned-product";
import { ProductCard } from "~/components/product-card";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { latestLiveEventId } from "~/models/live-event.server";
import { getSession } from "~/models/live-session.server";
import { listSessionProducts } from "~/models/product.server";
import { useLiveEvents } from "~/realtime/use-live-events";

// The viewer's page: the player docked at the top (sticky on a phone, so it keeps playing in
// view while the viewer scrolls), the pinned product under it following the host's pins in
// real time, and a rail of everything the session sells. Adding to cart goes through a
// fetcher (the video never stops, the URL stays); without JavaScript it posts and comes back.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, () => (data ? { title: data.session.title, description: data.session.description.slice(0, 160) || undefined } : {}));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  return requestScope(context, request).runPublic(async (tx) => {
    const session = await getSession(tx, params.sessionId ?? "", locale);
    invariantResponse(session, "Session not found");
    const products = await listSessionProducts(tx, session.id, locale);
    // The event stream resumes after this id, so no pin between render and connect is lost.
    return { session, products, lastEventId: await latestLiveEventId(tx, session.id) };
  });
}

export default function LiveSessionPage() {
  const { session, products, lastEventId } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const location = useLocation();
  const revalidator = useRevalidator();
  const live = useLiveEvents(session.id, { initialPinnedProductId: session.pinnedProductId, lastEventId });
  const refresh = useCallback(() => {
    if (revalidator.state === "idle") revalidator.revalidate();
  }, [revalidator]);
  const pinned = products.find((p) => p.id === live.pinnedProductId);
  // Without JavaScript the cart action redirects back here with ?added=<productId>.
  const addedId = new URLSearchParams(location.search).get("added");
  const added = addedId ? products.find((p) => p.id === addedId) : undefined;
  // Buying attributes the sale (and the streamer's share) to this session while it can sell.
  const buyFrom =
    session.status === "live" || session.status === "ended" ? { liveSessionId: session.id, returnTo: `/live/${session.id}` } : undefined;
  return (
    <div className="lg:grid lg:grid-cols-3 lg:items-start lg:gap-6">
      <div className="sticky top-0 z-30 -mx-4 -mt-6 sm:-mx-6 lg:col-span-2 lg:mx-0 lg:mt-0 lg:overflow-hidden lg:rounded-lg">
        <LivePlayer session={session} viewers={live.viewers} onRefresh={refresh} />
      </div>
      <div className="mt-3 space-y-3 lg:col-start-3 lg:row-span-2 lg:row-start-1 lg:mt-0">
        {added ? (
          <p role="status" className="rounded bg-leaf-50 p-3 text-sm text-leaf-800">
            {t("cart.addedNamed", { title: added.title })}{" "}
            <Link to="/cart" className="font-medium underline">
              {t("cart.viewCart")}
            </Link>
          </p>
        ) : null}
        {/* Announced when the host pins another product. */}
        <div aria-live="polite">
          {pinned ? (
            <aside aria-labelledby="pinned-title">
              <h2 id="pinned-title" className="mb-1 text-sm font-semibold text-chili-700">
                {t("live.pinned")}
              </h2>
              <PinnedProduct key={pinned.id} product={pinned} buyFrom={buyFrom} />
            </aside>
          ) : null}
        </div>
      </div>
      <div className="lg:col-span-2">
        <h1 className="mt-4 text-xl font-bold sm:text-2xl">{session.title}</h1>
        <p className="mt-1 text-sm">
          <Link to={`/coops/${session.coopSlug}`} className="text-leaf-800">
            {session.coopName}
          </Link>
        </p>
        <section aria-labelledby="session-products-title" className="mt-4">
          <h2 id="session-products-title" className="text-lg font-bold">
            {t("live.products")}
          </h2>
          {/* A swipeable rail on a phone, a grid from tablets up. */}
          <ul className="-mx-4 mt-2 flex snap-x gap-3 overflow-x-auto px-4 pb-2 sm:mx-0 sm:grid sm:grid-cols-3 sm:overflow-visible sm:px-0 lg:grid-cols-3">
            {products.map((p) => (
              <li key={p.id} className="flex w-44 shrink-0 snap-start sm:w-auto">
                <ProductCard product={p} buyFrom={buyFrom} />
              </li>
            ))}
          </ul>
        </section>
        <p className="mt-4 text-soil-800">{session.description}</p>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
