import { describe, expect, it } from "vitest";
import { liveHlsCacheControl, liveHlsPlaylistUrl, simulatorFfmpegArgs } from "./live-hls.server";

describe("the local live simulator", () => {
  it("encodes in real time into 1 s segments, a 6-segment window with date-times, old segments deleted", () => {
    const args = simulatorFfmpegArgs({ outDir: "/x/.data/live/s1", runId: "ab12" });
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(args.filter((a) => a === "-re")).toHaveLength(2);
    expect(after("-f")).toBe("lavfi");
    expect(after("-hls_time")).toBe("1");
    expect(after("-hls_list_size")).toBe("6");
    expect(after("-hls_flags")).toBe("delete_segments+program_date_time+independent_segments");
    expect(after("-g")).toBe("25");
    expect(after("-hls_segment_filename")).toBe("/x/.data/live/s1/ab12-%05d.ts");
    expect(args.at(-1)).toBe("/x/.data/live/s1/index.m3u8");
  });

  it("is served at /live-hls/<session>/index.m3u8, playlists never cached", () => {
    expect(liveHlsPlaylistUrl("s1")).toBe("/live-hls/s1/index.m3u8");
    expect(liveHlsCacheControl("/x/index.m3u8")).toBe("no-store");
    expect(liveHlsCacheControl("/x/ab12-00001.ts")).toBe("public, max-age=300");
  });
});
