// Reading the few HLS playlist features this app writes and serves (RFC 8216): media playlists
// (segments with EXTINF, PROGRAM-DATE-TIME, DISCONTINUITY) and master playlists (STREAM-INF).
// Unknown tags are skipped, as players do. Pure: text in, values out.

export type ParsedSegment = {
  uri: string;
  /** seconds */
  duration: number;
  programDateTime: string | null;
  discontinuity: boolean;
};

export type ParsedMediaPlaylist = {
  targetDuration: number | null;
  mediaSequence: number;
  discontinuitySequence: number;
  playlistType: string | null;
  endList: boolean;
  segments: ParsedSegment[];
};

export type ParsedVariant = { uri: string; attributes: Record<string, string> };

export class PlaylistError extends Error {}

function linesOf(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines[0] !== "#EXTM3U") throw new PlaylistError("not an HLS playlist (no #EXTM3U)");
  return lines.slice(1);
}

const tagValue = (line: string, tag: string) => (line.startsWith(`${tag}:`) ? line.slice(tag.length + 1) : null);

function integerOf(value: string, tag: string): number {
  if (!/^\d+$/.test(value)) throw new PlaylistError(`${tag} is not an integer: ${value}`);
  return Number(value);
}

export function parseMediaPlaylist(text: string): ParsedMediaPlaylist {
  const playlist: ParsedMediaPlaylist = {
    targetDuration: null,
    mediaSequence: 0,
    discontinuitySequence: 0,
    playlistType: null,
    endList: false,
    segments: [],
  };
  let pending: Omit<ParsedSegment, "uri" | "duration"> & { duration: number | null } = {
    duration: null,
    programDateTime: null,
    discontinuity: false,
  };
  for (const line of linesOf(text)) {
    let value: string | null;
    if ((value = tagValue(line, "#EXTINF")) !== null) {
      const duration = Number(value.split(",")[0]);
      if (!Number.isFinite(duration) || duration < 0) throw new PlaylistError(`bad EXTINF: ${line}`);
      pending.duration = duration;
    } else if ((value = tagValue(line, "#EXT-X-TARGETDURATION")) !== null) playlist.targetDuration = integerOf(value, "TARGETDURATION");
    else if ((value = tagValue(line, "#EXT-X-MEDIA-SEQUENCE")) !== null) playlist.mediaSequence = integerOf(value, "MEDIA-SEQUENCE");
    else if ((value = tagValue(line, "#EXT-X-DISCONTINUITY-SEQUENCE")) !== null)
      playlist.discontinuitySequence = integerOf(value, "DISCONTINUITY-SEQUENCE");
    else if ((value = tagValue(line, "#EXT-X-PLAYLIST-TYPE")) !== null) playlist.playlistType = value;
    else if ((value = tagValue(line, "#EXT-X-PROGRAM-DATE-TIME")) !== null) pending.programDateTime = value;
    else if (line === "#EXT-X-DISCONTINUITY") pending.discontinuity = true;
    else if (line === "#EXT-X-ENDLIST") playlist.endList = true;
    else if (!line.startsWith("#")) {
      if (pending.duration === null) throw new PlaylistError(`segment ${line} has no EXTINF`);
      playlist.segments.push({ ...pending, uri: line, duration: pending.duration });
      pending = { duration: null, programDateTime: null, discontinuity: false };
    }
  }
  return playlist;
}

/** Attribute lists (`A=1,B="x,y"`): quoted values keep their commas, lose their quotes. */
export function parseAttributes(list: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, quoted, bare] of list.matchAll(/([A-Z0-9-]+)=(?:"([^"]*)"|([^,]*))(?:,|$)/g)) attributes[name] = quoted ?? bare;
  return attributes;
}

export function parseMasterPlaylist(text: string): ParsedVariant[] {
  const variants: ParsedVariant[] = [];
  let pending: Record<string, string> | null = null;
  for (const line of linesOf(text)) {
    const value = tagValue(line, "#EXT-X-STREAM-INF");
    if (value !== null) pending = parseAttributes(value);
    else if (!line.startsWith("#") && pending) {
      variants.push({ uri: line, attributes: pending });
      pending = null;
    }
  }
  return variants;
}
