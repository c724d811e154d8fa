import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useI18n } from "~/i18n/use-i18n";

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `block whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-leaf-50 ${isActive ? "text-leaf-800 underline" : "text-soil-800"}`;
const barItemClass = "block whitespace-nowrap rounded px-2 py-1 text-sm font-medium text-soil-800 hover:bg-leaf-50";
const menuItemClass = "block w-full rounded px-3 py-2 text-left text-sm text-soil-900 hover:bg-leaf-50";

/** dashboardPath: /dashboard or /dashboard/<slug> for admins; studioPath: /studio for hosts. */
export type HeaderViewer = { displayName: string; dashboardPath: string | null; studioPath: string | null } | null;

// Two rows at most on a phone: brand, cart, account and the language switch on the
// first; the sections (and an admin's or host's own place) on the second. On wider
// screens it is one row. Signed-in controls sit in a <details> menu, so it works
// without JavaScript; with it, the menu also closes on navigation, Escape and outside clicks.
export function SiteHeader({ returnTo, cartCount, viewer }: { returnTo: string; cartCount: number; viewer: HeaderViewer }) {
  const { t, locale, count } = useI18n();
  const otherLocale = locale === "zh-CN" ? "en" : "zh-CN";
  // The role's own place goes in the bar; a second one (an admin who also hosts) in the menu.
  const roleLinks = viewer
    ? [
        viewer.dashboardPath ? { to: viewer.dashboardPath, label: t("nav.dashboard") } : null,
        viewer.studioPath ? { to: viewer.studioPath, label: t("nav.studio") } : null,
      ].filter((l): l is { to: string; label: string } => l !== null)
    : [];
  const [primary, ...secondary] = roleLinks;
  return (
    <header className="border-b border-soil-100 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-30 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-1 gap-y-1 px-3 py-2 sm:flex-nowrap sm:gap-x-4 sm:px-6 sm:py-3">
        <Link
          to="/"
          className="mr-auto flex shrink-0 items-center gap-1.5 whitespace-nowrap text-base font-bold text-leaf-800 no-underline sm:mr-0 sm:gap-2 sm:text-lg"
        >
          <img src="/favicon.svg" alt="" width={28} height={28} className="h-6 w-6 sm:h-7 sm:w-7" />
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")} className="order-last w-full sm:order-none sm:w-auto">
          <ul className="-mx-2 flex gap-1 sm:mx-0">
            <li>
              <NavLink to="/" end className={navLinkClass}>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/products" className={navLinkClass}>
                {t("nav.products")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/coops" className={navLinkClass}>
                {t("nav.coops")}
              </NavLink>
            </li>
            {primary ? (
              <li className="ml-auto sm:ml-2">
                <NavLink to={primary.to} className={navLinkClass}>
                  {primary.label}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="flex shrink-0 items-center gap-1 sm:ml-auto sm:gap-2">
          {/* The accessible name starts with the visible text ("Cart 2 items"), per WCAG 2.5.3. */}
          <Link to="/cart" className={barItemClass}>
            {t("nav.cart")}{" "}
            <span className="inline-block min-w-[1.5rem] rounded-full bg-chili-700 px-1.5 text-center text-xs font-bold text-white">
              {count(cartCount)}
            </span>
            <span className="sr-only"> {t("nav.cartItems", { count: cartCount })}</span>
          </Link>
          {viewer ? (
            <AccountMenu displayName={viewer.displayName} links={secondary} />
          ) : (
            <Link to="/login" className={barItemClass}>
              {t("nav.signIn")}
            </Link>
          )}
          <Form method="post" action="/locale" reloadDocument>
            <input type="hidden" name="locale" value={otherLocale} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <button
              type="submit"
              lang={otherLocale}
              aria-label={t("lang.switchToLabel")}
              className="whitespace-nowrap rounded border border-soil-700 px-2 py-0.5 text-sm text-soil-800 hover:bg-soil-100 sm:px-3 sm:py-1"
            >
              {t("lang.switchTo")}
            </button>
          </Form>
        </div>
      </div>
    </header>
  );
}

function AccountMenu({ displayName, links }: { displayName: string; links: { to: string; label: string }[] }) {
  const { t } = useI18n();
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  // A client-side navigation keeps the DOM, so close the menu when the page changes — but not
  // on hydration: a menu opened before the scripts ran (a <details> works without them) stays open.
  const shownKey = useRef(location.key);
  useEffect(() => {
    if (shownKey.current === location.key) return;
    shownKey.current = location.key;
    if (menu.current) menu.current.open = false;
  }, [location.key]);
  useEffect(() => {
    const closeOutside = (event: MouseEvent) => {
      if (menu.current?.open && !menu.current.contains(event.target as Node)) menu.current.open = false;
    };
    document.addEventListener("click", closeOutside);
    return () => document.removeEventListener("click", closeOutside);
  }, []);
  const closeOnEscape = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key !== "Escape" || !menu.current?.open) return;
    menu.current.open = false;
    menu.current.querySelector("summary")?.focus();
  };
  return (
    // Escape bubbles up from the summary or a link inside (both focusable), so the disclosure
    // itself listens; jsx-a11y cannot tell a <details> is interactive.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <details ref={menu} className="relative" onKeyDown={closeOnEscape}>
      <summary className={`${barItemClass} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>
        {t("nav.accountMenu")}
        <span aria-hidden="true" className="ml-0.5 inline-block text-xs">
          ▾
        </span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-soil-100 bg-white p-1 shadow-lg">
        <p className="break-words px-3 py-1.5 text-xs text-soil-800">{t("nav.signedInAs", { name: displayName })}</p>
        <ul>
          <li>
            <Link to="/account" className={menuItemClass}>
              {t("nav.account")}
            </Link>
          </li>
          {links.map((l) => (
            <li key={l.to}>
              <Link to={l.to} className={menuItemClass}>
                {l.label}
              </Link>
            </li>
          ))}
          <li>
            <Form method="post" action="/logout">
              <button type="submit" className={menuItemClass}>
                {t("nav.signOut")}
              </button>
            </Form>
          </li>
        </ul>
      </div>
    </details>
  );
}

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer className="mt-12 border-t border-soil-100 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-soil-800 sm:px-6">
        <p>{t("footer.text")}</p>
      </div>
    </footer>
  );
}
