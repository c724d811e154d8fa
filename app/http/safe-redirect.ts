// Where we may send someone back to after a form: a path on this site, never another
// origin. Browsers strip tabs/newlines and treat "\" like "/", so "/\t/evil" or "/\evil"
// would become "//evil" (another site): refuse control characters and backslashes. Then
// resolve the path (dot segments collapse: "/.//evil" becomes "//evil") and judge the
// RESULT, which is what the browser will read from the Location header: it must be a
// path that resolves to our own origin again, never a protocol-relative "//host".
const PROBE_ORIGIN = "http://same-site.invalid";
// \p{Cc}: the C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F).
const UNSAFE_CHARACTERS = /[\p{Cc}\\]/u;

function staysOnSite(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || UNSAFE_CHARACTERS.test(path)) return false;
  try {
    return new URL(path, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000 || !staysOnSite(to)) return fallback;
  const url = new URL(to, PROBE_ORIGIN);
  const resolved = `${url.pathname}${url.search}${url.hash}`;
  // The resolved form must itself be safe and stable: resolving it again changes nothing.
  if (!staysOnSite(resolved)) return fallback;
  const again = new URL(resolved, PROBE_ORIGIN);
  return `${again.pathname}${again.search}${again.hash}` === resolved ? resolved : fallback;
}
