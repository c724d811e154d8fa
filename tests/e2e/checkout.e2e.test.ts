import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pageErrorCollector } from "./page-errors";
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser } from "./browser";

// Buying journeys: cart → checkout → demo payment → order page with its split,
// in Chinese, in English from a live session, and with JavaScript turned off.
const baseUrl = inject("baseUrl");
let zh: Awaited<ReturnType<typeof launchBrowser>>;
let en: Awaited<ReturnType<typeof launchBrowser>>;
let noJsBrowser: Browser;
let noJs: BrowserContext;

beforeAll(async () => {
  zh = await launchBrowser({ locale: "zh-CN" });
  en = await launchBrowser({ locale: "en" });
  // launchBrowser has no javaScriptEnabled option, so build this context here.
  noJsBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  noJs = await noJsBrowser.newContext({ locale: "zh-CN", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await Promise.all([zh?.close(), en?.close(), noJsBrowser?.close()]);
});

const { errors: pageErrors, open } = pageErrorCollector(baseUrl);

/** "¥1,234.50" → 123450, with integer maths only. */
function toFen(text: string): number {
  const match = /¥\s*([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`no ¥ amount in "${text}"`);
  return Number(match[1].replaceAll(",", "")) * 100 + Number(match[2]);
}

type Labels = { name: string; phone: string; province: string; city: string; district: string; address: string };
const ZH: Labels = { name: "收货人", phone: "手机号码", province: "省份", city: "城市", district: "区/县", address: "详细地址" };
const EN: Labels = {
  name: "Recipient name",
  phone: "Mobile phone",
  province: "Province",
  city: "City",
  district: "District / county",
  address: "Street address",
};

async function fillDelivery(page: Page, labels: Labels, phone = "138 0013 8000") {
  await page.getByLabel(labels.name, { exact: true }).fill("王小明");
  await page.getByLabel(labels.phone, { exact: true }).fill(phone);
  await page.getByLabel(labels.province, { exact: true }).fill("北京市");
  await page.getByLabel(labels.city, { exact: true }).fill("北京市");
  await page.getByLabel(labels.district, { exact: true }).fill("海淀区");
  await page.getByLabel(labels.address, { exact: true }).fill("中关村大街 1 号");
}

describe("checkout", () => {
  it("buys two bags in Chinese, fixing a bad phone number, and shows where the money went", async () => {
    const page = await open(zh.context, "/products/zhengjia-black-fungus-250g", [{ status: 422, path: "/checkout" }]);
    await page.getByLabel("数量").fill("2");
    await page.getByRole("button", { name: "加入购物车" }).click();
    await page.getByRole("status").filter({ hasText: "已加入购物车。" }).waitFor();

    await page.getByRole("link", { name: /^购物车/ }).click();
    await page.getByRole("heading", { name: "购物车", level: 1 }).waitFor();
    expect(await page.getByLabel("郑家村干黑木耳 250克袋装的数量").inputValue()).toBe("2");
    await page.getByRole("link", { name: "去结算" }).click();

    await page.getByRole("heading", { name: "结算", level: 1 }).waitFor();
    await fillDelivery(page, ZH, "12345");
    await page.getByRole("button", { name: "提交订单并付款" }).click();
    await page.getByText("请填写 11 位中国大陆手机号，例如 138 0013 8000。").waitFor();
    expect(await page.getByLabel("手机号码").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("手机号码").fill("138 0013 8000");
    await page.getByRole("button", { name: "提交订单并付款" }).click();
    await page.getByRole("heading", { name: "演示支付" }).waitFor();
    await page.getByRole("button", { name: /^支付 ¥/ }).click();

    await page.waitForURL(/\/orders\/[^/?]+\?key=.*paid=1/);
    expect(await page.getByTestId("order-status").textContent()).toBe("已付款");
    const shares = await page.getByRole("region", { name: "你的钱去了哪里" }).getByRole("listitem").allTextContents();
    expect(shares.some((s) => /^¥[\d,.]+ 给郑宝山家$/.test(s))).toBe(true);
    expect(shares.some((s) => /^¥[\d,.]+ 给郑家村集体$/.test(s))).toBe(true);
    // The shares add up to the order total, to the fen (2 × ¥39.80).
    const total = toFen(await page.getByRole("region", { name: "商品" }).locator("p").filter({ hasText: "合计" }).innerText());
    expect(total).toBe(7960);
    expect(shares.map(toFen).reduce((a, b) => a + b, 0)).toBe(total);
    await page.close();
  });

  it("buys the pinned product from the live session in English, paying the streamer a share", async () => {
    const page = await open(en.context, "/");
    await page
      .getByRole("region", { name: "Live now" })
      .getByRole("link", { name: /Liujiawobao live room/ })
      .first()
      .click();
    await page.waitForURL(/\/live\//);
    const pinned = page.getByRole("complementary", { name: "Pinned now" });
    await pinned.getByRole("button", { name: /^Add to cart: / }).click();
    await pinned.getByRole("status").filter({ hasText: "Added to your cart." }).waitFor();

    // The cart page itself (the live page's floating cart button opens a sheet instead).
    await page.getByRole("banner").getByRole("link", { name: /^Cart/ }).click();
    await page.getByText("Added during a live session — the streamer earns their share").waitFor();
    await page.getByRole("link", { name: "Checkout" }).click();
    await page.getByRole("heading", { name: "Checkout", level: 1 }).waitFor();
    await fillDelivery(page, EN);
    await page.getByRole("button", { name: "Place order and pay" }).click();
    await page.getByRole("heading", { name: "Demo payment" }).waitFor();
    await page.getByRole("button", { name: /^Pay ¥/ }).click();

    await page.waitForURL(/\/orders\//);
    expect(await page.getByTestId("order-status").textContent()).toBe("Paid");
    const split = page.getByRole("region", { name: "Where your money went" });
    await split
      .getByRole("listitem")
      .filter({ hasText: /^¥[\d,.]+ to .+, the streamer who sold it live in “.+”$/ })
      .waitFor();
    await page.close();
  });

  it("adds to cart, checks out and pays without JavaScript, after one declined payment", async () => {
    const page = await open(noJs, "/products/zhengjia-dried-shiitake-250g", [{ status: 402, path: "/pay/demo/" }]);
    await page.getByLabel("数量").fill("1");
    await page.getByRole("button", { name: "加入购物车" }).click();
    // The form posted a whole page; the action redirected back with ?added=….
    await page.waitForURL(/\/products\/zhengjia-dried-shiitake-250g\?added=/);
    await page.getByRole("status").filter({ hasText: "已加入购物车。" }).waitFor();

    await page.getByRole("link", { name: /^购物车/ }).click();
    await page.getByRole("link", { name: "去结算" }).click();
    await fillDelivery(page, ZH);
    await page.getByRole("button", { name: "提交订单并付款" }).click();
    await page.getByRole("heading", { name: "演示支付" }).waitFor();

    await page.getByRole("button", { name: "拒绝付款" }).click();
    await page.getByRole("alert").filter({ hasText: "付款被拒绝。保留时间结束前你可以再试一次。" }).waitFor();
    await page.getByRole("button", { name: /^支付 ¥/ }).click();
    await page.waitForURL(/\/orders\//);
    expect(await page.getByTestId("order-status").textContent()).toBe("已付款");
    await page.close();
  });

  it("offers no add-to-cart button for a sold-out product", async () => {
    const page = await open(zh.context, "/products");
    const link = page.getByRole("article").filter({ hasText: "已售罄" }).first().getByRole("heading").getByRole("link");
    const title = (await link.textContent()) ?? "";
    await link.click();
    // Wait for the product's own heading: the listing stays on screen until the page has loaded.
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await page.getByText("已售罄", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "加入购物车" }).count()).toBe(0);
    expect(await page.getByLabel("数量").count()).toBe(0);
    await page.close();
  });

  it("printed no errors in the browser console", () => {
    expect(pageErrors).toEqual([]);
  });
});
