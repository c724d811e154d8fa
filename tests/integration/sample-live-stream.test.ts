import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppContext } from "~/context.server";
import { parseMasterPlaylist, parseMediaPlaylist } from "~/domain/m3u8";
import { asServiceRole } from "~/db/request-role.server";
import { liveHlsPlaylistUrl } from "~/media/live-hls.server";
import { setSessionPlaybackUrl } from "~/models/live-playback.server";
import { loader } from "~/routes/hls.sample-live.$playlist";
import { ids } from "~/seed/seed.server";
import { restoreAfterThisTest } from "../support/restore-after-test";
import { settle } from "../support/route-call";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// The seeded live session's stream through its route (ADR 0016), with the clock injected.
let t: TestDatabase;
let context: AppContext;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
});
afterAll(() => t.destroy());
afterEach(() => vi.useRealTimers());

const get = (playlist: string) =>
  loader({ request: new Request(`http://localhost/hls/sample-live/${playlist}`), params: { playlist }, context });

async function playlistAt(playlist: string, at: Date) {
  vi.useFakeTimers({ toFake: ["Date"], now: at });
  const response = await get(playlist);
  vi.useRealTimers();
  return response;
}

describe("/hls/sample-live", () => {
  it("is where the seeded live session plays", async () => {
    const { rows } = await t.db.query<{ playback_url: string }>("select playback_url from public.live_sessions where id = $1", [
      ids.session("liujiawobao-autumn-harvest-live"),
    ]);
    expect(rows[0].playback_url).toBe("/hls/sample-live/master.m3u8");
  });

  it("lists the 360p, 180p and audio-only live variants in its master playlist", async () => {
    const response = await get("master.m3u8");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    const variants = parseMasterPlaylist(await response.text());
    expect(variants.map((v) => v.uri)).toEqual(["360p.m3u8", "180p.m3u8", "audio.m3u8"]);
    expect(variants.map((v) => v.attributes.CODECS)).toEqual(["avc1.42e01e,mp4a.40.2", "avc1.42e01e,mp4a.40.2", "mp4a.40.2"]);
    expect(variants.map((v) => v.attributes.RESOLUTION)).toEqual(["640x360", "320x180", undefined]);
    for (const v of variants) expect(Number(v.attributes.BANDWIDTH)).toBeGreaterThan(0);
  });

  it("answers a live window whose media sequence advances with the clock, over the committed segments", async () => {
    const at = new Date("2026-12-02T18:00:00.500Z");
    const first = await playlistAt("360p.m3u8", at);
    const later = await playlistAt("360p.m3u8", new Date(at.getTime() + 5_000));
    expect(first.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    expect(first.headers.get("cache-control")).toBe("public, max-age=1");
    const before = parseMediaPlaylist(await first.text());
    const after = parseMediaPlaylist(await later.text());
    expect(before.endList).toBe(false);
    expect(before.playlistType).toBeNull();
    expect(before.segments).toHaveLength(6);
    // 2 s segments: 5 s later two or three more have been published.
    expect(after.mediaSequence - before.mediaSequence).toBeGreaterThanOrEqual(2);
    expect(after.mediaSequence - before.mediaSequence).toBeLessThanOrEqual(3);
    // The newest segment ended at most one segment ago, by its program date-time.
    const newest = before.segments.at(-1)!;
    const endsAt = Date.parse(newest.programDateTime!) + newest.duration * 1000;
    expect(endsAt).toBeLessThanOrEqual(at.getTime());
    expect(at.getTime() - endsAt).toBeLessThan(2_000);
    for (const segment of [...before.segments, ...after.segments]) {
      expect(segment.uri).toMatch(/^\/media\/sample\/360p\/seg-\d\d\.ts$/);
      expect(existsSync(path.join("public", segment.uri)), segment.uri).toBe(true);
    }
  });

  it("serves the audio-only rendition from its own segments", async () => {
    const audio = parseMediaPlaylist(await (await playlistAt("audio.m3u8", new Date("2026-12-02T18:00:00Z"))).text());
    expect(audio.segments.every((s) => s.uri.startsWith("/media/sample/audio/"))).toBe(true);
  });

  it("is 404 for any other name", async () => {
    for (const name of ["live.m3u8", "master", "360p", "360p/index.m3u8", "../360p.m3u8", "__proto__.m3u8", "1080p.m3u8", ""]) {
      expect((await settle(() => get(name))).status, name).toBe(404);
    }
  });
});

describe("live:simulate's playback switch", () => {
  it("points a session at its local encode and back, and says when there is no such session", async () => {
    const live = ids.session("liujiawobao-autumn-harvest-live");
    await restoreAfterThisTest(t.db, "public.live_sessions", { id: live });
    const playbackOf = async () =>
      (await t.db.query<{ playback_url: string }>("select playback_url from public.live_sessions where id = $1", [live])).rows[0]
        .playback_url;
    expect(await asServiceRole(t.db, (tx) => setSessionPlaybackUrl(tx, live, liveHlsPlaylistUrl(live)))).toBe(true);
    expect(await playbackOf()).toBe(`/live-hls/${live}/index.m3u8`);
    expect(await asServiceRole(t.db, (tx) => setSessionPlaybackUrl(tx, live, "/hls/sample-live/master.m3u8"))).toBe(true);
    expect(await playbackOf()).toBe("/hls/sample-live/master.m3u8");
    expect(await asServiceRole(t.db, (tx) => setSessionPlaybackUrl(tx, "00000000-0000-4000-8000-000000000000", "/x.m3u8"))).toBe(false);
  });
});
