import { Form, Link, NavLink } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded px-2 py-1 text-sm font-medium hover:bg-leaf-50 ${isActive ? "text-leaf-800 underline" : "text-soil-800"}`;

export type HeaderViewer = { displayName: string; adminOf: string[] } | null;

export function SiteHeader({ returnTo, cartCount, viewer }: { returnTo: string; cartCount: number; viewer: HeaderViewer }) {
  const { t, locale } = useI18n();
  const otherLocale = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <header className="border-b border-soil-100 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link to="/" className="flex items-center gap-2 text-lg font-bold text-leaf-800 no-underline">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")} className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex gap-1">
            <li><NavLink to="/" end className={navLinkClass}>{t("nav.home")}</NavLink></li>
            <li><NavLink to="/products" className={navLinkClass}>{t("nav.products")}</NavLink></li>
            <li><NavLink to="/coops" className={navLinkClass}>{t("nav.coops")}</NavLink></li>
          </ul>
        </nav>
        {/* The accessible name starts with the visible text ("Cart 2 items"), per WCAG 2.5.3. */}
        <Link to="/cart" className="ml-auto rounded px-2 py-1 text-sm font-medium text-soil-800 hover:bg-leaf-50">
          {t("nav.cart")}{" "}
          <span className="inline-block min-w-[1.5rem] rounded-full bg-chili-700 px-1.5 text-center text-xs font-bold text-white">
            {cartCount}
          </span>
          <span className="sr-only"> {t("nav.cartItems")}</span>
        </Link>
        {viewer ? (
          <>
            {viewer.adminOf.length ? (
              <Link to={`/dashboard/${viewer.adminOf[0]}`} className="rounded px-2 py-1 text-sm font-medium text-soil-800 hover:bg-leaf-50">
                {t("nav.dashboard")}
              </Link>
            ) : null}
            <Link to="/account" className="rounded px-2 py-1 text-sm font-medium text-soil-800 hover:bg-leaf-50">{t("nav.account")}</Link>
            <Form method="post" action="/logout">
              <button type="submit" className="rounded px-2 py-1 text-sm text-soil-800 underline">{t("nav.signOut")}</button>
            </Form>
          </>
        ) : (
          <Link to="/login" className="rounded px-2 py-1 text-sm font-medium text-soil-800 hover:bg-leaf-50">{t("nav.signIn")}</Link>
        )}
        <Form method="post" action="/locale" reloadDocument>
          <input type="hidden" name="locale" value={otherLocale} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <button
            type="submit"
            lang={otherLocale}
            aria-label={t("lang.switchToLabel")}
            className="rounded border border-soil-700 px-3 py-1 text-sm text-soil-800 hover:bg-soil-100"
          >
            {t("lang.switchTo")}
          </button>
        </Form>
      </div>
    </header>
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
