import path from "node:path";

// Where `npm run live:simulate` writes a session's real live encode and where the app serves
// it (server/index.ts): .data/live/<sessionId>/index.m3u8 at /live-hls/<sessionId>/index.m3u8.

export const LIVE_HLS_URL_PREFIX = "/live-hls";

export const liveHlsRoot = (cwd = process.cwd()) => path.resolve(cwd, ".data/live");

export const liveHlsPlaylistUrl = (sessionId: string) => `${LIVE_HLS_URL_PREFIX}/${sessionId}/index.m3u8`;

/** Playlists change every second (never cached); segment names are unique per run (cacheable). */
export function liveHlsCacheControl(file: string): string {
  return file.endsWith(".m3u8") ? "no-store" : "public, max-age=300";
}

export type SimulatorEncode = { outDir: string; runId: string; fragmentSeconds?: number; listSize?: number };

/**
 * ffmpeg arguments for a real-time encode shaped like an ingest server's output: a test
 * picture with the UTC wall clock burnt in (to the millisecond, so glass-to-glass latency can
 * be read off a screenshot) and a tone, H.264 + AAC, 1 s segments, a 6-segment sliding window
 * with program date-times, old segments deleted.
 */
export function simulatorFfmpegArgs({ outDir, runId, fragmentSeconds = 1, listSize = 6 }: SimulatorEncode): string[] {
  const fps = 25;
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  // pts counts from 0 at the start; with -re it tracks the wall clock, offset to "seconds since UTC midnight".
  const offset = ((Date.now() - midnight.getTime()) / 1000).toFixed(3);
  const font = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";
  const picture = [
    `testsrc2=size=640x360:rate=${fps}`,
    `drawtext=fontfile=${font}:text='LIVE SIMULATOR':fontsize=20:fontcolor=white:box=1:boxcolor=0xc0392b:boxborderw=6:x=20:y=20`,
    `drawtext=fontfile=${font}:text='%{pts\\:hms\\:${offset}} UTC':fontsize=40:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=10:x=(w-tw)/2:y=h-th-40`,
  ].join(",");
  return [
    ...["-hide_banner", "-loglevel", "warning", "-nostdin"],
    ...["-re", "-f", "lavfi", "-i", picture, "-re", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000,volume=0.2"],
    ...["-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-profile:v", "baseline", "-pix_fmt", "yuv420p"],
    ...["-g", String(fps * fragmentSeconds), "-keyint_min", String(fps * fragmentSeconds), "-sc_threshold", "0"],
    ...["-b:v", "600k", "-maxrate", "600k", "-bufsize", "600k", "-c:a", "aac", "-b:a", "64k", "-ar", "48000"],
    ...["-f", "hls", "-hls_time", String(fragmentSeconds), "-hls_list_size", String(listSize)],
    ...["-hls_flags", "delete_segments+program_date_time+independent_segments"],
    ...["-hls_segment_filename", path.join(outDir, `${runId}-%05d.ts`), path.join(outDir, "index.m3u8")],
  ];
}
