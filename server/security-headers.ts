import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import type { ServerEnv } from "~/env.server";
import { isAllowedRequest } from "~/http/csrf";

// Headers for every response, with a fresh CSP nonce per request (Remix's inline
// scripts carry it). media-src/worker-src allow blob: because hls.js plays through MSE.
// img-src adds the Supabase project when configured: product photos live in its Storage.
// form-action adds Stripe Checkout and Connect onboarding in Stripe mode: Chrome applies
// form-action to the redirect that follows a form post, and a checkout (or "pay now") posted
// before hydration is answered with a redirect to checkout.stripe.com, an admin's "connect a
// Stripe account" with one to connect.stripe.com.
export const STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com";
export const STRIPE_CONNECT_ORIGIN = "https://connect.stripe.com";

export function securityHeaders(env: Pick<ServerEnv, "NODE_ENV" | "SUPABASE_URL" | "STRIPE_SECRET_KEY">): RequestHandler {
  const imageOrigins = env.SUPABASE_URL ? ` ${new URL(env.SUPABASE_URL).origin}` : "";
  const formTargets = env.STRIPE_SECRET_KEY ? ` ${STRIPE_CHECKOUT_ORIGIN} ${STRIPE_CONNECT_ORIGIN}` : "";
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob:${imageOrigins}`,
      "media-src 'self' blob: https:",
      "worker-src 'self' blob:",
      "connect-src 'self' https:",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      `form-action 'self'${formTargets}`,
      "object-src 'none'",
    ].join("; ");
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (env.NODE_ENV === "production") {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  };
}

/** Refuses cross-site mutations with 403 before they reach any action. */
export function csrfProtection(env: Pick<ServerEnv, "PUBLIC_BASE_URL">): RequestHandler {
  const configured = env.PUBLIC_BASE_URL ? [new URL(env.PUBLIC_BASE_URL).origin] : [];
  return (req, res, next) => {
    const own = `${req.protocol}://${req.get("host")}`;
    const allowed = isAllowedRequest({
      method: req.method,
      path: req.path,
      origin: req.get("origin") ?? null,
      referer: req.get("referer") ?? null,
      allowedOrigins: [own, ...configured],
    });
    if (allowed) return next();
    res.status(403).type("text/plain").send("Cross-site request refused");
  };
}

/**
 * Refuses request bodies larger than `maxBytes` (413) or of unknown length (411) before
 * anything reads them: forms are small, and a photo upload is capped at a few MB.
 */
export function bodyLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const length = req.get("content-length");
    if (length === undefined) {
      if (req.get("transfer-encoding")) return void res.status(411).type("text/plain").send("Content-Length required");
      return next(); // no body at all
    }
    if (!/^\d+$/.test(length) || Number(length) > maxBytes) {
      return void res.status(413).type("text/plain").send("Request body too large");
    }
    next();
  };
}
