import type { RequestHandler, Response } from "express";

// Remix writes a streamed document chunk by chunk and calls `res.flush()` after each one
// (@remix-run/node's writeReadableStreamToWritable), and compression answers every flush
// with a zlib sync flush: a 37 KB page went out as ~15 KB of gzip instead of ~9 KB, at more
// CPU. React writes a render's chunks in one burst, so flushing once per turn of the event
// loop sends the same bytes at the same moment, compressed as one piece; a Suspense
// boundary resolving later is still flushed as soon as its burst is written.
export function coalescedFlush(): RequestHandler {
  return (_req, res, next) => {
    const flushable = res as Response & { flush?: () => void };
    const flush = flushable.flush;
    if (typeof flush !== "function") return next();
    let scheduled = false;
    flushable.flush = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (!res.writableEnded) flush.call(res);
      });
    };
    next();
  };
}
