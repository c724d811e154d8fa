import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pageErrorCollector, type ExpectedStatus } from "./page-errors";
import { launchBrowser } from "./browser";

// Accounts and the cooperative dashboard: sign-in and sign-up, My orders, an admin's
// prices, refunds, split rules and households, sign-in throttling, and zh-CN labels.
const baseUrl = inject("baseUrl");
type Session = Awaited<ReturnType<typeof launchBrowser>>;
type Expected = ExpectedStatus;

const ADMIN = { email: "admin@zhengjia.demo", password: "harvest-demo" };
const run = Date.now().toString(36);
const BUYER = { name: "Li Na", email: `buyer-${run}@example.com`, password: "long-enough-password" };
const DASHBOARD_TITLE = "Zhengjia Village Black Fungus Cooperative · dashboard";
const FUNGUS_250 = "Zhengjia dried black fungus, 250 g bag";
// The buyer's journey uses the 500 g bag, so journey 1's price change never affects it.
const FUNGUS_500 = { slug: "zhengjia-black-fungus-500g", title: "Zhengjia dried black fungus, 500 g bag" };

let admin: Session; // the zhengjia admin's browser (signed in on first use)
let buyer: Session; // the consumer who signs up in journey 3
let zh: Session;
let orderId = ""; // placed by journey 3, refunded in journey 4

beforeAll(async () => {
  [admin, buyer, zh] = await Promise.all([
    launchBrowser({ locale: "en" }),
    launchBrowser({ locale: "en" }),
    launchBrowser({ locale: "zh-CN" }),
  ]);
});
afterAll(async () => {
  await Promise.all([admin?.close(), buyer?.close(), zh?.close()]);
});

const { errors: pageErrors, open } = pageErrorCollector(baseUrl);

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** A page at `path` in the admin's browser, signing in first if this browser is not yet. */
async function asAdmin(path: string, expected: Expected[] = []): Promise<Page> {
  // /login sends a signed-in visitor straight on to redirectTo.
  const page = await open(admin.context, `/login?redirectTo=${encodeURIComponent(path)}`, expected);
  if (new URL(page.url()).pathname === "/login") await signIn(page, ADMIN);
  await page.waitForURL(`${baseUrl}${path}`);
  await page.getByRole("heading", { name: DASHBOARD_TITLE, level: 1 }).waitFor();
  return page;
}

async function openSection(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Dashboard sections" }).getByRole("link", { name, exact: true }).click();
  await page.waitForURL(new RegExp(`/dashboard/zhengjia/${name === "Split rules" ? "splits" : name.toLowerCase()}$`));
}

