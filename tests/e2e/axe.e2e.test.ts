import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { pageErrorCollector, type ExpectedStatus } from "./page-errors";

// axe-core on every page type, in Chinese and in English, on a phone (390×844): any
// violation of WCAG 2.0/2.1 A and AA or of axe's best practices fails, with its rule id,
// target and help printed.
const baseUrl = inject("baseUrl");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
let axeSource = "";
const browsers: Record<string, Awaited<ReturnType<typeof launchBrowser>>> = {};

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  browsers["zh-CN"] = await launchBrowser({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
  browsers.en = await launchBrowser({ locale: "en", viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await Promise.all(Object.values(browsers).map((b) => b.close()));
});

const { errors: pageErrors, open } = pageErrorCollector(baseUrl);

type Violation = { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };

/** Runs axe on the page as it is now; returns one printable line per failing node. */
async function axe(page: Page, label: string): Promise<string[]> {
  await page.waitForLoadState("load");
  // evaluate() is not subject to the page's Content-Security-Policy, unlike a <script> tag.
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async (tags) => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations;
  }, TAGS)) as Violation[];
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${label}: ${v.id} at ${JSON.stringify(n.target)} — ${v.help}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, " ")})` : ""}`,
    ),
  );
}

const found: string[] = [];
async function check(context: BrowserContext, locale: string, path: string, expected: ExpectedStatus[] = [], page?: Page) {
  const p = page ?? (await open(context, path, expected));
  found.push(...(await axe(p, `[${locale}] ${path}`)));
  if (!page) await p.close();
}

async function firstHref(context: BrowserContext, path: string, selector: (page: Page) => ReturnType<Page["locator"]>) {
  const page = await open(context, path);
  const href = await selector(page).first().getAttribute("href");
  await page.close();
  if (!href) throw new Error(`no link found on ${path}`);
  return href;
}

