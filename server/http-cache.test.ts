import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carriesPersonalCookie, declaresItselfPublic, freshnessFor, matchesEtag, pagePathOf } from "./http-cache";
import { httpCaching } from "./http-cache";
import { securityHeaders } from "./security-headers";

// The caching rules on a small app behind the same middleware order as server/index.ts:
// a page that streams its body in chunks (as Remix does), with the request's CSP nonce.
let server: Server;
let base: string;
beforeAll(async () => {
  const app = express();
  app.use(compression());
  app.use(securityHeaders({ NODE_ENV: "production" }));
  app.use(httpCaching("test-secret"));
  app.get("/i18n/en.0123456789ab.js", (_req, res) => {
    res.set("Cache-Control", "public, max-age=31536000, immutable").type("js").end("window.__HL_I18N={}");
  });
  app.get("/hls/sample-live/360p.m3u8", (_req, res) => {
    res.set("Cache-Control", "public, max-age=1").type("application/vnd.apple.mpegurl").end("#EXTM3U\n");
  });
  // Any route may say its answer is the same for everyone; setting a cookie unsays it.
  app.get("/feeds/shared", (req, res) => {
    if (req.query.cookie) res.append("Set-Cookie", "hl_visitor=x; Path=/");
    res.set("Cache-Control", "public, max-age=60").type("text").end("same for all");
  });
  app.get(["/products", "/products.data", "/cart", "/coops/:slug"], (req, res) => {
    if (req.query.cookie) res.append("Set-Cookie", "hl_visitor=x; Path=/");
    if (req.query.missing) res.status(404);
    res.type("html");
    res.write(`<p>${"product ".repeat(500)}</p>`);
    (res as typeof res & { flush: () => void }).flush();
    res.end(`<script nonce="${res.locals.cspNonce as string}">1</script>`);
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("HTTP caching", () => {
  it("shares an anonymous public page for a few seconds, with Vary and a weak ETag", async () => {
    const res = await fetch(`${base}/products`);
    const body = await res.text();
    expect(res.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=10, stale-while-revalidate=30");
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Accept-Language, Cookie");
    expect(res.headers.get("etag")).toMatch(/^W\/"[\w-]+"$/);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    // The nonce is derived from the body: the same on every copy, and the CSP's.
    const again = await fetch(`${base}/products`);
    expect(await again.text()).toBe(body);
    expect(nonceOf(res.headers.get("content-security-policy"))).toBe(nonceOf(again.headers.get("content-security-policy")));
    expect(body).toContain(`nonce="${nonceOf(res.headers.get("content-security-policy"))}"`);
  });

  it("answers 304 without a body when If-None-Match matches, keeping the same CSP", async () => {
    const first = await fetch(`${base}/products.data`);
    await first.arrayBuffer();
    const etag = first.headers.get("etag")!;
    const revalidated = await fetch(`${base}/products.data`, { headers: { "If-None-Match": etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(revalidated.headers.get("cache-control")).toMatch(/^public, /);
    expect(revalidated.headers.get("content-security-policy")).toBe(first.headers.get("content-security-policy"));
    const changed = await fetch(`${base}/products.data`, { headers: { "If-None-Match": 'W/"other"' } });
    expect(changed.status).toBe(200);
  });

  it.each([
    ["a session cookie", { Cookie: "hl_session=abc" }],
    ["a visitor (cart) cookie", { Cookie: "hl_lang=en; hl_visitor=abc" }],
  ])("never shares a page asked for with %s", async (_, headers) => {
    const res = await fetch(`${base}/products`, { headers });
    await res.text();
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("etag")).toBeNull();
  });

  it("keeps the language cookie shareable (Vary: Cookie keys the cache on it)", async () => {
    const res = await fetch(`${base}/products`, { headers: { Cookie: "hl_lang=en" } });
    await res.text();
    expect(res.headers.get("cache-control")).toMatch(/^public, /);
  });

  it("never shares an answer that sets a cookie, an error, or a private page", async () => {
    for (const path of ["/products?cookie=1", "/products?missing=1", "/cart"]) {
      const res = await fetch(`${base}${path}`);
      await res.text();
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
      expect(res.headers.get("etag"), path).toBeNull();
    }
  });

  it("leaves the messages scripts' own long-lived caching alone, even for a signed-in browser", async () => {
    const res = await fetch(`${base}/i18n/en.0123456789ab.js`, { headers: { Cookie: "hl_session=abc" } });
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("leaves a live playlist's one-second caching alone when hls.js sends the page's cookies", async () => {
    const res = await fetch(`${base}/hls/sample-live/360p.m3u8`, { headers: { Cookie: "hl_session=abc; hl_visitor=x" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=1");
    expect(res.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    expect(await res.text()).toBe("#EXTM3U\n");
  });

  it("keeps any answer's own public caching whatever cookies came, but not when it sets one", async () => {
    const shared = await fetch(`${base}/feeds/shared`, { headers: { Cookie: "hl_session=abc" } });
    expect(shared.headers.get("cache-control")).toBe("public, max-age=60");
    const personal = await fetch(`${base}/feeds/shared?cookie=1`);
    expect(personal.headers.get("cache-control")).toBe("private, no-store");
    expect(declaresItselfPublic("public, max-age=1", false)).toBe(true);
    expect(declaresItselfPublic("max-age=60", false)).toBe(false);
    expect(declaresItselfPublic("no-store, publicity", false)).toBe(false);
    expect(declaresItselfPublic("public", true)).toBe(false);
  });

  it("gives live pages a shorter window than the catalogue", () => {
    expect(freshnessFor("/live/abc")).toEqual({ sMaxAge: 2, staleWhileRevalidate: 5 });
    expect(freshnessFor("/live/abc.data")).toEqual({ sMaxAge: 2, staleWhileRevalidate: 5 });
    expect(freshnessFor("/_root.data")).toEqual({ sMaxAge: 10, staleWhileRevalidate: 30 });
    expect(freshnessFor("/coops/zhengjia/disclosure")).toBeNull();
    expect(freshnessFor("/dashboard/zhengjia")).toBeNull();
    expect(pagePathOf("/products/x.data")).toBe("/products/x");
  });

  it("reads cookies and ETags carefully", () => {
    expect(carriesPersonalCookie(undefined)).toBe(false);
    expect(carriesPersonalCookie("hl_lang=zh-CN")).toBe(false);
    expect(carriesPersonalCookie("hl_lang=zh-CN; sb-auth-token=x")).toBe(true);
    expect(matchesEtag('"a", W/"b"', 'W/"b"')).toBe(true);
    expect(matchesEtag('"a"', 'W/"b"')).toBe(false);
    expect(matchesEtag("*", 'W/"b"')).toBe(true);
  });
});
