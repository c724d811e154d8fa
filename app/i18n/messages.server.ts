import { createHash } from "node:crypto";
import { catalogAreas, type Messages } from "./catalog";
import { LOCALES, type Locale } from "./locale";
import type { ServerMessages } from "./messages-source";

// The catalogues live on the server only (.server keeps them out of the client bundles).
// Each language is merged once per process and versioned by its content.
function merge(language: "en" | "zh"): Messages {
  return Object.assign({}, ...Object.values(catalogAreas).map((area) => area[language])) as Messages;
}

const byLocale: Record<Locale, Messages> = { en: merge("en"), "zh-CN": merge("zh") };

const versions = Object.fromEntries(
  LOCALES.map((locale) => [locale, createHash("sha256").update(JSON.stringify(byLocale[locale])).digest("hex").slice(0, 12)]),
) as Record<Locale, string>;

export function messagesFor(locale: Locale): Messages {
  return byLocale[locale];
}

export function messagesVersion(locale: Locale): string {
  return versions[locale];
}

/** The body of /i18n/<locale>.<version>.js: one language, for the browser. */
export function messagesScript(locale: Locale): string {
  const loaded = { locale, version: versions[locale], messages: byLocale[locale] };
  return `window.__HL_I18N=${JSON.stringify(loaded).replace(/</g, "\\u003c")};\n`;
}

export const serverMessages: ServerMessages = { messages: messagesFor, version: messagesVersion };
