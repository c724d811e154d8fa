// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeHls, SAMPLE_VARIANTS } from "../../../tests/support/fake-hls";
import { renderInApp, serverRenderInApp } from "../../../tests/support/remix-stub";
import { LivePlayer, type LivePlayerSession } from "./live-player";

// The player with a fake hls.js (jsdom has no MSE): what it asks of hls.js, what it shows.
const LIVE: LivePlayerSession = {
  title: "Drying yard live",
  status: "live",
  scheduledStart: "2026-12-02T10:00:00.000Z",
  playbackUrl: "/hls/sample-live/master.m3u8",
  replayUrl: null,
  posterImage: "/images/sessions/x.svg",
};
const REPLAY: LivePlayerSession = { ...LIVE, status: "ended", playbackUrl: null, replayUrl: "/media/sample/master.m3u8" };

let paused = true;
let spies: { mockRestore(): void }[] = [];
beforeEach(() => {
  // jsdom has <video> but does not play: play/pause/load flip `paused` and fire what a browser would.
  paused = true;
  spies = [vi.spyOn(HTMLMediaElement.prototype, "paused", "get").mockImplementation(() => paused)];
  spies.push(
    vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(function (this: HTMLMediaElement) {
      paused = false;
      this.dispatchEvent(new Event("play"));
      return Promise.resolve();
    }),
  );
  spies.push(
    vi.spyOn(HTMLMediaElement.prototype, "pause").mockImplementation(function (this: HTMLMediaElement) {
      paused = true;
      this.dispatchEvent(new Event("pause"));
    }),
  );
  spies.push(vi.spyOn(HTMLMediaElement.prototype, "load").mockImplementation(() => {}));
});
// Only these spies: the console.error spy of tests/setup must outlive this hook.
afterEach(() => spies.forEach((spy) => spy.mockRestore()));

const video = () => document.querySelector("video")!;
const player = () => screen.getByTestId("live-player");

async function startLive(session = LIVE) {
  const hls = fakeHls();
  renderInApp(<LivePlayer session={session} viewers={12} loadHls={hls.load} />);
  await waitFor(() => expect(hls.instances).toHaveLength(1));
  // async act: the play() promise settles inside it.
  await act(async () => hls.latest().loadManifest([...SAMPLE_VARIANTS]));
  act(() => void video().dispatchEvent(new Event("playing")));
  return hls;
}

