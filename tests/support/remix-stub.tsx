import type { ActionFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { onTestFinished } from "vitest";
import type { Locale } from "~/i18n/locale";
import remixConfig from "../../remix.config.js";

// Components render inside a Remix router so useFetcher, <Form> and useRouteLoaderData are the
// real ones. The root route stands in for app/root.tsx with only what components read from its
// loader data (useI18n: the locale); if the root loader's contract grows, grow rootData here.
type StubRoutes = Parameters<typeof createRemixStub>[0];
/** `action` answers posts to `path` itself (a <Form> without an action attribute); `routes` add siblings. */
type StubOptions = { locale?: Locale; path?: string; action?: ActionFunction; routes?: StubRoutes };

function stubOf(ui: ReactNode, { locale = "en", path = "/", action, routes = [] }: StubOptions) {
  const rootData = { locale };
  const RemixStub = createRemixStub([
    {
      id: "root",
      path: "/",
      loader: () => rootData,
      Component: Outlet,
      children: [
        { path: path === "/" ? undefined : path.slice(1), index: path === "/" ? true : undefined, action, Component: () => ui },
        ...routes,
      ],
    },
  ] as StubRoutes);
  const props = { initialEntries: [path], future: remixConfig.future, hydrationData: { loaderData: { root: rootData } } };
  return { RemixStub, props };
}

/** Renders `ui` at `path` in a client (hydrated) app; `routes` add siblings such as an action at /cart. */
export function renderInApp(ui: ReactNode, options: StubOptions = {}) {
  const { RemixStub, props } = stubOf(ui, options);
  return render(<RemixStub {...props} />);
}

/** The server-rendered HTML, parsed: what a browser without JavaScript gets. */
export function serverRenderInApp(ui: ReactNode, options: StubOptions = {}): HTMLElement {
  const { RemixStub, props } = stubOf(ui, options);
  // In the document (so ids behind labels and aria-labelledby resolve) until the test ends.
  const container = document.body.appendChild(document.createElement("div"));
  container.innerHTML = renderToString(<RemixStub {...props} />);
  onTestFinished(() => container.remove());
  return container;
}
