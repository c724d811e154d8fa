import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import type { Locale } from "~/i18n/locale";
import { loader as rootLoader } from "~/root";
import { loader as homeLoader } from "~/routes/_index";
import { loader as cartLoader } from "~/routes/cart";
import { loader as coopLoader } from "~/routes/coops.$slug";
import { loader as coopsLoader } from "~/routes/coops._index";
import { loader as messagesLoader } from "~/routes/i18n.$file";
import { loader as liveLoader } from "~/routes/live.$sessionId";
import { loader as productLoader } from "~/routes/products.$slug";
import { loader as productsLoader } from "~/routes/products._index";
import { messagesVersion } from "~/i18n/messages.server";
import { ids } from "~/seed/seed.server";
import { settle } from "../support/route-call";
import { VISITOR_COOKIE } from "~/http/visitor.server";
import { Shopper } from "../support/shopper";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Item 4 of issue 8: a page's data is in the request's language only. No bilingual pair
// (nameZh/nameEn, title_zh…) reaches a public page, every content field is in the asked-for
// language, and the root loader carries no catalogue (the browser loads one language).
let t: TestDatabase;
let context: AppContext;
let cartCookie: string;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  const shopper = new Shopper(context);
  await shopper.add(ids.product("zhengjia-black-fungus-250g"), 1);
  cartCookie = `${VISITOR_COOKIE}=${shopper.token}`;
});
afterAll(() => t.destroy());

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
const LIVE = ids.session("liujiawobao-autumn-harvest-live");
const PAGES: { path: string; loader: Loader; params?: Record<string, string>; cookie?: () => string }[] = [
  { path: "/", loader: homeLoader },
  { path: "/products", loader: productsLoader },
  { path: "/products/zhengjia-black-fungus-250g", loader: productLoader, params: { slug: "zhengjia-black-fungus-250g" } },
  { path: "/coops", loader: coopsLoader },
  { path: "/coops/zhengjia", loader: coopLoader, params: { slug: "zhengjia" } },
  { path: `/live/${LIVE}`, loader: liveLoader, params: { sessionId: LIVE } },
  { path: "/cart", loader: cartLoader, cookie: () => cartCookie },
];

/** Fields that hold catalogue content (as opposed to slugs, ids, units, statuses, URLs). */
const CONTENT_FIELDS = new Set([
  "title",
  "name",
  "story",
  "description",
  "village",
  "town",
  "county",
  "province",
  "coopName",
  "alt",
  "headName",
]);
const HAN = /\p{Script=Han}/u;
const BILINGUAL_KEY = /(Zh|En|_zh|_en)$/;

function walk(value: unknown, visit: (key: string, value: unknown, path: string) => void, path = "$"): void {
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, visit, `${path}[${i}]`));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      visit(key, child, `${path}.${key}`);
      walk(child, visit, `${path}.${key}`);
    }
  }
}

async function pageData(page: (typeof PAGES)[number], locale: Locale) {
  const headers: Record<string, string> = { "Accept-Language": locale };
  if (page.cookie) headers.Cookie = page.cookie();
  const request = new Request(`http://localhost${page.path}`, { headers });
  const result = await settle(() => page.loader({ request, params: page.params ?? {}, context }));
  expect(result.status, page.path).toBe(200);
  return result.body;
}

describe.each(["zh-CN", "en"] as const)("a %s request", (locale) => {
  it.each(PAGES.map((p) => [p.path, p] as const))("gets %s in its language only", async (_path, page) => {
    const data = await pageData(page, locale);
    const bilingual: string[] = [];
    const wrongLanguage: string[] = [];
    let contentFields = 0;
    walk(data, (key, value, path) => {
      if (BILINGUAL_KEY.test(key)) bilingual.push(path);
      if (!CONTENT_FIELDS.has(key) || typeof value !== "string" || value === "") return;
      contentFields++;
      // Chinese content is written in Han characters; English content has none.
      if (HAN.test(value) !== (locale === "zh-CN")) wrongLanguage.push(`${path}: ${value.slice(0, 40)}`);
    });
    expect(bilingual).toEqual([]);
    expect(wrongLanguage).toEqual([]);
    expect(contentFields).toBeGreaterThan(0);
  });

  it("gets no catalogue from the root loader, and one language from its messages script", async () => {
    const request = new Request("http://localhost/products", { headers: { "Accept-Language": locale } });
    const root = (await settle(() => rootLoader({ request, params: {}, context }))).body as Record<string, unknown>;
    expect(root.locale).toBe(locale);
    expect(JSON.stringify(root)).not.toMatch(/products\.count|nav\.home/);

    const file = `${locale}.${messagesVersion(locale)}.js`;
    const response = (await messagesLoader({
      request: new Request(`http://localhost/i18n/${file}`),
      params: { file },
      context,
    })) as Response;
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const script = await response.text();
    const zhTagline = "直播间里，直接从村合作社买";
    const enTagline = "Buy straight from village cooperatives, live";
    expect(script.includes(zhTagline)).toBe(locale === "zh-CN");
    expect(script.includes(enTagline)).toBe(locale === "en");
  });
});

describe("the messages script", () => {
  it("404s an unknown language and keeps an old version only briefly cached", async () => {
    const get = (file: string) =>
      settle(() => messagesLoader({ request: new Request(`http://localhost/i18n/${file}`), params: { file }, context }));
    expect((await get("fr.0123456789ab.js")).status).toBe(404);
    expect((await get("en.js")).status).toBe(404);
    const stale = await get("en.0123456789ab.js");
    expect(stale.status).toBe(200);
    expect(stale.headers?.get("Cache-Control")).toBe("public, max-age=300");
  });
});
