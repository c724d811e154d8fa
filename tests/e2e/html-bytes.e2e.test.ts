import { describe, expect, inject, it } from "vitest";

// Every HTML page the seeded store serves — crawled from its own links, in both languages,
// anonymous and signed in, streamed (browser) and whole (bot) — is clean UTF-8 with no NUL
// byte. React 18.3's streaming renderer leaked NULs where a multi-byte character met its
// 2 KB buffer edge (`alt="杂\0粮插画"` on /products in Chinese); this keeps any renderer honest.
// Also: requests no router can take get a 4xx, never a 5xx.
const baseUrl = inject("baseUrl");
const BROWSER_UA = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36";
const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const MAX_PAGES = 140;

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function remember(jar: Jar, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

async function get(path: string, jar: Jar, userAgent = BROWSER_UA) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { Cookie: cookieHeader(jar), "User-Agent": userAgent },
    redirect: "manual",
  });
  remember(jar, response);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function post(path: string, jar: Jar, form: Record<string, string>) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { Cookie: cookieHeader(jar), Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  remember(jar, response);
  await response.arrayBuffer();
  return response;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
function problemsOf(path: string, bytes: Uint8Array): string[] {
  const problems: string[] = [];
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    problems.push(`${path}: NUL byte at ${nul} (…${Buffer.from(bytes.slice(Math.max(0, nul - 24), nul + 8)).toString("latin1")}…)`);
  try {
    decoder.decode(bytes);
  } catch {
    problems.push(`${path}: not valid UTF-8`);
  }
  return problems;
}

const SKIP = /^\/(build|images|uploads|favicon|logout|locale|media)\b|\.(svg|png|jpg|css|js|m3u8|ts|csv)(\?|$)/;
function linksIn(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/href="(\/[^"#]*)"/g)) {
    const href = match[1].replace(/&amp;/g, "&");
    if (!href.startsWith("//") && !SKIP.test(href)) links.add(href);
  }
  return [...links];
}

/** Visits pages breadth-first from `start`, following the store's own links. */
async function crawl(start: string[], jar: Jar, userAgent: string): Promise<{ visited: string[]; problems: string[] }> {
  const queue = [...start];
  const seen = new Set(queue);
  const visited: string[] = [];
  const problems: string[] = [];
  while (queue.length && visited.length < MAX_PAGES) {
    const path = queue.shift()!;
    const { response, bytes } = await get(path, jar, userAgent);
    if (response.status >= 500) problems.push(`${path}: HTTP ${response.status}`);
    if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) continue;
    visited.push(path);
    problems.push(...problemsOf(path, bytes));
    for (const link of linksIn(Buffer.from(bytes).toString("utf8"))) {
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return { visited, problems };
}

const PUBLIC_START = [
  "/",
  "/products",
  "/products?category=grains",
  "/products?q=%E6%9C%A8%E8%80%B3",
  "/coops",
  "/cart",
  "/login",
  "/signup",
  "/no-such-page",
];

describe.each(["zh-CN", "en"])("pages in %s", (locale) => {
  it.each([
    ["a browser (streamed)", BROWSER_UA],
    ["a bot (whole document)", BOT_UA],
  ])("every public page is clean UTF-8 for %s", async (_who, userAgent) => {
    const { visited, problems } = await crawl(PUBLIC_START, new Map([["hl_lang", locale]]), userAgent);
    expect(visited.length).toBeGreaterThan(40); // home, catalogue, every product, coop and session
    expect(problems).toEqual([]);
  });

  it("every page of a buyer (cart, checkout, pay, order) and of a cooperative admin is clean UTF-8", async () => {
    const buyer: Jar = new Map([["hl_lang", locale]]);
    const productPage = await get("/products/zhengjia-black-fungus-250g", buyer);
    const productId = /name="productId" value="([0-9a-f-]{36})"/.exec(Buffer.from(productPage.bytes).toString("utf8"))?.[1];
    expect(productId).toBeTruthy();
    expect((await post("/cart", buyer, { intent: "add", productId: productId!, quantity: "2" })).status).toBe(302);
    const placed = await post("/checkout", buyer, {
      intent: "place-order",
      contactName: "王小明",
      contactPhone: "13800138000",
      province: "辽宁省",
      city: "沈阳市",
      district: "沈北新区",
      addressLine: "兴隆台街道 1 号",
    });
    const payPath = placed.headers.get("location") ?? "";
    expect(payPath).toMatch(/^\/pay\/demo\//);
    const orderId = payPath.split("/").pop()!;
    const buyerPages = await crawl(["/cart", "/checkout", payPath, `/orders/${orderId}`], buyer, BROWSER_UA);
    expect(buyerPages.problems).toEqual([]);

    const admin: Jar = new Map([["hl_lang", locale]]);
    const signedIn = await post("/login", admin, {
      email: "admin@zhengjia.demo",
      password: "harvest-demo",
      redirectTo: "/dashboard/zhengjia",
    });
    expect(signedIn.status).toBe(302);
    const adminPages = await crawl(["/dashboard/zhengjia", "/account"], admin, BROWSER_UA);
    expect(adminPages.visited.filter((p) => p.startsWith("/dashboard/zhengjia/")).length).toBeGreaterThan(5);
    expect(adminPages.problems).toEqual([]);
  });
});

describe("forms posted without JavaScript with control characters", () => {
  async function postPage(path: string, form: Record<string, string>) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded", Cookie: "hl_lang=zh-CN" },
      body: new URLSearchParams(form),
      redirect: "manual",
    });
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  it.each([
    ["/login", { email: "a\u0000@example.com", password: "x" }],
    ["/signup", { email: "new@example.com", password: "harvest moon over the paddy", displayName: "王\u0000小明" }],
    ["/products?q=a%00b", null],
  ] as const)("%s answers a 4xx page that shows the field back without the NUL", async (path, form) => {
    const { status, bytes } = form
      ? await postPage(path, form)
      : await get(path, new Map([["hl_lang", "zh-CN"]])).then((r) => ({ status: r.response.status, bytes: r.bytes }));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(problemsOf(path, bytes)).toEqual([]);
    expect(Buffer.from(bytes).toString("utf8")).toContain("\uFFFD");
  });
});

describe("requests no route can take", () => {
  it.each([
    ["/%5C", 404],
    ["/%5C%5C", 404],
    ["/products/%00", 404],
    ["/coops/a%00b", 404],
    ["/live/%00", 404],
    ["/%E0%A4%A", 404],
    ["/products/%FF", 404],
    ["/products?q=a%00b", 400],
    ["/products?category=%00", 400],
  ])("GET %s answers %i, not a 5xx", async (path, status) => {
    const { response, bytes } = await get(path, new Map());
    expect(response.status).toBe(status);
    expect(problemsOf(path, bytes)).toEqual([]);
  });
});
