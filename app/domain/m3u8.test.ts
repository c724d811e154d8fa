import { describe, expect, it } from "vitest";
import { parseAttributes, parseMasterPlaylist, parseMediaPlaylist, PlaylistError } from "./m3u8";

describe("parseMediaPlaylist", () => {
  it("reads a VOD playlist as ffmpeg writes it", () => {
    const playlist = parseMediaPlaylist(
      "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n" +
        "#EXTINF:2.005333,\nseg-00.ts\n#EXTINF:1.984000,\nseg-01.ts\n#EXT-X-ENDLIST\n",
    );
    expect(playlist).toEqual({
      targetDuration: 2,
      mediaSequence: 0,
      discontinuitySequence: 0,
      playlistType: "VOD",
      endList: true,
      segments: [
        { uri: "seg-00.ts", duration: 2.005333, programDateTime: null, discontinuity: false },
        { uri: "seg-01.ts", duration: 1.984, programDateTime: null, discontinuity: false },
      ],
    });
  });

  it("reads a live window's sequence numbers, date-times and discontinuities (CRLF too)", () => {
    const playlist = parseMediaPlaylist(
      "#EXTM3U\r\n#EXT-X-MEDIA-SEQUENCE:41\r\n#EXT-X-DISCONTINUITY-SEQUENCE:3\r\n#EXT-X-DISCONTINUITY\r\n" +
        "#EXT-X-PROGRAM-DATE-TIME:2026-12-02T18:00:00.000Z\r\n#EXTINF:2.000,title\r\n/media/a.ts\r\n",
    );
    expect(playlist).toMatchObject({ mediaSequence: 41, discontinuitySequence: 3, endList: false, playlistType: null });
    expect(playlist.segments).toEqual([
      { uri: "/media/a.ts", duration: 2, programDateTime: "2026-12-02T18:00:00.000Z", discontinuity: true },
    ]);
  });

  it("refuses what is not a playlist or a segment without a duration", () => {
    expect(() => parseMediaPlaylist("<html>")).toThrow(PlaylistError);
    expect(() => parseMediaPlaylist("#EXTM3U\nseg.ts\n")).toThrow(PlaylistError);
    expect(() => parseMediaPlaylist("#EXTM3U\n#EXTINF:abc,\nseg.ts\n")).toThrow(PlaylistError);
    expect(() => parseMediaPlaylist("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:-1\n")).toThrow(PlaylistError);
  });
});

describe("parseMasterPlaylist", () => {
  it("reads each variant's attributes, quoted values keeping their commas", () => {
    expect(
      parseMasterPlaylist(
        '#EXTM3U\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-STREAM-INF:BANDWIDTH=211312,RESOLUTION=640x360,CODECS="avc1.42e01e,mp4a.40.2"\n360p/index.m3u8\n' +
          '#EXT-X-STREAM-INF:BANDWIDTH=72775,CODECS="mp4a.40.2"\naudio/index.m3u8\n',
      ),
    ).toEqual([
      { uri: "360p/index.m3u8", attributes: { BANDWIDTH: "211312", RESOLUTION: "640x360", CODECS: "avc1.42e01e,mp4a.40.2" } },
      { uri: "audio/index.m3u8", attributes: { BANDWIDTH: "72775", CODECS: "mp4a.40.2" } },
    ]);
    expect(parseAttributes('A=1,B="x,y",C=z')).toEqual({ A: "1", B: "x,y", C: "z" });
  });
});
