import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse } from "~/http/invariant-response";
import { sampleLivePlaylist } from "~/media/sample-stream.server";

// GET /hls/sample-live/master.m3u8 and /hls/sample-live/<rendition>.m3u8: the seeded live
// session's stream, a wall-clock sliding window over the committed sample segments
// (docs/decisions/0016-sample-live-stream.md). The same for every viewer, so server/http-cache.ts
// leaves its caching alone: a media playlist is fresh for 1 s, shorter than a segment.
export async function loader({ params }: LoaderFunctionArgs) {
  const playlist = sampleLivePlaylist(params.playlist ?? "", Date.now());
  invariantResponse(playlist, "No such playlist");
  return new Response(playlist.body, {
    headers: { "Content-Type": "application/vnd.apple.mpegurl", "Cache-Control": playlist.cacheControl },
  });
}
