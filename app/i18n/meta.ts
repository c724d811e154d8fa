import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locale";
import { messagesOf } from "./messages-source";
import { createTranslate, type Translate } from "./translate";

type MatchLike = { id: string; data: unknown };

/** The locale chosen by the root loader, for `meta` functions (which cannot use hooks). */
export function localeFromMatches(matches: MatchLike[]): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

export function pageMeta(
  matches: MatchLike[],
  build: (t: Translate, locale: Locale) => { title?: string; description?: string },
): MetaDescriptor[] {
  const locale = localeFromMatches(matches);
  const t = createTranslate(locale, messagesOf(locale));
  const { title, description } = build(t, locale);
  return [
    { title: title ? `${title} · ${t("app.name")}` : `${t("app.name")} — ${t("app.tagline")}` },
    { name: "description", content: description ?? t("meta.description") },
  ];
}
