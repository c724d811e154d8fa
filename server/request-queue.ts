import { AsyncResource } from "node:async_hooks";
import type { Request, RequestHandler } from "express";

// At most `limit` requests render at once; the rest wait in arrival order. Past that point
// more concurrency only splits the same CPU (and PGlite's single backend) thinner, and
// without an order some requests starve: in the soak bench on a busy machine the median
// answer took 4 s while 1 in 50 waited over a minute. First come, first served keeps
// every wait near the average. Page and data reads queue (GET/HEAD), and so do form posts,
// but only once their whole body has arrived: a client sending its body slowly waits
// without holding a slot. Without that, 500 buyers checking out at once rendered 500 pages
// side by side and the process spent a third of its time collecting their garbage
// (docs/benchmarks.md, "Flash sale through HTTP"). Larger bodies (uploads) pass unqueued, as
// does an event stream (realtime), which stays open for as long as its viewer watches. Live
// HLS playlists (/hls/) skip it too: each is a few hundred bytes of arithmetic, re-fetched
// every couple of seconds by every viewer, and a player whose playlist waits behind page
// renders stalls the video.
export const QUEUED_BODY_MAX_BYTES = 16 * 1024;

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
    // A waiting request starts from another's "finish" (or its own body's "readable"): bound
    // to its own async context, so its request context (id, Server-Timing, per-request memo)
    // is its own and not the one that freed the slot.
    const enqueue = AsyncResource.bind(() => {
      if (active < limit) start();
      else waiting.push(AsyncResource.bind(() => (res.destroyed ? false : (start(), true))));
    });
    if (req.get("accept")?.includes("text/event-stream") || req.path.startsWith("/hls/")) return next();
    if (req.method === "GET" || req.method === "HEAD") return enqueue();
    const length = Number(req.get("content-length") ?? 0);
    if (!Number.isSafeInteger(length) || length > QUEUED_BODY_MAX_BYTES) return next();
    whenBodyBuffered(req, length, enqueue);
  };
}

/**
 * Calls `ready` once `length` bytes of the body sit in the request's buffer, unread (the
 * route still reads them as ever). Small bodies fit under the stream's high-water mark, so
 * they are buffered whole.
 */
function whenBodyBuffered(req: Request, length: number, ready: () => void) {
  if (length === 0 || req.readableLength >= length) return ready();
  const check = () => {
    if (req.readableLength < length && !req.readableEnded) return;
    req.off("readable", check);
    req.off("close", forget);
    ready();
  };
  const forget = () => req.off("readable", check);
  req.on("readable", check);
  req.once("close", forget);
}
