import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { hlsConfig } from "~/components/live-player/hls-engine";

// The baseline of the time-to-first-frame bench: the least a page can do to play the live
// stream — one HTML page with a muted autoplaying <video> and hls.js (the build the app's
// player imports, gzipped as the app's compression middleware would, with the player's own
// live config), pointed at the app's stream. Playlists and segments are proxied to the app, so
// both pages play the very same URLs from their own origin (no CORS, each with its own
// connections).

/** The hls.js build the app's player imports (app/components/live-player/hls-engine.ts). */
export const HLS_BUILD = "node_modules/hls.js/dist/hls.min.mjs";
export const STREAM_PATH = "/hls/sample-live/master.m3u8";

const page = (config: Record<string, unknown>) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bare hls.js</title></head>
<body style="margin:0"><video muted autoplay playsinline style="width:100%;aspect-ratio:16/9;background:#000"></video>
<script type="module">
import Hls from "/hls.mjs";
const video = document.querySelector("video");
video.muted = true;
const hls = new Hls(${JSON.stringify(config)});
hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}));
hls.loadSource(${JSON.stringify(STREAM_PATH)});
hls.attachMedia(video);
</script></body></html>`;

export type BarePage = { origin: string; hlsBytes: number; hlsGzipBytes: number; close(): Promise<void> };

export async function startBarePage(appOrigin: string): Promise<BarePage> {
  const hls = readFileSync(path.resolve(HLS_BUILD));
  const hlsGzip = zlib.gzipSync(hls);
  const html = zlib.gzipSync(page(hlsConfig(true, -1)));
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url === "/" || url.startsWith("/?")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip", "cache-control": "no-store" });
      return res.end(html);
    }
    if (url === "/hls.mjs") {
      res.writeHead(200, { "content-type": "text/javascript", "content-encoding": "gzip" });
      return res.end(hlsGzip);
    }
    if (url.startsWith("/hls/") || url.startsWith("/media/")) {
      // Passed through as the app answered (status, headers, bytes).
      const upstream = http.get(
        `${appOrigin}${url}`,
        { agent, headers: { "accept-encoding": req.headers["accept-encoding"] ?? "" } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.writeHead(502).end());
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hlsBytes: hls.length,
    hlsGzipBytes: hlsGzip.length,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
