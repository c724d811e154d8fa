// Form actions posted from the live page whose effects reach its viewers over the event
// stream, so the page's own loader need not run again after them. Paths as Remix gives them
// to shouldRevalidate (no ".data" suffix; maybe a query such as "?index").
const KEEPS_PAGE_DATA = [/\/chat(\?|$)/, /^\/cart(\?|$)/, /^\/checkout(\?|$)/, /^\/pay\//];

export function keepsPageData(formAction: string): boolean {
  const path = formAction.replace(/^https?:\/\/[^/]+/, "");
  return KEEPS_PAGE_DATA.some((pattern) => pattern.test(path));
}
