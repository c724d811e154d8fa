import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { SiteFooter, SiteHeader, type HeaderViewer } from "~/components/site-chrome";
import { browserEnv } from "~/env.server";
import { requestScope } from "~/http/request-scope.server";
import { getHeaderState, type Viewer } from "~/models/user.server";
import { DEFAULT_LOCALE, resolveLocale } from "~/i18n/locale";
import stylesheet from "~/styles/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const scope = requestScope(context, request);
  const auth = await scope.auth();
  const { cartCount: count, viewer } = auth.visitor || auth.user
    ? await scope.runOne((q) => getHeaderState(q, auth.user?.id ?? null))
    : { cartCount: 0, viewer: null };
  const payload = {
    locale: resolveLocale(request),
    cartCount: count,
    viewer,
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

function Document({ locale, children, env }: { locale: string; children: ReactNode; env?: unknown }) {
  const nonce = useNonce();
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#255818" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        {children}
        {/* Only the allow-listed browser env (see env.server.ts) is serialised here. */}
        {env ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: `window.ENV=${JSON.stringify(env).replace(/</g, "\\u003c")}` }} /> : null}
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
      <SiteHeader returnTo={data.returnTo} cartCount={data.cartCount} viewer={headerViewer(data.viewer)} />
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
      <SiteHeader returnTo={data?.returnTo ?? "/"} cartCount={data?.cartCount ?? 0} viewer={headerViewer(data?.viewer ?? null)} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">
        <GeneralErrorBoundary />
      </main>
      <SiteFooter />
    </Document>
  );
}
