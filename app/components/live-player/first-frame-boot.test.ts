// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { DEFERRED_PRELOAD_REL, DEFERRED_SCRIPT_TYPE, takeBootedHls, type BootedHls } from "./first-frame-boot";
import { firstFrameScript } from "./first-frame-script.server";

// The boot script's hand-over to the app. jsdom has no MSE, so the script takes the path of a
// browser that plays HLS natively: it releases the app's held-back scripts at once. (The path
// with hls.js, up to the first frame, runs in Chromium: tests/e2e/live-player.e2e.test.ts.)
afterEach(() => {
  delete window.__hlFirstFrame;
  document.head.innerHTML = "";
  document.body.innerHTML = "";
});

const BOOT = { src: "/hls/sample-live/master.m3u8", hlsModules: ["/build/_shared/hls-A.js"], config: { lowLatencyMode: true } };

describe("first-frame boot script", () => {
  it("without MSE, turns the held-back preloads and scripts back into what Remix and root.tsx wrote", () => {
    document.head.innerHTML =
      `<link rel="${DEFERRED_PRELOAD_REL}" href="/build/root-B.js">` +
      `<script defer src="/i18n/en.1.js" nonce="n" data-i18n-messages="" type="${DEFERRED_SCRIPT_TYPE}"></script>`;
    document.body.innerHTML =
      `<video data-hls-player=""></video>` +
      `<script nonce="n" type="${DEFERRED_SCRIPT_TYPE}" data-deferred-type="module" async="">import("/build/entry.client-A.js");</script>`;
    new Function(firstFrameScript(BOOT))();

    expect(document.querySelector("link")!.getAttribute("rel")).toBe("modulepreload");
    const [messages, modules] = [...document.querySelectorAll("script")];
    expect(messages.hasAttribute("type")).toBe(false);
    expect(messages.getAttribute("src")).toBe("/i18n/en.1.js");
    expect(messages.hasAttribute("data-i18n-messages")).toBe(true);
    expect(modules.type).toBe("module");
    expect(modules.hasAttribute("data-deferred-type")).toBe(false);
    expect(modules.hasAttribute("async")).toBe(true);
    expect(modules.text).toBe('import("/build/entry.client-A.js");');
    // Nothing for the player to take over: it starts hls.js (or the native player) itself.
    expect(window.__hlFirstFrame).toMatchObject({ src: BOOT.src, hls: null, adopted: false });
    expect(takeBootedHls(BOOT.src)).toBeNull();
  });

  it("escapes the options so a URL cannot end the inline script", () => {
    expect(firstFrameScript({ ...BOOT, src: "/hls/</script><script>alert(1)//.m3u8" })).not.toContain("</script>");
  });
});

describe("takeBootedHls", () => {
  const booted = (): BootedHls => ({
    src: BOOT.src,
    hls: {} as BootedHls["hls"],
    manifest: null,
    parsed: false,
    level: null,
    details: null,
    adopted: false,
  });

  it("hands the running instance over once, and only for its own source", () => {
    window.__hlFirstFrame = booted();
    expect(takeBootedHls("/media/other/master.m3u8")).toBeNull();
    expect(takeBootedHls(BOOT.src)?.hls).toBe(window.__hlFirstFrame.hls);
    expect(window.__hlFirstFrame.adopted).toBe(true);
    expect(takeBootedHls(BOOT.src)).toBeNull();
  });
});
