/**
 * One area's messages in both languages. English fixes the keys; Chinese must have exactly
 * the same ones (a missing or extra key fails tsc). Messages may use `{name}` placeholders
 * and `{count, plural, one {…} other {…}}` (see ../format-message.ts).
 */
export function defineArea<const K extends string>(area: {
  en: Record<K, string>;
  zh: NoInfer<Record<K, string>>;
}): { en: Record<K, string>; zh: Record<K, string> } {
  return area;
}
