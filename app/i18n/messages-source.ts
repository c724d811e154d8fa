import type { Locale } from "./locale";
import type { Messages } from "./translate";

// Where t() finds the request's messages, without any catalogue in the client bundles:
// - on the server, the catalogue module registers itself once at start-up (entry.server);
// - in the browser, /i18n/<locale>.<version>.js (a deferred script in the document's head;
//   immutable, so fetched once per catalogue version) sets __HL_I18N, and entry.client
//   hydrates only once it has run (whenMessagesLoaded).
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

/**
 * Resolves once the document's messages script has run (at once if it has, or if there is
 * none). Remix's entry module is async and may run before a deferred script, so the client
 * waits for this before hydrating: hydrating without messages would not match the server.
 */
export function whenMessagesLoaded(): Promise<void> {
  const script = document.querySelector<HTMLScriptElement>("script[data-i18n-messages]");
  if (window.__HL_I18N || !script) return Promise.resolve();
  return new Promise((resolve) => {
    script.addEventListener("load", () => resolve(), { once: true });
    script.addEventListener("error", () => resolve(), { once: true }); // then keys show; better than no page
  });
}

/** Whether `key` is a message of the catalogue (every language has the same keys). */
export function isKnownMessage(key: string): boolean {
  const messages = serverMessages ? serverMessages.messages("en") : typeof window === "undefined" ? undefined : window.__HL_I18N?.messages;
  return messages ? Object.prototype.hasOwnProperty.call(messages, key) : false;
}
