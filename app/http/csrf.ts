// Cross-site request forgery: every state-changing request must come from our own
// origin. Browsers send Origin on cross-site (and most same-site) POSTs; where it is
// missing we fall back to Referer; where both are missing we refuse. Session cookies
// are SameSite=Lax as a second layer.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CsrfInput = {
  method: string;
  path: string;
  origin: string | null;
  referer: string | null;
  /** origins this deployment answers on, e.g. the request's own and PUBLIC_BASE_URL */
  allowedOrigins: string[];
};

/**
 * Paths called by other services, authenticated their own way, exactly (no prefixes): Stripe's
 * webhook (a signed raw body, no Origin); the RTMP server's on_publish callback (a form POST
 * with no Origin, judged by its stream key).
 */
const EXEMPT_PATHS = ["/webhooks/stripe", "/studio/rtmp/on-publish"];

export function isAllowedRequest(input: CsrfInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (EXEMPT_PATHS.includes(input.path)) return true;
  const claimed = input.origin && input.origin !== "null" ? input.origin : originOf(input.referer);
  return claimed !== null && input.allowedOrigins.includes(claimed);
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