/** The admin's product list entry for `title`. */
function productRow(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

async function stockOf(page: Page, title: string): Promise<number> {
  const match = /(\d+) in stock/.exec(await productRow(page, title).innerText());
  if (!match) throw new Error(`no stock shown for ${title}`);
  return Number(match[1]);
}

describe("accounts and dashboard", () => {
  it("lets the cooperative admin change a price, which the shop then shows", async () => {
    const page = await open(admin.context, "/login");
    await signIn(page, ADMIN);
    // A cooperative admin lands on their dashboard, which the header's link also leads to.
    await page.waitForURL(`${baseUrl}/dashboard/zhengjia`);
    await page.getByRole("heading", { name: DASHBOARD_TITLE, level: 1 }).waitFor();
    expect(await page.getByRole("banner").getByRole("link", { name: "Dashboard" }).getAttribute("href")).toBe("/dashboard/zhengjia");
    await openSection(page, "Products");
    await productRow(page, FUNGUS_250).getByRole("link").click();
    await page.getByRole("heading", { name: "Edit product" }).waitFor();
    const editUrl = page.url();
    const before = await page.getByLabel("Price per unit (¥)").inputValue();

    await page.getByLabel("Price per unit (¥)").fill("42.50");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    await page.goto(`${baseUrl}/products/zhengjia-black-fungus-250g`);
    await page.getByRole("heading", { name: FUNGUS_250, level: 1 }).waitFor();
    await page.getByText("¥42.50", { exact: true }).first().waitFor();

    // Put the seeded price back: the checkout journeys (any file order) expect it.
    await page.goto(editUrl);
    await page.getByLabel("Price per unit (¥)").fill(before);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.close();
  });

  it("hides other cooperatives' dashboards, and brings a signed-out admin back after sign-in", async () => {
    const page = await asAdmin("/dashboard/zhengjia", [{ status: 404, path: "/dashboard/daguliu" }]);
    const response = await page.goto(`${baseUrl}/dashboard/daguliu`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Dashboard sections" }).count()).toBe(0);
    await page.close();

    const guest = await launchBrowser({ locale: "en" });
    try {
      const anon = await open(guest.context, "/dashboard/zhengjia");
      await anon.waitForURL(`${baseUrl}/login?redirectTo=${encodeURIComponent("/dashboard/zhengjia")}`);
      await anon.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
      await signIn(anon, ADMIN);
      await anon.waitForURL(`${baseUrl}/dashboard/zhengjia`);
      await anon.getByRole("heading", { name: DASHBOARD_TITLE, level: 1 }).waitFor();
      await anon.getByText("Paid orders", { exact: true }).waitFor();
    } finally {
      await guest.close();
    }
  });

  it("signs a consumer up, buys, finds the order under My orders, and signs out", async () => {
    const page = await open(buyer.context, "/signup");
    await page.getByLabel("Your name", { exact: true }).fill(BUYER.name);
    await page.getByLabel("Email", { exact: true }).fill(BUYER.email);
    await page.getByLabel("Password", { exact: true }).fill(BUYER.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "My orders", level: 1 }).waitFor();
    await page.getByText("You have no orders yet.").waitFor();

    // Two bags, so that journey 4's one-unit refund leaves the order partly refunded.
    await page.goto(`${baseUrl}/products/${FUNGUS_500.slug}`);
    await page.getByLabel("Quantity", { exact: true }).fill("2");
    await page.getByRole("button", { name: "Add to cart", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Added to your cart." }).waitFor();
    await page.getByRole("link", { name: /^Cart/ }).click();
    await page.getByRole("link", { name: "Checkout" }).click();
    await page.getByRole("heading", { name: "Checkout", level: 1 }).waitFor();
    await page.getByLabel("Recipient name", { exact: true }).fill(BUYER.name);
    await page.getByLabel("Mobile phone", { exact: true }).fill("13800138000");
    await page.getByLabel("Province", { exact: true }).fill("Beijing");
    await page.getByLabel("City", { exact: true }).fill("Beijing");
    await page.getByLabel("District / county", { exact: true }).fill("Haidian");
    await page.getByLabel("Street address", { exact: true }).fill("1 Zhongguancun Street");
    await page.getByRole("button", { name: "Place order and pay" }).click();
    await page.getByRole("heading", { name: "Demo payment" }).waitFor();
    await page.getByRole("button", { name: /^Pay ¥/ }).click();
    await page.waitForURL(/\/orders\/[^/?]+\?/);
    expect(await page.getByTestId("order-status").textContent()).toBe("Paid");
    orderId = new URL(page.url()).pathname.split("/")[2];

    const header = page.getByRole("banner");
    await header.locator("summary").click(); // the account menu
    await header.getByRole("link", { name: "My orders" }).click();
    await page.getByRole("heading", { name: "My orders", level: 1 }).waitFor();
    const entry = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: FUNGUS_500.title }) });
    expect(await entry.count()).toBe(1);
    expect(await entry.getByRole("link").getAttribute("href")).toBe(`/orders/${orderId}`);
    await entry.getByText("Paid", { exact: true }).waitFor();

    await header.locator("summary").click();
    await header.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${baseUrl}/`);
    await header.getByRole("link", { name: "Sign in" }).waitFor();
    expect(await header.getByRole("link", { name: "My orders" }).count()).toBe(0);
    await page.close();
  });

  it("refunds one unit from the dashboard, back into stock, and the buyer sees a partial refund", async () => {
    expect(orderId, "journey 3 places the order").not.toBe("");
    const page = await asAdmin("/dashboard/zhengjia/products");
    const stockBefore = await stockOf(page, FUNGUS_500.title);

    await openSection(page, "Orders");
    const order = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `Order ${orderId.slice(0, 8)}` }) });
    await order.getByText(/^Paid · /).waitFor();
    await order.getByLabel(`Units of ${FUNGUS_500.title} to refund`).fill("1");
    await order.getByLabel("Return refunded units to stock").check();
    await order.getByRole("button", { name: "Refund selected units" }).click();
    await order.getByRole("button", { name: "Confirm refund" }).click(); // step two: the confirmation panel
    await order
      .getByRole("status")
      .filter({ hasText: /^Refunded ¥[\d,]+\.\d{2}\.$/ })
      .waitFor();
    await order.getByText(/^Partly refunded · /).waitFor();
    await order.getByText("(1 refunded)").waitFor();

    await openSection(page, "Products");
    expect(await stockOf(page, FUNGUS_500.title)).toBe(stockBefore + 1);
    await page.close();

    // The buyer signs back in and sees it on their own order.
    const mine = await open(buyer.context, "/login?redirectTo=/account");
    await signIn(mine, BUYER);
    await mine.getByRole("heading", { name: "My orders", level: 1 }).waitFor();
    await mine.getByRole("listitem").filter({ hasText: FUNGUS_500.title }).getByText("Partly refunded", { exact: true }).waitFor();
    await mine.getByRole("link", { name: FUNGUS_500.title }).click();
    await mine.waitForURL(`${baseUrl}/orders/${orderId}`);
    await mine.getByTestId("order-status").filter({ hasText: "Partly refunded" }).waitFor();
    await mine.getByText("(1 refunded)").waitFor();
    await mine.close();
  });

  it("checks split rules live and on the server, then saves a valid rule", async () => {
    const page = await asAdmin("/dashboard/zhengjia/splits", [{ status: 422, path: "/dashboard/zhengjia/splits" }]);
    const rule = page.getByRole("region", { name: "Default rule" });
    const household = rule.getByLabel("Household %");
    const platform = rule.getByLabel("Platform %");
    const saved = await household.inputValue();
    const SUM = "The four parts must add up to exactly 100%.";

    await household.fill(String(Number(saved) - 5));
    await rule.getByText(`Total 95% — ${SUM}`).waitFor(); // the live preview, before any submit
    expect(await rule.getByText(SUM, { exact: true }).count()).toBe(0);

    // The browser runs the form's schema (Conform): the same field error, and nothing is posted.
    let posted = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname.startsWith("/dashboard/zhengjia/splits")) posted++;
    });
    await rule.getByRole("button", { name: "Save" }).click();
    await rule.getByText(SUM, { exact: true }).waitFor();
    expect(await platform.getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid"))).toBe("true"); // focus on the first invalid field
    expect(posted).toBe(0);
    expect(await page.getByRole("status").filter({ hasText: "Saved." }).count()).toBe(0);
    // The server checks the same rule for a form that skips the browser's check (no JavaScript, or forged).
    const refused = await page.request.post(`${baseUrl}/dashboard/zhengjia/splits`, {
      headers: { Origin: baseUrl, "Accept-Language": "en" },
      form: { intent: "set-default", household: "50", collective: "15", streamer: "10", platform: "5" }, // 80 %
    });
    expect(refused.status()).toBe(422);
    expect(await refused.text()).toContain(SUM);

    await household.fill(saved);
    await rule.getByText(/^Total \d+% — /).waitFor({ state: "detached" });
    await rule.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await platform.getAttribute("aria-invalid")).toBeNull();
    expect(await household.inputValue()).toBe(saved);
    await page.close();
  });

  it("slows a sixth sign-in attempt from an unknown browser after five wrong passwords", async () => {
    const guest = await launchBrowser({ locale: "en" });
    try {
      const page = await open(guest.context, "/login", [
        { status: 401, path: "/login" },
        { status: 429, path: "/login" },
      ]);
      // A made-up address: locking out a demo admin would break the other journeys.
      const nobody = { email: `nobody-${run}@example.com`, password: "" };
      for (let attempt = 1; attempt <= 6; attempt++) {
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login")),
          signIn(page, { ...nobody, password: `wrong-password-${attempt}` }),
        ]);
        expect(response.status(), `attempt ${attempt}`).toBe(attempt <= 5 ? 401 : 429);
        if (attempt === 1) await page.getByRole("alert").filter({ hasText: "That email and password do not match." }).waitFor();
      }
      // The wait grows with each failure (30 s after the fifth), and the page says how long.
      await page
        .getByRole("alert")
        .filter({ hasText: /^Too many attempts\. Try again in \d+ (s|min)\.$/ })
        .waitFor();
    } finally {
      await guest.close();
    }
  });

  it("adds a household, lists it, and deactivates it", async () => {
    const page = await asAdmin("/dashboard/zhengjia/households");
    const add = page.getByRole("region", { name: "Add a household" });
    const name = `Test ${run} household`;
    await add.getByLabel("Household name (Chinese)", { exact: true }).fill(`测试${run}家`);
    await add.getByLabel("Household name (English)", { exact: true }).fill(name);
    await add.getByLabel("Head of household (Chinese)", { exact: true }).fill("王测试");
    await add.getByLabel("Head of household (English)", { exact: true }).fill("Wang Ceshi");
    await add.getByLabel("Members", { exact: true }).fill("3");
    await add.getByRole("button", { name: "Add a household" }).click();

    const row = page.getByRole("listitem").filter({ hasText: name });
    await row.getByText("Wang Ceshi · 3 household members · 0 products", { exact: false }).waitFor();
    expect(await row.getByText("Inactive", { exact: true }).count()).toBe(0);

    await row.getByRole("button", { name: "Deactivate" }).click();
    await row.getByText("Inactive", { exact: true }).waitFor();
    await row.getByRole("button", { name: "Reactivate" }).waitFor();
    await page.close();
  });

  it("labels the sign-in page in Chinese for a zh-CN browser", async () => {
    const page = await open(zh.context, "/login");
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await page.getByRole("heading", { name: "登录", level: 1 }).waitFor();
    await page.getByLabel("邮箱", { exact: true }).waitFor();
    await page.getByLabel("密码", { exact: true }).waitFor();
    await page.getByRole("banner").getByRole("link", { name: "登录", exact: true }).waitFor();
    await page.close();
  });

  it("printed no errors in the browser console", () => {
    expect(pageErrors).toEqual([]);
  });
});
