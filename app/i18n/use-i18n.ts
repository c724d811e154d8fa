import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { formatFen } from "~/domain/money";
import { DEFAULT_LOCALE, isLocale, pick, type Locale } from "./locale";
import { messagesOf } from "./messages-source";
import { createTranslate, formatCount, formatDateTime, formatList } from "./translate";

/** Locale-bound helpers for components: t(), price(), count(), list(), date() and pick(). */
export function useI18n() {
  const rootData = useRouteLoaderData("root") as { locale?: string } | undefined;
  const locale: Locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
  return useMemo(
    () => ({
      locale,
      t: createTranslate(locale, messagesOf(locale)),
      price: (fen: number) => formatFen(fen, locale),
      count: (value: number) => formatCount(value, locale),
      /** "A, B and C" / "A、B和C" */
      list: (items: string[]) => formatList(items, locale),
      /** Only for forms that edit both languages; content arrives in the request's language. */
      pick: (zh: string, en: string) => pick(locale, zh, en),
      date: (value: string | Date) => formatDateTime(value, locale),
    }),
    [locale],
  );
}
