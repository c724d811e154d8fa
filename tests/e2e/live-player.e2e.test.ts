import { mkdir } from "node:fs/promises";
import type { BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { pageErrorCollector } from "./page-errors";
import { SEEDED_LIVE_PATH } from "./seeded-sessions";

// The live page's player in Chromium on a 390×844 phone: the seeded live session plays at a
// live edge of the app's wall-clock sliding-window stream, a replay plays as VOD, the quality
// menu reaches audio only and back by keyboard, and hls.js loads on this page only.
const baseUrl = inject("baseUrl");
const SHOTS = process.env.PLAYER_SHOTS_DIR ?? "/tmp/shots-player";
let zh: Awaited<ReturnType<typeof launchBrowser>>;
let en: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  zh = await launchBrowser({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
  en = await launchBrowser({ locale: "en", viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await Promise.all([zh?.close(), en?.close()]);
});

const { errors: pageErrors, open } = pageErrorCollector(baseUrl);
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

/**
 * A session linked from one of the home page's sections: the seeded live session (other
 * journeys go live with sessions of their own), or the first replay.
 */
async function sessionPath(context: BrowserContext, section: "live-title" | "replays-title"): Promise<string> {
  const home = await open(context, "/");
  const link = section === "live-title" ? `a[href='${SEEDED_LIVE_PATH}']` : "a[href^='/live/']";
  const href = await home.locator(`section[aria-labelledby='${section}'] ${link}`).first().getAttribute("href");
  await home.close();
  return href!;
}

type PlayerState = {
  currentTime: number;
  duration: number;
  paused: boolean;
  phase?: string;
  source?: string;
  latency?: string;
  sequence?: string;
};
const playerState = (page: Page): Promise<PlayerState> =>
  page.evaluate(() => {
    const video = document.querySelector("video")!;
    const player = document.querySelector<HTMLElement>("[data-testid=live-player]")!.dataset;
    return {
      currentTime: video.currentTime,
      duration: video.duration,
      paused: video.paused,
      phase: player.phase,
      source: player.source,
      latency: player.latency,
      sequence: player.mediaSequence,
    };
  });

/** Waits until the video is playing and its clock has moved on by `seconds`. */
async function expectAdvancing(page: Page, seconds = 1) {
  await page.waitForFunction(() => document.querySelector<HTMLElement>("[data-testid=live-player]")?.dataset.phase === "playing");
  const before = (await playerState(page)).currentTime;
  await expect
    .poll(async () => (await playerState(page)).currentTime - before, { timeout: 10_000, interval: 250 })
    .toBeGreaterThan(seconds);
}

function hlsChunkRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (/\/build\/_shared\/hls-[A-Z0-9]+\.js$/.test(request.url())) seen.push(request.url());
  });
  return seen;
}

