import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import { browserEnv } from "~/env.server";
import { asVisitor } from "~/http/request-identity.server";
import { readVisitor } from "~/http/visitor.server";
import { cartCount } from "~/models/cart.server";
import { DEFAULT_LOCALE, resolveLocale } from "~/i18n/locale";
import stylesheet from "~/styles/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const visitor = readVisitor(request);
  return {
    locale: resolveLocale(request),
    cartCount: visitor ? await asVisitor(context, visitor, cartCount) : 0,
    returnTo: `${url.pathname}${url.search}`,
    ENV: browserEnv(context.env),
  };
}

function Document({ locale, children, env }: { locale: string; children: ReactNode; env?: unknown }) {
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
        {env ? <script dangerouslySetInnerHTML={{ __html: `window.ENV=${JSON.stringify(env).replace(/</g, "\\u003c")}` }} /> : null}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Document locale={data.locale} env={data.ENV}>
      <SiteHeader returnTo={data.returnTo} cartCount={data.cartCount} />
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
      <SiteHeader returnTo={data?.returnTo ?? "/"} cartCount={data?.cartCount ?? 0} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">
        <GeneralErrorBoundary />
      </main>
      <SiteFooter />
    </Document>
  );
}
