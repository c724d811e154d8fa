import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { pageErrorCollector } from "./page-errors";

// Issue 9, item 6: a host runs a whole session from the studio on a 390 px phone — schedule,
// go live, pin, end — with the big actions at the bottom; the stream key is masked until
// asked for and reaches no viewer's HTML or network response.
const baseUrl = inject("baseUrl");
const { errors: pageErrors, open } = pageErrorCollector(baseUrl);
const PHONE = { width: 390, height: 844 };
const SCREENSHOT_DIR = process.env.STUDIO_SCREENSHOT_DIR ?? path.join(os.tmpdir(), "harvest-studio-screenshots");
const shot = async (page: Page, name: string) => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
};
const sessions: Awaited<ReturnType<typeof launchBrowser>>[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
});

async function signedInPhone(email: string) {
  const session = await launchBrowser({ locale: "en", viewport: PHONE });
  sessions.push(session);
  const page = await open(session.context, "/login?redirectTo=/studio");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("harvest-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${baseUrl}/studio`);
  return page;
}

/** A thumb-sized control in the bottom part of the phone screen. */
async function expectAtTheBottom(page: Page, name: string) {
  const box = (await page.getByText(name, { exact: true }).first().boundingBox())!;
  expect(box.height, name).toBeGreaterThanOrEqual(44);
  expect(box.y + box.height, name).toBeLessThanOrEqual(PHONE.height);
  expect(box.y, name).toBeGreaterThan(PHONE.height - 260);
}

describe("the studio on a phone", () => {
  it("schedules a session, goes live, pins a product and ends it, one-handed", async () => {
    const page = await signedInPhone("host@liujiawobao.demo");
    await page.getByRole("link", { name: "New session" }).click();
    await page.getByRole("heading", { name: "Schedule a session", level: 1 }).waitFor();
    await page.getByLabel("Title (Chinese)").fill("晒场夜话");
    await page.getByLabel("Title (English)").fill("Evening at the drying yard");
    const products = page.getByRole("group", { name: "Products in this session" }).getByRole("checkbox");
    await products.nth(0).check();
    await products.nth(1).check();
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.waitForURL(/\/studio\/[0-9a-f-]{36}$/);
    await page.getByRole("status").filter({ hasText: "Not live yet" }).waitFor();
    await shot(page, "studio-scheduled");

    // Edit before going live: a new English title, one product fewer.
    await page.getByText("Edit session", { exact: true }).click();
    const edit = page.locator("form#studio-edit");
    expect(await edit.getByLabel("Starts at (Beijing time)").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    const boxes = edit.getByRole("checkbox");
    expect(await boxes.nth(0).isChecked()).toBe(true);
    await edit.getByLabel("Title (English)").fill("Evening at the drying yard, live");
    await boxes.nth(0).uncheck();
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").filter({ hasText: "Saved." }).waitFor();
    await page.getByRole("heading", { name: "Evening at the drying yard, live", level: 1 }).waitFor();
    expect(await page.getByRole("button", { name: /^Pin: / }).count()).toBe(1);

    await expectAtTheBottom(page, "Go live");
    await page.getByText("Go live", { exact: true }).click();
    await page.getByRole("button", { name: "Yes, go live" }).click();
    await page.getByRole("status").filter({ hasText: "You are live" }).waitFor();
    await page.getByRole("region", { name: "Live panel" }).getByText("Watching").waitFor();
    // While live, the panel refreshes its own figures (one small request, not the whole page).
    const refresh = await page.waitForResponse((r) => r.url().includes("/panel"), { timeout: 10_000 });
    expect(refresh.status()).toBe(200);
    // Read the figures again with the host's cookies: the browser may drop the first body
    // once the next refresh replaces it.
    expect(await (await page.context().request.get(refresh.url())).text()).toContain("gmvFen");

    const pin = page.getByRole("button", { name: /^Pin: / }).first();
    const pinned = (await pin.getAttribute("aria-label"))!.replace(/^Pin: /, "");
    await pin.click();
    await page.getByRole("button", { name: `Unpin: ${pinned}` }).waitFor();
    await shot(page, "studio-live");

    await expectAtTheBottom(page, "End session");
    await page.getByText("End session", { exact: true }).click();
    await shot(page, "studio-end-confirm");
    await page.getByRole("button", { name: "Yes, end it" }).click();
    await page.getByRole("status").filter({ hasText: "Ended" }).waitFor();
    await shot(page, "studio-ended");
    expect(await page.getByRole("button", { name: /^(Pin|Unpin): / }).count()).toBe(0);
    await page.close();
  });

  it("masks the stream key until asked for, and no viewer page or response carries it", async () => {
    const host = await signedInPhone("host@liujiawobao.demo");
    await host
      .getByRole("region", { name: "Live now" })
      .getByRole("link", { name: /^Manage: Liujiawobao live room/ })
      .click();
    await host.waitForURL(/\/studio\/[0-9a-f-]{36}$/);
    const liveId = new URL(host.url()).pathname.split("/").at(-1)!;
    const key = host.locator("[data-stream-key]");
    expect(await key.isVisible()).toBe(false);
    await host.getByText("Show stream key").click();
    expect(await key.isVisible()).toBe(true);
    const streamKey = (await key.textContent())!.trim();
    expect(streamKey).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const viewer = await launchBrowser({ locale: "en", viewport: PHONE });
    sessions.push(viewer);
    const bodies: string[] = [];
    viewer.context.on("response", (response) => {
      void response.text().then(
        (text) => bodies.push(text),
        () => undefined,
      );
    });
    for (const path of ["/", `/live/${liveId}`, "/products", "/coops/liujiawobao"]) {
      const page = await open(viewer.context, path);
      await page.waitForLoadState("networkidle");
      await page.close();
    }
    for (const path of [`/live/${liveId}.data`, "/_root.data", `/live/${liveId}/events?lastEventId=0`]) {
      const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(3000) }).catch(() => null);
      if (response) bodies.push(await readSome(response));
    }
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) expect(body).not.toContain(streamKey);
    await host.close();
  });

  it("is a 404 for another cooperative's admin", async () => {
    const host = await signedInPhone("host@liujiawobao.demo");
    const href = (await host
      .getByRole("link", { name: /^Manage: / })
      .first()
      .getAttribute("href"))!;
    const other = await signedInPhone("admin@zhengjia.demo");
    const response = await other.goto(`${baseUrl}${href}`);
    expect(response?.status()).toBe(404);
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !(e.includes(href) && e.includes("404"))));
  });

  it("logged no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});

/** The start of a (possibly endless) event stream, or a whole small body. */
async function readSome(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  let text = "";
  const decoder = new TextDecoder();
  const until = Date.now() + 1500;
  while (Date.now() < until) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 500))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value);
  }
  await reader.cancel().catch(() => undefined);
  return text;
}