describe("LivePlayer, live", () => {
  it("plays the live stream muted with low-latency settings, and offers tap to unmute", async () => {
    const user = userEvent.setup();
    const hls = await startLive();
    const instance = hls.latest();
    expect(instance.source).toBe("/hls/sample-live/master.m3u8");
    expect(instance.media).toBe(video());
    expect(instance.config).toMatchObject({ liveSyncDurationCount: 2, maxLiveSyncPlaybackRate: 1.5 });
    expect(video().muted).toBe(true);
    expect(player().dataset.phase).toBe("playing");
    expect(screen.getByText("Live")).toBeTruthy();
    expect(screen.getByText("12 watching")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Tap to unmute" }));
    expect(video().muted).toBe(false);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Tap to unmute" })).toBeNull());
    expect(screen.getByRole("button", { name: "Mute" }).getAttribute("aria-pressed")).toBe("false");
    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(screen.getByRole("group", { name: "Player controls" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Play" })).toBeTruthy();
  });

  it("switches to audio only and back to 360p with the keyboard alone", async () => {
    const user = userEvent.setup();
    const hls = await startLive();
    const button = screen.getByRole("button", { name: "Quality: Auto" });
    expect(button.getAttribute("aria-haspopup")).toBe("menu");
    button.focus();
    await user.keyboard("{ArrowDown}");
    const menu = await screen.findByRole("menu", { name: "Quality" });
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const items = screen.getAllByRole("menuitemradio");
    expect(items.map((i) => i.textContent)).toEqual(["✓Auto", "360p", "180p", "Audio only"]);
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    await user.keyboard("{End}{Enter}");

    // Audio only is its own media playlist, in a new player; the poster covers the empty picture.
    await waitFor(() => expect(hls.instances).toHaveLength(2));
    expect(hls.instances[0].destroyed).toBe(true);
    expect(hls.latest().source).toBe("http://localhost/media/sample/audio/index.m3u8");
    expect(player().dataset.source).toBe("audio");
    expect(screen.getByText("Audio only: saves data on a weak network.")).toBeTruthy();
    expect(menu.isConnected).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Quality: Audio only" }));
    await act(async () =>
      hls.latest().loadManifest([{ url: "http://localhost/media/sample/audio/index.m3u8", bitrate: 70_000, audioCodec: "mp4a.40.2" }]),
    );

    await user.keyboard("{ArrowDown}");
    await screen.findByRole("menu");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("✓Audio only"));
    // The menu still lists the master playlist's renditions, not the audio playlist's one level.
    await user.keyboard("{Home}{ArrowDown}{Enter}");
    await waitFor(() => expect(hls.instances).toHaveLength(3));
    const back = hls.latest();
    expect(back.source).toBe("/hls/sample-live/master.m3u8");
    await act(async () => back.loadManifest([...SAMPLE_VARIANTS]));
    expect(back.currentLevel).toBe(1); // 360p: hls.levels is sorted by bitrate
    expect(player().dataset.source).toBe("video");
    expect(screen.getByRole("button", { name: "Quality: 360p" })).toBeTruthy();

    // Escape closes the menu and gives focus back to its button.
    await user.keyboard("{ArrowDown}");
    await screen.findByRole("menu");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Quality: 360p" }));
  });

  it("takes over the stream the page's boot script started before hydration, without loading it again", async () => {
    const hls = fakeHls();
    const Hls = await hls.load();
    const booted = new Hls({ booted: true }) as ReturnType<typeof hls.latest>;
    booted.loadSource(LIVE.playbackUrl!);
    booted.attachMedia(document.createElement("video"));
    booted.loadManifest([...SAMPLE_VARIANTS]); // before the player listens: replayed from what the script kept
    const manifest = { levels: [...SAMPLE_VARIANTS], url: "http://localhost/media/sample/master.m3u8" };
    window.__hlFirstFrame = {
      src: LIVE.playbackUrl!,
      hls: booted,
      manifest,
      parsed: true,
      level: 0,
      details: { startSN: 42, live: true },
      adopted: false,
    };
    try {
      renderInApp(<LivePlayer session={LIVE} viewers={3} loadHls={hls.load} />);
      await waitFor(() => expect(player().dataset.mediaSequence).toBe("42"));
      expect(hls.instances).toHaveLength(1);
      expect(window.__hlFirstFrame.adopted).toBe(true);
      expect(paused).toBe(false); // play() again after the parsed manifest
      // The rendition hls.js switched to before hydration (level 0: 180p) shows in Auto.
      await userEvent.setup().click(screen.getByRole("button", { name: /^Quality: Auto/ }));
      expect(screen.getAllByRole("menuitemradio").map((i) => i.textContent)).toEqual(["✓Auto (180p)", "360p", "180p", "Audio only"]);
    } finally {
      delete window.__hlFirstFrame;
    }
  });

  it("lets hls.js recover network and media errors first, then retries with backoff and says so", async () => {
    const hls = await startLive();
    const first = hls.latest();
    act(() => first.fatal("media", "bufferAppendError"));
    act(() => first.fatal("media", "bufferAppendError"));
    act(() => first.fatal("network", "fragLoadError"));
    expect(first.calls).toEqual(["recoverMediaError", "swapAudioCodec", "recoverMediaError", "startLoad"]);
    expect(first.destroyed).toBe(false);

    act(() => first.fatal("network", "fragLoadError"));
    expect(first.destroyed).toBe(true);
    expect(player().dataset.phase).toBe("retrying");
    expect(screen.getByRole("status").textContent).toMatch(/The stream is offline\. Trying again in 1 second…/);
    // After the backoff (about a second) a fresh player loads the stream again.
    await waitFor(() => expect(hls.instances).toHaveLength(2), { timeout: 3000 });
    expect(hls.latest().source).toBe(LIVE.playbackUrl);
    await act(async () => hls.latest().loadManifest([...SAMPLE_VARIANTS]));
    act(() => void video().dispatchEvent(new Event("playing")));
    expect(player().dataset.phase).toBe("playing");
  });

  it("retries at once on request, in Chinese too", async () => {
    const user = userEvent.setup();
    const hls = fakeHls();
    renderInApp(<LivePlayer session={LIVE} viewers={null} loadHls={hls.load} />, { locale: "zh-CN" });
    await waitFor(() => expect(hls.instances).toHaveLength(1));
    act(() => hls.latest().fatal("network", "manifestLoadError"));
    expect(screen.getByRole("status").textContent).toMatch(/^直播信号中断，\d 秒后自动重试…/);
    await user.click(screen.getByRole("button", { name: "立即重试" }));
    await waitFor(() => expect(hls.instances).toHaveLength(2));
    expect(screen.getByRole("status").textContent).toBe("正在加载直播…");
  });

  it("shows Back to live when far behind the edge, and jumps to the live sync point", async () => {
    const user = userEvent.setup();
    const hls = await startLive();
    const instance = hls.latest();
    Object.assign(instance, { latency: 4.2, targetLatency: 4, liveSyncPosition: 120 });
    // The distance to the edge is measured once a second (inside act: it sets state).
    const aSecond = () => act(() => new Promise((r) => setTimeout(r, 1050)));
    await aSecond();
    expect(screen.queryByRole("button", { name: "Back to live" })).toBeNull();
    expect(player().dataset.latency).toBe("4.20");
    instance.latency = 15;
    await aSecond();
    await user.click(screen.getByRole("button", { name: "Back to live" }));
    expect(video().currentTime).toBe(120);
    expect(screen.queryByRole("button", { name: "Back to live" })).toBeNull();
  });

  it("falls back to the browser's own HLS, and says so when there is none", async () => {
    const native = fakeHls({ supported: false });
    const canPlay = vi.spyOn(HTMLMediaElement.prototype, "canPlayType").mockReturnValue("maybe");
    spies.push(canPlay);
    const { unmount } = renderInApp(<LivePlayer session={LIVE} viewers={null} loadHls={native.load} />);
    await waitFor(() => expect(player().dataset.engine).toBe("native"));
    expect(video().getAttribute("src")).toBe(LIVE.playbackUrl);
    expect(native.instances).toHaveLength(0);
    expect(screen.queryByRole("button", { name: /^Quality/ })).toBeNull();
    unmount();

    canPlay.mockReturnValue("");
    renderInApp(<LivePlayer session={LIVE} viewers={null} loadHls={native.load} />);
    await screen.findByText("This browser cannot play the stream. Please try a recent Chrome, Safari or Firefox.");
  });

  it("says when the live stream has ended", async () => {
    await startLive();
    act(() => void video().dispatchEvent(new Event("ended")));
    expect(screen.getByRole("status").textContent).toBe("The live stream has ended. Its replay will appear here.");
  });
});

describe("LivePlayer, other states", () => {
  it("plays a replay as VOD with a position slider and no live settings", async () => {
    const hls = fakeHls();
    renderInApp(<LivePlayer session={REPLAY} viewers={null} loadHls={hls.load} />);
    await waitFor(() => expect(hls.instances).toHaveLength(1));
    expect(hls.latest().source).toBe("/media/sample/master.m3u8");
    expect(hls.latest().config).not.toHaveProperty("liveSyncDurationCount");
    expect(screen.getByText("Replay")).toBeTruthy();
    const slider = screen.getByRole("slider", { name: "Position in the replay" });
    Object.defineProperty(video(), "duration", { value: 12, configurable: true });
    fireEvent(video(), new Event("durationchange"));
    expect(slider.getAttribute("max")).toBe("12");
    fireEvent.change(slider, { target: { value: "6" } });
    expect(video().currentTime).toBe(6);
    expect(screen.queryByRole("button", { name: "Back to live" })).toBeNull();
  });

  it("counts down to an upcoming session after hydration, and shows its time in the HTML", async () => {
    const startsAt = new Date(Date.now() + (2 * 3600 + 5 * 60 + 30) * 1000).toISOString();
    const upcoming = { ...LIVE, status: "scheduled" as const, scheduledStart: startsAt, playbackUrl: null };
    const html = serverRenderInApp(<LivePlayer session={upcoming} viewers={null} />);
    expect(html.querySelector("[role=status]")?.textContent).toMatch(/^Scheduled for /);
    renderInApp(<LivePlayer session={upcoming} viewers={null} />);
    expect((await screen.findByText(/^Starts in/)).textContent).toMatch(/^Starts in 02:05:(29|30)$/);
  });

  it("explains an ended session without a replay and a live one without a stream", () => {
    renderInApp(<LivePlayer session={{ ...LIVE, status: "ended" }} viewers={null} />);
    expect(screen.getByRole("status").textContent).toBe("This session has ended. There is no replay of it.");
  });

  it("asks the page to refresh while a live session has no stream yet", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const onRefresh = vi.fn();
      renderInApp(<LivePlayer session={{ ...LIVE, playbackUrl: null }} viewers={3} onRefresh={onRefresh} />, { locale: "zh-CN" });
      expect(screen.getByRole("status").textContent).toBe("主播还没有开始推流，本页会自动重新检查。");
      expect(screen.getByText("3 人在看")).toBeTruthy();
      act(() => vi.advanceTimersByTime(15_000));
      expect(onRefresh).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
