import type { Locale } from "./locale";
import type { Messages } from "./translate";

// Where t() finds the request's messages, without any catalogue in the client bundles:
// - on the server, the catalogue module registers itself once at start-up (entry.server);
// - in the browser, /i18n/<locale>.<version>.js (a script the document loads before the
//   app's modules; immutable, so it is fetched once per catalogue version) sets __HL_I18N.
// A language switch is a full document request, so the new language's script comes with it.
export type LoadedMessages = { locale: Locale; version: string; messages: Messages };
export type ServerMessages = { messages(locale: Locale): Messages; version(locale: Locale): string };

declare global {
  interface Window {
    __HL_I18N?: LoadedMessages;
  }
}

let serverMessages: ServerMessages | undefined;

/** Called once on the server (entry.server, test setup): process-wide, not per request. */
export function provideServerMessages(source: ServerMessages): void {
  serverMessages = source;
}

function loadedInBrowser(locale: Locale): LoadedMessages | undefined {
  const loaded = typeof window === "undefined" ? undefined : window.__HL_I18N;
  return loaded?.locale === locale ? loaded : undefined;
}

export function messagesOf(locale: Locale): Messages | undefined {
  return serverMessages ? serverMessages.messages(locale) : loadedInBrowser(locale)?.messages;
}

/** The URL of the locale's messages script; the version changes whenever a message does. */
export function messagesScriptPath(locale: Locale): string | undefined {
  const version = serverMessages ? serverMessages.version(locale) : loadedInBrowser(locale)?.version;
  return version ? `/i18n/${locale}.${version}.js` : undefined;
}
