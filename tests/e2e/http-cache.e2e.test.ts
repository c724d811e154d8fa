import { beforeAll, describe, expect, inject, it } from "vitest";

// Caching through the real server (ADR 0008), per page and role: anonymous public pages
// are shared-cacheable with Vary and a weak ETag (documents and single-fetch data alike);
// signed-in, cart-bearing and cookie-setting answers, and private pages, never are.
const baseUrl = inject("baseUrl");
const SHARED = /^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/;
const PRIVATE = "private, no-store";

let signedIn = "";
let guestWithCart = "";
let livePath = "";
beforeAll(async () => {
  const login = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "admin@zhengjia.demo", password: "harvest-demo", redirectTo: "/" }),
  });
  expect(login.headers.get("cache-control")).toBe(PRIVATE);
  signedIn = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const home = await (await fetch(`${baseUrl}/`)).text();
  livePath = /href="(\/live\/[^"?#]+)"/.exec(home)![1];
  const product = await (await fetch(`${baseUrl}/products/zhengjia-black-fungus-250g`)).text();
  const productId = /name="productId" value="([^"]+)"/.exec(product)?.[1];
  const added = await fetch(`${baseUrl}/cart`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "add", productId: productId ?? "", quantity: "1" }),
  });
  // The first add issues the visitor cookie: that answer is private too.
  expect(added.headers.getSetCookie().length).toBeGreaterThan(0);
  expect(added.headers.get("cache-control")).toBe(PRIVATE);
  guestWithCart = added.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
});

const publicPages = () => ["/", "/products", "/products/zhengjia-black-fungus-250g", "/coops", "/coops/zhengjia", livePath];
const dataUrl = (path: string) => `${path === "/" ? "/_root" : path}.data`;
const variants = () => publicPages().flatMap((path) => [path, dataUrl(path)]);

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${path}`, { headers: { "Accept-Language": "zh-CN", ...headers }, redirect: "manual" });
  return { res, body: await res.text() };
}

describe("anonymous public pages", () => {
  it("are shared-cacheable for a few seconds, vary on language and cookies, carry an ETag and answer 304", async () => {
    for (const path of variants()) {
      const { res, body } = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toMatch(SHARED);
      expect(res.headers.get("vary"), path).toMatch(/Accept-Language/);
      expect(res.headers.get("vary"), path).toMatch(/Cookie/);
      expect(res.headers.getSetCookie(), path).toEqual([]);
      const etag = res.headers.get("etag");
      expect(etag, path).toMatch(/^W\/"/);
      const revalidated = await get(path, { "If-None-Match": etag! });
      expect(revalidated.res.status, path).toBe(304);
      expect(revalidated.body, path).toBe("");
      if (!path.endsWith(".data")) {
        const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1];
        expect(body, path).toContain(`nonce="${nonce}"`);
        expect(revalidated.res.headers.get("content-security-policy"), path).toBe(res.headers.get("content-security-policy"));
      }
    }
  });

  it("give the live page a shorter shared lifetime than the catalogue", async () => {
    const live = (await get(livePath)).res.headers.get("cache-control")!;
    const catalogue = (await get("/products")).res.headers.get("cache-control")!;
    const sMaxAge = (value: string) => Number(/s-maxage=(\d+)/.exec(value)![1]);
    expect(sMaxAge(live)).toBeLessThan(sMaxAge(catalogue));
  });

  it("differ by language, so the ETag does too", async () => {
    const zh = (await get("/products")).res.headers.get("etag");
    const en = (await get("/products", { "Accept-Language": "en" })).res.headers.get("etag");
    expect(zh).not.toBe(en);
  });
});

describe("personal answers are never shared-cacheable", () => {
  it.each([
    ["signed in", () => signedIn],
    ["a guest with a cart", () => guestWithCart],
  ])("public pages %s", async (_, cookie) => {
    for (const path of variants()) {
      const { res } = await get(path, { Cookie: cookie() });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe(PRIVATE);
      expect(res.headers.get("etag"), path).toBeNull();
    }
  });

  it("private pages, whoever asks", async () => {
    for (const cookie of ["", signedIn, guestWithCart]) {
      for (const path of [
        "/cart",
        "/checkout",
        "/account",
        "/dashboard",
        "/dashboard/zhengjia",
        "/studio",
        "/studio/00000000-0000-4000-8000-000000000000",
        "/studio/new",
        "/orders/00000000-0000-0000-0000-000000000000",
        "/pay/demo/00000000-0000-0000-0000-000000000000",
        "/login",
        "/cart.data",
        "/dashboard/zhengjia.data",
      ]) {
        const { res } = await get(path, cookie ? { Cookie: cookie } : {});
        expect(res.headers.get("cache-control"), `${path} ${cookie ? "with cookies" : "anonymous"}`).toBe(PRIVATE);
        expect(res.headers.get("etag"), path).toBeNull();
      }
    }
  });
});

describe("site images", () => {
  it("are linked with their content hash and then kept for a year; any other version for an hour", async () => {
    const page = await (await fetch(`${baseUrl}/products/zhengjia-black-fungus-250g`)).text();
    const src = /<img[^>]+src="(\/images\/products\/[^"]+\?v=[0-9a-f]{12})"/.exec(page)?.[1];
    expect(src, "the product picture's URL carries its version").toBeDefined();
    const current = await fetch(`${baseUrl}${src!.replaceAll("&amp;", "&")}`);
    expect(current.status).toBe(200);
    expect(current.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    for (const other of [src!.split("?")[0], `${src!.split("?")[0]}?v=000000000000`]) {
      const answer = await fetch(`${baseUrl}${other}`);
      expect(answer.status, other).toBe(200);
      expect(answer.headers.get("cache-control"), other).toBe("public, max-age=3600");
    }
  });
});