for (const locale of ["zh-CN", "en"] as const) {
  describe(`axe (${locale}, 390×844)`, () => {
    const ctx = () => browsers[locale].context;

    it("public pages have no violations", async () => {
      const sessions = {
        live: await firstHref(ctx(), "/", (p) => p.locator("section[aria-labelledby='live-title'] a[href^='/live/']")),
        upcoming: await firstHref(ctx(), "/", (p) => p.locator("section[aria-labelledby='upcoming-title'] a[href^='/live/']")),
        replay: await firstHref(ctx(), "/", (p) => p.locator("section[aria-labelledby='replays-title'] a[href^='/live/']")),
      };
      for (const path of [
        "/",
        "/products",
        "/products?category=fungi&inStock=1",
        `/products?q=${"x".repeat(81)}`,
        "/products/zhengjia-black-fungus-250g",
        "/coops",
        "/coops/zhengjia",
        sessions.live,
        sessions.replay,
        sessions.upcoming,
        "/cart",
        "/login",
        "/signup",
        "/no-such-page",
      ]) {
        await check(ctx(), locale, path, [
          { status: 400, path: "/products" },
          { status: 404, path: "/no-such-page" },
        ]);
      }
    });

    it("the buying pages have no violations: cart with items, checkout, order pending and paid", async () => {
      const page = await open(ctx(), "/products/zhengjia-black-fungus-250g", [{ status: 422, path: "/checkout" }]);
      await page.locator("form[action='/cart'] input[name=enhanced]").first().waitFor({ state: "attached" }); // hydrated
      await page.locator("form[action='/cart'] button[type=submit]").first().click();
      await page.locator("form[action='/cart'] [role=status] a[href='/cart']").first().waitFor();
      await page.goto(`${baseUrl}/cart`);
      await check(ctx(), locale, "/cart (items)", [], page);
      await page.goto(`${baseUrl}/checkout`);
      await check(ctx(), locale, "/checkout", [], page);
      await page.getByRole("button", { name: /^(提交订单并付款|Place order and pay)$/ }).click();
      await page.locator("[role=alert][tabindex='-1']").waitFor();
      await check(ctx(), locale, "/checkout (field errors)", [], page);
      await page.locator("#checkout-contactName").fill("王小明");
      await page.locator("#checkout-contactPhone").fill("138 0013 8000");
      await page.locator("#checkout-province").fill("北京市");
      await page.locator("#checkout-city").fill("北京市");
      await page.locator("#checkout-district").fill("海淀区");
      await page.locator("#checkout-addressLine").fill("中关村大街 1 号");
      await page.getByRole("button", { name: /^(提交订单并付款|Place order and pay)$/ }).click();
      await page.waitForURL(/\/pay\/demo\//);
      const orderId = /\/pay\/demo\/([0-9a-f-]{36})/.exec(page.url())![1];
      await check(ctx(), locale, "/pay/demo/:orderId", [], page);
      const order = await open(ctx(), `/orders/${orderId}`);
      await check(ctx(), locale, "/orders/:orderId (pending)", [], order);
      await order.close();
      await page.getByRole("button", { name: /^(支付|Pay) ¥/ }).click();
      await page.waitForURL(/\/orders\//);
      // The pay form navigates on the client: audit the order page once it has rendered.
      await page.getByTestId("order-status").waitFor();
      await check(ctx(), locale, "/orders/:orderId (paid)", [], page);
      await page.close();
    });

    it("the account and cooperative dashboard pages have no violations", async () => {
      const login = await open(ctx(), "/login?redirectTo=%2Faccount");
      await login.locator("input[name=email]").fill("admin@zhengjia.demo");
      await login.locator("input[name=password]").fill("harvest-demo");
      await login.locator("form button[type=submit]").last().click();
      await login.waitForURL(/\/account$/);
      await check(ctx(), locale, "/account", [], login);
      await login.close();
      const edit = await firstHref(ctx(), "/dashboard/zhengjia/products", (p) =>
        p.locator("main a[href*='/dashboard/zhengjia/products/']:not([href$='/new'])"),
      );
      // The refund confirmation panel (step two of a refund), on the order bought above.
      const orders = await open(ctx(), "/dashboard/zhengjia/orders");
      await orders.locator("input[name^='qty-']:not([disabled])").first().fill("1");
      await orders
        .getByRole("button", { name: /^(退款所选|Refund selected units)/ })
        .first()
        .click();
      await orders.getByRole("button", { name: /^(确认退款|Confirm refund)$/ }).waitFor();
      await check(ctx(), locale, "/dashboard/zhengjia/orders (refund confirmation)", [], orders);
      await orders.close();
      for (const path of [
        "/dashboard/zhengjia",
        "/dashboard/zhengjia/orders",
        "/dashboard/zhengjia/products",
        edit,
        "/dashboard/zhengjia/households",
        "/dashboard/zhengjia/splits",
        "/dashboard/zhengjia/payouts",
      ]) {
        await check(ctx(), locale, path);
      }
    });

    it("the platform admin's dashboard index and a host's studio have no violations", async () => {
      for (const [email, path] of [
        ["admin@platform.demo", "/dashboard"],
        ["host@zhengjia.demo", "/studio"],
        ["host@liujiawobao.demo", "/studio"],
      ] as const) {
        const other = await launchBrowser({ locale, viewport: { width: 390, height: 844 } });
        try {
          const login = await open(other.context, `/login?redirectTo=${encodeURIComponent(path)}`);
          await login.locator("input[name=email]").fill(email);
          await login.locator("input[name=password]").fill("harvest-demo");
          await login.locator("form button[type=submit]").last().click();
          await login.waitForURL(new RegExp(`${path}$`));
          await check(other.context, locale, `${path} (${email})`, [], login);
          // The open account menu is part of the page too.
          await login.locator("header details summary").first().click();
          await check(other.context, locale, `${path} (${email}, account menu open)`, [], login);
          if (email === "host@liujiawobao.demo") {
            // A live session's studio, with the stream key shown and the End question open.
            await login.locator("main a[href^='/studio/'][aria-label]").first().click();
            await login.waitForURL(/\/studio\/[0-9a-f-]{36}$/);
            await login.locator("main details summary").nth(0).click();
            await login.locator("main details summary").last().click();
            await check(other.context, locale, `a live session's studio (${email})`, [], login);
          }
        } finally {
          await other.close();
        }
      }
    });

    it("found no violations", () => {
      const mine = found.filter((line) => line.startsWith(`[${locale}]`));
      if (mine.length) console.log(mine.join("\n"));
      expect(mine).toEqual([]);
    });
  });
}

describe("axe run", () => {
  it("printed no errors in the browser console", () => {
    expect(pageErrors).toEqual([]);
  });
});
