// Where we may send someone back to after a form: a path on this site, never another
// origin. Browsers strip tabs/newlines and treat "\" like "/", so "/\t/evil" or "/\evil"
// would become "//evil" (another site): refuse control characters and backslashes, then
// resolve the path and insist it stays on our origin.
const PROBE_ORIGIN = "http://same-site.invalid";

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.length > 2000) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  try {
    const url = new URL(to, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
