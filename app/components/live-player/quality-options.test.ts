import { describe, expect, it } from "vitest";
import { audioOnlyUrl, keyOf, qualityChoices, renditionLabel } from "./quality-options";

// As hls.js parses the sample master playlist: two video renditions and an audio-only one.
const parsed = [
  {
    url: "http://h/media/sample/360p/index.m3u8",
    bitrate: 730_400,
    width: 640,
    height: 360,
    videoCodec: "avc1.4d401e",
    audioCodec: "mp4a.40.2",
  },
  {
    url: "http://h/media/sample/180p/index.m3u8",
    bitrate: 290_400,
    width: 320,
    height: 180,
    videoCodec: "avc1.42c00c",
    audioCodec: "mp4a.40.2",
  },
  { url: "audio/index.m3u8", bitrate: 70_000, audioCodec: "mp4a.40.2" },
];

describe("quality choices", () => {
  it("find the audio-only variant hls.js drops, resolved against the master playlist", () => {
    expect(audioOnlyUrl(parsed, "http://h/media/sample/master.m3u8")).toBe("http://h/media/sample/audio/index.m3u8");
    expect(audioOnlyUrl(parsed.slice(0, 2), "http://h/m.m3u8")).toBeNull();
  });

  it("list Auto, the renditions from the highest down with their hls.js level, then audio only", () => {
    // hls.levels is sorted by bitrate ascending: 180p is level 0.
    const choices = qualityChoices([parsed[1], parsed[0]], "http://h/a.m3u8");
    expect(choices.map(keyOf)).toEqual(["auto", "level-1", "level-0", "audio"]);
    expect(choices[1]).toMatchObject({ height: 360 });
    expect(qualityChoices([parsed[0]], null).map(keyOf)).toEqual(["auto", "level-0"]);
  });

  it("name a rendition by its height, or by its bitrate without one", () => {
    expect(renditionLabel(360, 730_400)).toBe("360p");
    expect(renditionLabel(null, 128_000)).toBe("128 kbps");
  });
});
