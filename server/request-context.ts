import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { currentRequest, runInRequestContext, serverTimingOf } from "~/observability/request-context.server";

// Every request gets an id (a proxy's X-Request-Id when it looks like one, else a new
// UUID), sent back as X-Request-Id and carried into the logs, and a Server-Timing header
// with the time it spent on the database and in all (the document renderer adds `render`).
// One JSON line per request goes to the log: method, path, status, duration, db time.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export function requestContext(log: (line: string) => void = (line) => console.log(line)): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get("x-request-id");
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("X-Request-Id", id);
    runInRequestContext(id, () => {
      const store = currentRequest()!;
      const writeHead = res.writeHead;
      // Headers leave with the first write: add the timings then, whatever wrote the response.
      res.writeHead = function (this: typeof res, ...args: unknown[]) {
        if (!res.headersSent) res.appendHeader("Server-Timing", serverTimingOf(store));
        return (writeHead as (...a: unknown[]) => typeof res).apply(this, args);
      } as typeof res.writeHead;
      res.on("finish", () => {
        log(
          JSON.stringify({
            level: "info",
            msg: "request",
            requestId: id,
            method: req.method,
            path: req.path,
            status: res.statusCode,
            ms: Number((performance.now() - store.startedAt).toFixed(1)),
            dbMs: Number(store.dbMs.toFixed(1)),
            db: store.dbStatements,
          }),
        );
      });
      next();
    });
  };
}
