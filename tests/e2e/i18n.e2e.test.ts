import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { catalogAreas } from "~/i18n/catalog";
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser } from "./browser";
import { pageErrorCollector } from "./page-errors";

// Item 4 of issue 8 in the built app: no catalogue in the client bundles (public/build, from
// `npm run build`), each page translated in the browser from its one language's script, and
// the language switch working with and without JavaScript.
const baseUrl = inject("baseUrl");
const { errors, open } = pageErrorCollector(baseUrl);
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function builtScripts(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return builtScripts(full);
      return e.name.endsWith(".js") ? [full] : [];
    }),
  );
  return nested.flat();
}

describe("the client bundles", () => {
  it("contain no message of either language", async () => {
    const files = await builtScripts(path.resolve("public/build"));
    expect(files.length).toBeGreaterThan(5);
    // esbuild writes non-ASCII as \uXXXX escapes: undo them so Chinese text can be found.
    const code = (await Promise.all(files.map((f) => readFile(f, "utf8"))))
      .join("\n")
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    // Long, placeholder-free messages cannot occur in code by chance.
    const samples = Object.values(catalogAreas)
      .flatMap((area) => [...Object.values(area.en), ...Object.values(area.zh)])
      .filter((message) => message.length >= 12 && !message.includes("{"));
    expect(samples.length).toBeGreaterThan(100);
    expect(samples.filter((message) => code.includes(message))).toEqual([]);
  });
});

describe("a page in the browser", () => {
  it("translates from its language's script, across client navigations and a language switch", async () => {
    const browser = await launchBrowser({ locale: "en-US" });
    closers.push(browser.close);
    const page = await open(browser.context, "/products");
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.locator("p[aria-live]").textContent()).toMatch(/^\d+ products?$/);
    await page.getByRole("link", { name: "Cooperatives", exact: true }).first().click();
    await page.waitForURL("**/coops");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Cooperatives");
    expect(await page.title()).toBe("Cooperatives · Harvest Live");
    await page.getByRole("button", { name: "切换到中文" }).click();
    await page.waitForURL("**/coops");
    await expect.poll(() => page.locator("h1").textContent()).toBe("合作社");
    await page.getByRole("link", { name: "商品", exact: true }).first().click();
    await page.waitForURL("**/products");
    await expect.poll(() => page.locator("p[aria-live]").textContent()).toMatch(/^共 \d+ 件商品$/);
    expect(errors).toEqual([]);
  });

  it("switches language without JavaScript too", async () => {
    const context = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true }).then((b) => {
      closers.push(() => b.close());
      return b.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/products`);
    expect(await page.locator("h1").textContent()).toBe("全部商品");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.waitForURL("**/products");
    expect(await page.locator("h1").textContent()).toBe("Products");
    expect(await page.locator("p[aria-live]").textContent()).toMatch(/^\d+ products?$/);
  });
});
