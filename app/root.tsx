import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useMatches, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BOOT_MARKER, DEFERRED_SCRIPT_TYPE, type FirstFrameBoot } from "~/components/live-player/first-frame-boot";
import { firstFrameScript } from "~/components/live-player/first-frame-script.server";
import { useNonce } from "~/components/nonce";
import { SiteFooter, SiteHeader, type HeaderViewer } from "~/components/site-chrome";
import { browserEnv } from "~/env.server";
import { requestScope } from "~/http/request-scope.server";
import { getHeaderState, type Viewer } from "~/models/user.server";
import { DEFAULT_LOCALE, resolveLocale, type Locale } from "~/i18n/locale";
import { messagesScriptPath } from "~/i18n/messages-source";
import stylesheet from "~/styles/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const scope = requestScope(context, request);
  const auth = await scope.auth();
  const locale = resolveLocale(request);
  const { cartCount: count, viewer } =
    auth.visitor || auth.user
      ? await scope.runOne((q) => getHeaderState(q, auth.user?.id ?? null, locale))
      : { cartCount: 0, viewer: null };
  const payload = {
    locale,
    cartCount: count,
    // Only what the header shows: every page carries this, so not the email or memberships.
    viewer: headerViewer(viewer),
    returnTo: `${url.pathname}${url.search}`,
    ENV: browserEnv(context.env),
  };
  // An auth adapter may refresh its session cookies (Supabase): pass them on.
  return [...auth.headers.keys()].length ? data(payload, { headers: auth.headers }) : payload;
}

function headerViewer(viewer: Viewer | null): HeaderViewer {
  if (!viewer) return null;
  return { displayName: viewer.displayName, dashboardPath: viewer.dashboardPath, studioPath: viewer.isHost ? "/studio" : null };
}

function Document({ locale, children, env }: { locale: Locale; children: ReactNode; env?: unknown }) {
  const nonce = useNonce();
  const messagesScript = messagesScriptPath(locale);
  // A page that plays video starts its stream first and holds the app's scripts back until the
  // first frame (see first-frame-boot.ts); before the stylesheet, so it runs at once.
  const boot = useMatches()
    .map((m) => (m.data as { firstFrame?: FirstFrameBoot | null } | undefined)?.firstFrame)
    .find((b): b is FirstFrameBoot => Boolean(b));
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        {boot ? (
          // The text exists on the server only (a .server module is empty in the browser build):
          // hydration leaves the element as it is, and the script has long run by then.
          <script
            nonce={nonce}
            {...{ [BOOT_MARKER]: "" }}
            suppressHydrationWarning
            dangerouslySetInnerHTML={{ __html: typeof firstFrameScript === "function" ? firstFrameScript(boot) : "" }}
          />
        ) : null}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#255818" />
        <Meta />
        <Links />
        {/* The request's language only (see app/i18n/messages-source.ts); entry.client hydrates once it has run. */}
        {messagesScript ? (
          <script defer src={messagesScript} nonce={nonce} data-i18n-messages="" type={boot ? DEFERRED_SCRIPT_TYPE : undefined} />
        ) : null}
      </head>
      <body className="flex min-h-full flex-col">
        {children}
        {/* Only the allow-listed browser env (see env.server.ts) is serialised here. */}
        {env ? (
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: `window.ENV=${JSON.stringify(env).replace(/</g, "\\u003c")}` }} />
        ) : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Document locale={data.locale} env={data.ENV}>
      <SiteHeader returnTo={data.returnTo} cartCount={data.cartCount} viewer={data.viewer} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">
        <Outlet />
      </main>
      <SiteFooter />
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document locale={data?.locale ?? DEFAULT_LOCALE}>
      <SiteHeader returnTo={data?.returnTo ?? "/"} cartCount={data?.cartCount ?? 0} viewer={data?.viewer ?? null} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">
        <GeneralErrorBoundary />
      </main>
      <SiteFooter />
    </Document>
  );
}
