import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import type { Locale } from "~/i18n/locale";
import remixConfig from "../../remix.config.js";

// Components render inside a Remix router so useFetcher, <Form> and useRouteLoaderData are the
// real ones. The root route stands in for app/root.tsx with only what components read from its
// loader data (useI18n: the locale); if the root loader's contract grows, grow ROOT_DATA here.
type StubRoutes = Parameters<typeof createRemixStub>[0];
type StubOptions = { locale?: Locale; path?: string; routes?: StubRoutes };

function stubOf(ui: ReactNode, { locale = "en", path = "/", routes = [] }: StubOptions) {
  const rootData = { locale };
  const RemixStub = createRemixStub([
    {
      id: "root",
      path: "/",
      loader: () => rootData,
      Component: Outlet,
      children: [
        { path: path === "/" ? undefined : path.slice(1), index: path === "/" ? true : undefined, Component: () => ui },
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
  const container = document.createElement("div");
  container.innerHTML = renderToString(<RemixStub {...props} />);
  return container;
}
