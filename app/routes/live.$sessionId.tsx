import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useRevalidator, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LiveCartSheet } from "~/components/live-cart/live-cart-sheet";
import { LiveChat, useLiveChat } from "~/components/live-chat/live-chat";
import { FlashSaleBanner } from "~/components/live-flash/flash-sale-banner";
import { SalesTicker, recentSales } from "~/components/live-flash/sales-ticker";
import { useFlashSale } from "~/components/live-flash/use-flash-sale";
import type { FirstFrameBoot } from "~/components/live-player/first-frame-boot";
import { hlsConfig } from "~/components/live-player/hls-engine";
import { hlsModules } from "~/components/live-player/hls-module.server";
import { LivePlayer } from "~/components/live-player/live-player";
import { sessionMode } from "~/components/live-player/player-state";
import { PinnedProduct } from "~/components/live-player/pinned-product";
import { ReplayChapters } from "~/components/live-replay/replay-chapters";
import { ProductCard } from "~/components/product-card";
import { chapterAt } from "~/domain/replay-chapters";
import { keepsPageData } from "~/domain/live-page-revalidation";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { pageMeta } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { liveSessionPage } from "~/models/live-page.server";
import type { LiveEvent } from "~/realtime/live-event";
import { useLiveEvents } from "~/realtime/use-live-events";

// The viewer's page: the player docked at the top (sticky on a phone, so it keeps playing in
// view while the viewer scrolls and buys), the pinned product under it following the host's
// pins and flash sales in real time, the sales ticker, chat, and a rail of everything the
// session sells. Adding to cart and the cart sheet's checkout and payment go through
// fetchers: the video never stops and the URL stays. A replay shows each product card from
// the moment it was pinned and lists "jump to" chapters.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, () => (data ? { title: data.session.title, description: data.session.description.slice(0, 160) || undefined } : {}));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const scope = requestScope(context, request);
  const user = await scope.user();
  const sessionId = params.sessionId ?? "";
  // Guests read as anon (the page stays shareable-cacheable); a signed-in viewer as themself
  // (a moderator sees hidden messages and who is muted).
  const page = user
    ? await scope.run((tx) => liveSessionPage(tx, sessionId, locale, true))
    : await scope.runPublic((tx) => liveSessionPage(tx, sessionId, locale, false));
  invariantResponse(page, "Session not found");
  return { ...page, signedIn: Boolean(user), firstFrame: firstFrameBoot(page.session) };
}

/** A session with something to play starts its stream before the app's scripts (root.tsx, first-frame-boot.ts). */
function firstFrameBoot(session: Parameters<typeof sessionMode>[0]): FirstFrameBoot | null {
  const mode = sessionMode(session);
  const modules = hlsModules();
  if (!modules || (mode.kind !== "live" && mode.kind !== "replay")) return null;
  return { src: mode.src, hlsModules: modules, config: hlsConfig(mode.kind === "live", -1) };
}

// The page's own fetchers need not reload the whole session: chat posts and moderation arrive
// over the event stream, and so does what buying changes for everyone (units left, sold out,
// the sales ticker); the header's cart count belongs to the root route, which still reloads.
// Without this, each of a flash sale's hundreds of buyers would re-read the page after adding
// and again after checking out, all in the same second.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction && keepsPageData(formAction) ? false : defaultShouldRevalidate;

export default function LiveSessionPage() {
  const { session, products, lastEventId, flash: loadedFlash, chapters, chat: chatView, signedIn } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const location = useLocation();
  const revalidator = useRevalidator();
  const refresh = useCallback(() => {
    if (revalidator.state === "idle") revalidator.revalidate();
  }, [revalidator]);
  const chat = useLiveChat(chatView.messages, { keepHidden: chatView.canModerate });
  const flash = useFlashSale(loadedFlash, loadedFlash?.flashSaleId ?? null);
  const { onEvent: onChatEvent } = chat;
  const { onEvent: onFlashEvent } = flash;
  const onEvent = useCallback(
    (event: LiveEvent) => {
      onChatEvent(event);
      onFlashEvent(event);
      // Went live, or ended with its replay: the page's session data moved on.
      if (event.type === "session") refresh();
    },
    [onChatEvent, onFlashEvent, refresh],
  );
  const live = useLiveEvents(session.id, { initialPinnedProductId: session.pinnedProductId, lastEventId, onEvent });

  // A replay follows its own clock: the card of the product pinned at that moment.
  const [replayMs, setReplayMs] = useState(0);
  const [replaySeek, setReplaySeek] = useState<{ seconds: number; nonce: number } | null>(null);
  const onReplayTime = useCallback((seconds: number) => setReplayMs(Math.floor(seconds * 1000)), []);
  const chapter = chapters.length ? chapterAt(chapters, replayMs) : null;

  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);
  const titleOf = useCallback((id: string) => byId.get(id)?.title ?? null, [byId]);
  const pinnedId = session.status === "ended" ? (chapter?.productId ?? null) : live.pinnedProductId;
  const pinned = pinnedId ? byId.get(pinnedId) : undefined;
  const flashView = flash.view && pinned && flash.view.sale.productId === pinned.id ? flash.view : null;
  // Without JavaScript the cart action redirects back here with ?added=<productId>.
  const addedId = new URLSearchParams(location.search).get("added");
  const added = addedId ? byId.get(addedId) : undefined;
  // Buying attributes the sale (and the streamer's share) to this session while it can sell.
  const buyFrom =
    session.status === "live" || session.status === "ended" ? { liveSessionId: session.id, returnTo: `/live/${session.id}` } : undefined;
  const sales = recentSales(live.recent);
  return (
    <div className="lg:grid lg:grid-cols-3 lg:items-start lg:gap-6">
      <div className="sticky top-0 z-30 -mx-4 -mt-6 sm:-mx-6 lg:col-span-2 lg:mx-0 lg:mt-0 lg:overflow-hidden lg:rounded-lg">
        <LivePlayer session={session} viewers={live.viewers} onRefresh={refresh} onReplayTime={onReplayTime} replaySeek={replaySeek} />
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
            <aside aria-labelledby="pinned-title" className="space-y-2">
              <h2 id="pinned-title" className="mb-1 text-sm font-semibold text-chili-700">
                {session.status === "ended" ? t("replay.pinnedThen") : t("live.pinned")}
              </h2>
              {flashView ? <FlashSaleBanner view={flashView} regularPriceFen={pinned.priceFen} /> : null}
              <PinnedProduct key={pinned.id} product={pinned} buyFrom={buyFrom} />
            </aside>
          ) : null}
        </div>
        <SalesTicker sales={sales} titleOf={titleOf} />
        {chapters.length ? (
          <ReplayChapters
            chapters={chapters}
            titleOf={titleOf}
            current={chapter}
            onJump={(ms) => setReplaySeek((s) => ({ seconds: ms / 1000, nonce: (s?.nonce ?? 0) + 1 }))}
          />
        ) : null}
        {session.status === "cancelled" ? null : (
          <LiveChat
            sessionId={session.id}
            messages={chat.messages}
            canPost={signedIn}
            canModerate={chatView.canModerate}
            mutedUserIds={chatView.mutedUserIds}
            muted={chatView.muted}
            closed={session.status === "scheduled" ? "before" : session.status === "ended" ? "after" : undefined}
            signInHref={`/login?redirectTo=${encodeURIComponent(`/live/${session.id}`)}`}
          />
        )}
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
      {buyFrom ? <LiveCartSheet /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
