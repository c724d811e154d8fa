import { describe, expect, it } from "vitest";
import { isAllowedRequest } from "./csrf";

const base = { path: "/cart", allowedOrigins: ["http://localhost:3000", "https://harvest.example"] };

describe("CSRF origin check", () => {
  it("lets safe methods through", () => {
    expect(isAllowedRequest({ ...base, method: "GET", origin: "https://evil.example", referer: null })).toBe(true);
  });

  it("accepts same-origin mutations by Origin or, failing that, Referer", () => {
    expect(isAllowedRequest({ ...base, method: "POST", origin: "http://localhost:3000", referer: null })).toBe(true);
    expect(isAllowedRequest({ ...base, method: "POST", origin: null, referer: "https://harvest.example/products/x" })).toBe(true);
  });

  it("refuses cross-site, opaque and unattributed mutations", () => {
    expect(isAllowedRequest({ ...base, method: "POST", origin: "https://evil.example", referer: null })).toBe(false);
    expect(isAllowedRequest({ ...base, method: "DELETE", origin: "null", referer: null })).toBe(false);
    expect(isAllowedRequest({ ...base, method: "POST", origin: null, referer: null })).toBe(false);
    expect(isAllowedRequest({ ...base, method: "POST", origin: null, referer: "not a url" })).toBe(false);
    expect(isAllowedRequest({ ...base, method: "POST", origin: "http://localhost:3000.evil.example", referer: null })).toBe(false);
  });

  it("exempts Stripe's signed webhook, and only that path", () => {
    const post = { ...base, method: "POST", origin: null, referer: null };
    expect(isAllowedRequest({ ...post, path: "/webhooks/stripe" })).toBe(true);
    expect(isAllowedRequest({ ...post, path: "/webhooks/stripe/x" })).toBe(false);
    expect(isAllowedRequest({ ...post, path: "/webhooks/other" })).toBe(false);
  });

  it("exempts the RTMP server's on_publish callback, and only that studio path", () => {
    const post = { ...base, method: "POST", origin: null, referer: null };
    expect(isAllowedRequest({ ...post, path: "/studio/rtmp/on-publish" })).toBe(true);
    expect(isAllowedRequest({ ...post, path: "/studio/rtmp/on-publish/x" })).toBe(false);
    expect(isAllowedRequest({ ...post, path: "/studio/00000000-0000-4000-8000-000000000000" })).toBe(false);
  });
});
