import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { formatFen } from "~/domain/money";
import { DEFAULT_LOCALE, isLocale, pick, type Locale } from "./locale";
import { createTranslate, formatDateTime } from "./translate";

/** Locale-bound helpers for components: t(), price(), pick() and date(). */
export function useI18n() {
  const rootData = useRouteLoaderData("root") as { locale?: string } | undefined;
  const locale: Locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
  return useMemo(
    () => ({
      locale,
      t: createTranslate(locale),
      price: (fen: number) => formatFen(fen, locale),
      pick: (zh: string, en: string) => pick(locale, zh, en),
      date: (value: string | Date) => formatDateTime(value, locale),
    }),
    [locale],
  );
}
