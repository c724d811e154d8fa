import { createHash, createHmac } from "node:crypto";
import type { RequestHandler, Response } from "express";
import { LOCALE_COOKIE } from "~/i18n/locale";

// HTTP caching for Remix's answers (documents and single-fetch `.data`), decided in one
// place rather than per route (ADR 0008):
// - public catalogue, cooperative and session pages, asked for without any cookie but the
//   language choice, answering 200 without setting a cookie: shared-cacheable for a few
//   seconds, `Vary: Accept-Language, Cookie`, a weak ETag over the body and 304 on a match;
// - everything else (signed in, a guest with a visitor cookie, any Set-Cookie, the
//   dashboard, studio, cart, checkout, orders, pay…): `private, no-store`.
// A shared-cacheable body is buffered to hash it, and its CSP nonce is replaced by one
// derived from the body (HMAC with the server's secret): the same content always carries
// the same nonce, so a cached copy and its 304 revalidations keep matching CSP headers, and
// injected markup changes the body and with it the nonce. Private answers still stream.

type Freshness = { sMaxAge: number; staleWhileRevalidate: number };
const CATALOGUE: Freshness = { sMaxAge: 10, staleWhileRevalidate: 30 };
// The pinned product and its stock change while the stream runs: a shorter window.
const LIVE: Freshness = { sMaxAge: 2, staleWhileRevalidate: 5 };

const PUBLIC_PAGES: Array<[RegExp, Freshness]> = [
  [/^\/$/, CATALOGUE],
  [/^\/products$/, CATALOGUE],
  [/^\/products\/[^/]+$/, CATALOGUE],
  [/^\/coops$/, CATALOGUE],
  [/^\/coops\/[^/]+$/, CATALOGUE],
  [/^\/live\/[^/]+$/, LIVE],
];

export const PRIVATE_CACHE_CONTROL = "private, no-store";
export const PUBLIC_VARY = "Accept-Encoding, Accept-Language, Cookie";

export function publicCacheControl({ sMaxAge, staleWhileRevalidate }: Freshness): string {
  return `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`;
}

/** The page a document or single-fetch data URL is for (`/_root.data` is `/`). */
export function pagePathOf(pathname: string): string {
  if (!pathname.endsWith(".data")) return pathname;
  const page = pathname.slice(0, -".data".length);
  return page === "/_root" ? "/" : page;
}

export function freshnessFor(pathname: string): Freshness | null {
  const page = pagePathOf(pathname);
  return PUBLIC_PAGES.find(([pattern]) => pattern.test(page))?.[1] ?? null;
}

/** Any cookie but the language choice may make the answer personal (session, visitor cart). */
export function carriesPersonalCookie(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => {
    const name = part.split("=")[0].trim();
    return name !== "" && name !== LOCALE_COOKIE;
  });
}

export function weakEtag(body: Buffer): string {
  return `W/"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** If-None-Match lists the ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

/**
 * The route's own word that its answer is the same for everyone (the messages scripts, the
 * live HLS playlists): `Cache-Control: public…` and no cookie set. It stands whatever cookies
 * the request carried — hls.js and <script> requests send the page's session cookie.
 */
export function declaresItselfPublic(cacheControl: unknown, setsCookie: boolean): boolean {
  return !setsCookie && typeof cacheControl === "string" && /(^|,)\s*public\s*(,|$)/i.test(cacheControl);
}

const NONCE_PLACEHOLDER = "\u0000nonce\u0000";

export function httpCaching(secret: string): RequestHandler {
  return (req, res, next) => {
    const freshness = req.method === "GET" || req.method === "HEAD" ? freshnessFor(req.path) : null;
    const candidate = freshness !== null && !carriesPersonalCookie(req.get("cookie"));
    let decided: "public" | "private" | null = null;
    const decide = () => {
      if (decided) return decided;
      const setsCookie = res.hasHeader("set-cookie");
      decided = candidate && res.statusCode === 200 && !setsCookie ? "public" : "private";
      // A response with caching rules of its own keeps them: public ones unless it sets a
      // cookie, others (healthz, CSV exports) unless the request or the answer is personal.
      const own = res.getHeader("cache-control");
      const keepsOwn =
        declaresItselfPublic(own, setsCookie) || (own !== undefined && !setsCookie && !carriesPersonalCookie(req.get("cookie")));
      if (decided === "private" && !keepsOwn) {
        res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
      }
      return decided;
    };
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      decide();
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as typeof res.writeHead;
    if (!candidate) return next();

    // Shared-cacheable candidate: hold the body until it ends, then hash it.
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => Response;
    const flush = (res as Response & { flush?: () => void }).flush;
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : typeof chunk === "string"
            ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding)
            : Buffer.from(chunk as Uint8Array),
      );
    };
    (res as Response & { flush?: () => void }).flush = () => {
      if (decide() === "private") flush?.call(res);
    };
    res.write = function (chunk: unknown, encoding?: unknown, callback?: unknown) {
      if (decide() === "private") return write(chunk, encoding, callback);
      collect(chunk, encoding);
      if (typeof encoding === "function") encoding();
      else if (typeof callback === "function") callback();
      return true;
    } as typeof res.write;
    res.end = function (chunk?: unknown, encoding?: unknown, callback?: unknown) {
      if (decide() === "private") return end(chunk, encoding, callback);
      collect(chunk, encoding);
      const done = typeof chunk === "function" ? chunk : typeof encoding === "function" ? encoding : callback;
      let body = Buffer.concat(chunks);
      const nonce = res.locals.cspNonce as string | undefined;
      let text = body.toString("latin1");
      if (nonce) text = text.split(nonce).join(NONCE_PLACEHOLDER);
      const etag = weakEtag(Buffer.from(text, "latin1"));
      if (nonce) {
        const stable = createHmac("sha256", secret).update(etag).digest("base64").slice(0, 24);
        body = Buffer.from(text.split(NONCE_PLACEHOLDER).join(stable), "latin1");
        const csp = res.getHeader("content-security-policy");
        if (typeof csp === "string") res.setHeader("Content-Security-Policy", csp.split(`'nonce-${nonce}'`).join(`'nonce-${stable}'`));
      }
      res.setHeader("Cache-Control", publicCacheControl(freshness!));
      res.setHeader("Vary", mergeVary(res.getHeader("vary"), PUBLIC_VARY));
      res.setHeader("ETag", etag);
      if (matchesEtag(req.get("if-none-match"), etag)) {
        res.statusCode = 304;
        for (const name of ["content-type", "content-length", "transfer-encoding"]) res.removeHeader(name);
        return end(done);
      }
      res.setHeader("Content-Length", body.length);
      return req.method === "HEAD" ? end(done) : end(body, done);
    } as typeof res.end;
    next();
  };
}

function mergeVary(existing: unknown, add: string): string {
  const names = [existing, add].flatMap((v) =>
    typeof v === "string" ? v.split(",") : Array.isArray(v) ? v.flatMap((x: string) => x.split(",")) : [],
  );
  const seen = new Map<string, string>();
  for (const name of names.map((n) => n.trim()).filter(Boolean)) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  return [...seen.values()].join(", ");
}
