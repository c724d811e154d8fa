import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";

// Journeys through the public storefront, found by role and label as a person would.
const baseUrl = inject("baseUrl");
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser({ locale: "zh-CN" });
});
afterAll(() => browser.close());

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
  page.on("console", (message) => {
    // The browser logs any 4xx document as an error; the deliberately bad search is expected.
    const expected400 = message.location().url.includes(`q=${"x".repeat(81)}`);
    if (message.type() === "error" && !expected400) pageErrors.push(`${path}: ${message.text()}`);
  });
  await page.goto(`${baseUrl}${path}`);
  return page;
}

describe("storefront", () => {
  it("greets a Chinese-speaking visitor in Chinese and leads to a product with its split", async () => {
    const page = await open("/");
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await page.getByRole("heading", { name: "正在直播" }).waitFor();
    await page.getByRole("heading", { name: "即将开播" }).waitFor();
    await page.getByRole("heading", { name: "直播回放" }).waitFor();
    const featured = page.getByRole("region", { name: "精选商品" });
    await featured.getByRole("link").filter({ hasText: "郑家村" }).first().click();
    await page.waitForURL(/\/products\/zhengjia-/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(
      await page
        .getByText(/^¥\d+\.\d{2}$/)
        .first()
        .textContent(),
    ).toMatch(/^¥\d+\.\d{2}$/);
    await page.getByRole("heading", { name: "你的钱去了哪里" }).waitFor();
    await page.close();
  });

  it("switches to English with the visible switch, and the choice persists", async () => {
    const page = await open("/coops/zhengjia");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { name: "Our story" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(page.url()).toBe(`${baseUrl}/coops/zhengjia`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Products" }).click();
    await page.getByRole("heading", { name: "Products", level: 1 }).waitFor();
    await page.getByRole("button", { name: "切换到中文" }).click();
    await page.getByRole("heading", { name: "全部商品", level: 1 }).waitFor();
    await page.close();
  });

  it("filters the catalogue by category and stock, and explains a bad search", async () => {
    const page = await open("/products");
    await page.getByLabel("分类").selectOption("fungi");
    await page.getByLabel("只看有货").check();
    await page.getByRole("button", { name: "筛选" }).click();
    await page.waitForURL(/category=fungi/);
    // The address changes first; the filtered list follows once its data has arrived.
    await expect.poll(() => page.getByText("已售罄").count()).toBe(0);
    const cards = page.getByRole("article");
    expect(await cards.count()).toBeGreaterThan(0);

    await page.getByLabel("搜索").fill("x".repeat(81));
    await page.getByRole("button", { name: "筛选" }).click();
    await page.getByText("搜索内容不能超过 80 个字符。").waitFor();
    await page.close();
  });

  it("shows a translated 404 page for unknown addresses", async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${baseUrl}/products/no-such-product`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "页面不存在" }).waitFor();
    await page.close();
  });

  it("printed no errors in the browser console", () => {
    expect(pageErrors).toEqual([]);
  });
});