describe("live player", () => {
  it("plays the seeded live session at a live edge, muted with tap to unmute", async () => {
    const path = await sessionPath(en.context, "live-title");
    const page = await open(en.context, path);
    await expectAdvancing(page, 1.5);
    const state = await playerState(page);
    expect(state.paused).toBe(false);
    // The page's boot script started the stream before hydration and the player took it over (first-frame-boot.ts).
    expect(await page.evaluate(() => (window as { __hlFirstFrame?: { adopted: boolean } }).__hlFirstFrame?.adopted)).toBe(true);
    // A sliding window advanced by the wall clock: a real media sequence, and hls.js sits a few seconds behind its edge.
    expect(Number(state.sequence)).toBeGreaterThan(0);
    await expect.poll(async () => Number((await playerState(page)).latency), { timeout: 5000 }).toBeGreaterThan(0);
    expect(Number((await playerState(page)).latency)).toBeLessThan(12);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("complementary", { name: "Pinned now" }).waitFor();
    await shot(page, "live-en");

    await page.getByRole("button", { name: "Tap to unmute" }).click();
    expect(await page.evaluate(() => document.querySelector("video")!.muted)).toBe(false);

    // Paused, the viewer falls behind; Back to live returns to the edge and plays on.
    await page.getByRole("group", { name: "Player controls" }).getByRole("button", { name: "Pause" }).click();
    const backToLive = page.getByRole("button", { name: "Back to live" });
    await backToLive.waitFor();
    await page.waitForTimeout(3000);
    await backToLive.click();
    await expectAdvancing(page, 0.5);
    await expect.poll(async () => Number((await playerState(page)).latency), { timeout: 8000 }).toBeLessThan(8);

    // Buying from the pinned card: through a fetcher, the video plays on and the address stays.
    const pinned = page.getByRole("complementary", { name: "Pinned now" });
    await pinned.getByRole("button", { name: /^Add to cart: / }).click();
    const added = pinned.getByRole("status").filter({ hasText: "Added to your cart." });
    await added.getByRole("link", { name: "View cart" }).waitFor();
    expect(page.url()).toBe(`${baseUrl}${path}`);
    await expectAdvancing(page, 1);
    await shot(page, "live-en-added");
    await page.close();
  });

  it("switches to audio only and back with the keyboard alone, and keeps playing", async () => {
    const path = await sessionPath(zh.context, "live-title");
    const page = await open(zh.context, path);
    await expectAdvancing(page, 0.5);
    const quality = page.getByRole("button", { name: /^清晰度：/ });
    await quality.focus();
    await page.keyboard.press("ArrowDown");
    const menu = page.getByRole("menu", { name: "清晰度" });
    await menu.waitFor();
    expect(await menu.getByRole("menuitemradio").allTextContents()).toEqual([expect.stringMatching(/^✓自动/), "360p", "180p", "仅音频"]);
    await page.keyboard.press("End");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("仅音频");
    await page.keyboard.press("Enter");
    await menu.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.querySelector<HTMLElement>("[data-testid=live-player]")?.dataset.source === "audio");
    await expectAdvancing(page, 1);
    expect(await page.getByRole("button", { name: "清晰度：仅音频" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText("仅音频播放：网络不好时更省流量。").waitFor();
    await shot(page, "live-zh-audio-only");

    await page.keyboard.press("ArrowDown");
    await menu.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("✓仅音频");
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowDown"); // 360p
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector<HTMLElement>("[data-testid=live-player]")?.dataset.source === "video");
    await expectAdvancing(page, 1);
    await page.getByRole("button", { name: "清晰度：360p" }).waitFor();
    expect(await page.evaluate(() => document.querySelector("video")!.videoHeight)).toBe(360);
    await shot(page, "live-zh");
    await page.close();
  });

  it("plays a replay as VOD from the start, with its position slider", async () => {
    const path = await sessionPath(en.context, "replays-title");
    const page = await open(en.context, path);
    await expectAdvancing(page, 1);
    const state = await playerState(page);
    expect(Number.isFinite(state.duration)).toBe(true);
    expect(state.sequence).toBe("");
    await page.getByText("Replay", { exact: true }).waitFor();
    await page.getByRole("slider", { name: "Position in the replay" }).waitFor();
    expect(await page.getByRole("button", { name: "Back to live" }).count()).toBe(0);
    await shot(page, "replay-en");
    await page.close();

    const zhPage = await open(zh.context, await sessionPath(zh.context, "replays-title"));
    await expectAdvancing(zhPage, 0.5);
    await zhPage.getByText("回放", { exact: true }).waitFor();
    await shot(zhPage, "replay-zh");
    await zhPage.close();
  });

  it("says the stream is offline, retries with backoff, and plays again when it is back", async () => {
    const path = await sessionPath(en.context, "live-title");
    // The origin is down: every playlist of the live stream answers 503 (which the browser logs, deliberately).
    const { errors, open: openHere } = pageErrorCollector(baseUrl);
    const down = (route: Route) => route.fulfill({ status: 503, body: "down" });
    await en.context.route("**/hls/sample-live/**", down);
    try {
      const page = await openHere(en.context, path, [{ status: 503, path: "/hls/" }]);
      await page
        .getByRole("status")
        .filter({ hasText: /^The stream is offline\. Trying again in \d+ seconds?…/ })
        .waitFor();
      await page.getByRole("button", { name: "Try again now" }).waitFor();
      await shot(page, "live-en-offline");
      await en.context.unroute("**/hls/sample-live/**", down);
      // The next retry (a few seconds away at most) finds the stream again.
      await expectAdvancing(page, 1);
      await page.close();
    } finally {
      await en.context.unroute("**/hls/sample-live/**", down);
    }
    expect(errors).toEqual([]);
  });

  it("loads hls.js on the live page only", async () => {
    const products = await en.context.newPage();
    const onProducts = hlsChunkRequests(products);
    await products.goto(`${baseUrl}/products`);
    await products.waitForLoadState("networkidle");
    expect(onProducts).toEqual([]);
    await products.close();

    const path = await sessionPath(en.context, "live-title");
    const live = await en.context.newPage();
    const onLive = hlsChunkRequests(live);
    await live.goto(`${baseUrl}${path}`);
    await expect.poll(() => onLive.length).toBe(1);
    await live.close();
  });

  it("logged no console or script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
