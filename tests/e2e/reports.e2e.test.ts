import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { pageErrorCollector } from "./page-errors";

// E-commerce income on a phone (390×844): the cooperative's admin opens the reports,
// switches to monthly, downloads income.csv (BOM, the contract's header row) and turns the
// public disclosure on; a villager then reads the disclosure in Chinese from the
// cooperative's page. At the end the admin turns it off again, as the seed had it.
const baseUrl = inject("baseUrl");
type Session = Awaited<ReturnType<typeof launchBrowser>>;
const ADMIN = { email: "admin@zhengjia.demo", password: "harvest-demo" };
const INCOME_HEADER = "period,orders,gross_sales,refunds,net_sales,household_income,collective_income,streamer_commission,platform_fee";

let admin: Session;
let visitor: Session;
beforeAll(async () => {
  [admin, visitor] = await Promise.all([
    launchBrowser({ locale: "en", viewport: { width: 390, height: 844 } }),
    launchBrowser({ locale: "zh-CN", viewport: { width: 390, height: 844 } }),
  ]);
});
afterAll(async () => {
  await Promise.all([admin?.close(), visitor?.close()]);
});

const { errors: pageErrors, open } = pageErrorCollector(baseUrl);

/** axe-core's WCAG 2.1 A/AA and best-practice violations on the page as it is (rule id and target). */
async function axeViolations(page: Page): Promise<string[]> {
  const source = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(source);
  const violations = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } };
    const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
    return (await w.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations;
  })) as { id: string; nodes: { target: unknown[] }[] }[];
  return violations.flatMap((v) => v.nodes.map((n) => `${page.url()}: ${v.id} at ${JSON.stringify(n.target)}`));
}

async function reportsAsAdmin(): Promise<Page> {
  const page = await open(admin.context, `/login?redirectTo=${encodeURIComponent("/dashboard/zhengjia/reports")}`);
  if (new URL(page.url()).pathname === "/login") {
    await page.getByLabel("Email", { exact: true }).fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
  }
  await page.waitForURL(`${baseUrl}/dashboard/zhengjia/reports`);
  await page.getByRole("heading", { name: "E-commerce income", level: 2 }).waitFor();
  return page;
}

describe("income reports and the public disclosure", () => {
  it("an admin switches the report to monthly and downloads income.csv with its BOM and header", async () => {
    const page = await reportsAsAdmin();
    const form = page.getByRole("form", { name: "Report period" });
    await form.getByLabel("Per").selectOption("day");
    await form.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/group=day/);
    // the report by day is shown (its form is a new one, keyed by the range)
    await page.getByRole("link", { name: "Income per day (CSV)" }).waitFor();
    await page.getByRole("form", { name: "Report period" }).getByLabel("Per").selectOption("month");
    await page.getByRole("form", { name: "Report period" }).getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/group=month/);
    await page.getByRole("link", { name: "Income per month (CSV)" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Income per month (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^income_zhengjia_.*_month\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header] = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(header).toBe(INCOME_HEADER);
    // the page fits the phone: nothing wider than the viewport
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it("the admin turns the disclosure on, and a villager reads it in Chinese from the cooperative's page", async () => {
    const page = await reportsAsAdmin();
    await page.getByRole("button", { name: "Publish the disclosure" }).click();
    await page.getByRole("button", { name: "Stop publishing" }).waitFor();

    const coop = await open(visitor.context, "/coops/zhengjia");
    await coop.getByRole("link", { name: "收入公开" }).click();
    await coop.waitForURL(`${baseUrl}/coops/zhengjia/disclosure`);
    await coop.getByRole("heading", { level: 1, name: /^电商收入公开：/ }).waitFor();
    // the seed has no sales: the figures' tables, or the sentence saying there are none yet
    await coop.getByRole("table").first().or(coop.getByText("尚无电商收入记录。")).waitFor();
    expect(await coop.getByRole("link", { name: "下载（CSV）" }).getAttribute("href")).toBe("/coops/zhengjia/disclosure.csv");
    expect(await coop.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(coop)).toEqual([]);

    await page.getByRole("button", { name: "Stop publishing" }).click();
    await page.getByRole("button", { name: "Publish the disclosure" }).waitFor();
    const gone = await visitor.context.request.get(`${baseUrl}/coops/zhengjia/disclosure`);
    expect(gone.status()).toBe(404);
  });

  it("a household's statement for a month prints on one A4 page, without the site's navigation", async () => {
    const page = await open(admin.context, "/dashboard/zhengjia/households");
    await page
      .getByRole("link", { name: /^Statement / })
      .first()
      .click();
    await page.waitForURL(/\/households\/[0-9a-f-]+\/statement$/);
    const form = page.getByRole("form", { name: "Statement period" });
    const month = new Date().toISOString().slice(0, 7);
    await form.getByLabel("From").fill(`${month}-01`);
    await form.getByLabel("To").fill(`${month}-28`);
    await form.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/from=.*&to=/);
    await page.getByRole("heading", { name: "Summary" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("banner").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Dashboard sections" }).isVisible()).toBe(false);
    expect(await page.getByRole("heading", { name: "Summary" }).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: /^Statement: / }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });

  it("logged no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
