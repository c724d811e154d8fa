import type { Locale } from "./locale";
import { en, type MessageKey } from "./messages.en";
import { zh } from "./messages.zh";

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zh };

export function createTranslate(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => {
    const template = catalog[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  };
}

/** Date and time in the viewer's language, in China time (where our sessions happen). */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: "Asia/Shanghai",
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(value));
}
