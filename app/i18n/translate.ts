import type { MessageKey, Messages } from "./catalog";
import { formatMessage, type MessageValues } from "./format-message";
import type { Locale } from "./locale";

// Type-only imports of the catalogue: nothing of it reaches the client bundle.
export type { MessageKey, Messages };
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** t() over one language's messages (the root loader sends the request's own). */
export function createTranslate(locale: Locale, messages: Messages | undefined): Translate {
  // Without messages (the root loader itself failed) the key shows, never a crash.
  return (key, values) => formatMessage(messages?.[key] ?? key, values, locale);
}

// One formatter per language and kind: building an Intl formatter costs far more than
// formatting with it (ICU data lookups), and a page formats many values.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

/** Date and time in the viewer's language, in China time (where our sessions happen). */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return formatter(
    `date:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: "Asia/Shanghai",
        month: "short",
        day: "numeric",
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
      }),
  ).format(new Date(value));
}

/** A count in the viewer's language (grouping, digits), for numbers shown outside a message. */
export function formatCount(value: number, locale: Locale): string {
  return formatter(`count:${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** A list of names joined the way the language does it ("A, B and C", "A、B和C"). */
export function formatList(items: string[], locale: Locale): string {
  return formatter(`list:${locale}`, () => new Intl.ListFormat(locale, { style: "long", type: "conjunction" })).format(items);
}
