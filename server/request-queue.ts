import type { RequestHandler } from "express";

// At most `limit` requests render at once; the rest wait in arrival order. Past that point
// more concurrency only splits the same CPU (and PGlite's single backend) thinner, and
// without an order some requests starve: in the soak bench on a busy machine the median
// answer took 4 s while 1 in 50 waited over a minute. First come, first served keeps
// every wait near the average. Only page and data reads queue (GET/HEAD): a form post or
// an upload carries a body a slow client could hold a slot with, and an event stream
// (realtime) stays open for as long as its viewer watches. Live HLS playlists (/hls/) skip it
// too: each is a few hundred bytes of arithmetic, re-fetched every couple of seconds by every
// viewer, and a player whose playlist waits behind page renders stalls the video.
export function requestQueue(limit: number): RequestHandler {
  let active = 0;
  // Each waiting entry starts its request, or answers false when its client already left.
  const waiting: Array<() => boolean> = [];
  const release = () => {
    active--;
    while (waiting.length && !waiting.shift()!()) {
      // skip clients that hung up while queued
    }
  };
  return (req, res, next) => {
    const queued =
      (req.method === "GET" || req.method === "HEAD") && !req.get("accept")?.includes("text/event-stream") && !req.path.startsWith("/hls/");
    if (!queued) return next();
    const start = () => {
      active++;
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once("finish", done);
      res.once("close", done);
      next();
    };
    if (active < limit) start();
    else waiting.push(() => (res.destroyed ? false : (start(), true)));
  };
}
