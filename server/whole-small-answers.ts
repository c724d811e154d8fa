import type { RequestHandler, Response } from "express";

// Remix streams every answer, so compression never learns a length and gzips even a
// 400-byte data answer: a zlib stream per response (~0.4 ms and a few hundred KB to collect),
// costly when a flash sale's losers are all answered in the same second. What an answer
// writes in its first turn of the event loop is held: an answer that ends within it, small,
// goes out whole with a Content-Length, and compression's threshold leaves it alone; a
// longer or slower one is released and streams as before.
export const WHOLE_ANSWER_LIMIT = 1024;

type Callback = (error?: Error | null) => void;

export function wholeSmallAnswers(limit = WHOLE_ANSWER_LIMIT): RequestHandler {
  return (_req, res, next) => {
    const write = res.write.bind(res) as Response["write"];
    const end = res.end.bind(res) as Response["end"];
    let held: Buffer[] | null = [];
    let size = 0;
    // The turn starts at the first write, not here: the loaders' database time comes first.
    let timer: NodeJS.Immediate | undefined;
    const release = () => {
      if (!held) return;
      const chunks = held;
      held = null;
      clearImmediate(timer);
      if (chunks.length) write(Buffer.concat(chunks));
    };
    const bytesOf = (chunk: unknown, encoding: unknown) =>
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding)
          : Buffer.from(chunk as Uint8Array);

    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      const done = (typeof encoding === "function" ? encoding : callback) as Callback | undefined;
      if (!held) return write(chunk as Buffer, encoding as BufferEncoding, done as Callback);
      const bytes = bytesOf(chunk, encoding);
      timer ??= setImmediate(release);
      held.push(bytes);
      size += bytes.length;
      if (size > limit) release();
      if (done) process.nextTick(done);
      return true;
    }) as Response["write"];

    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      const done = (typeof chunk === "function" ? chunk : typeof encoding === "function" ? encoding : callback) as Callback | undefined;
      const last = typeof chunk === "function" || chunk === undefined || chunk === null ? null : bytesOf(chunk, encoding);
      if (held) {
        const whole = Buffer.concat(last ? [...held, last] : held);
        held = null;
        clearImmediate(timer);
        // Compression writes the head before the body: the length must be on it already
        // (compression drops it again when it does compress).
        if (whole.length && !res.headersSent && res.getHeader("content-length") === undefined)
          res.setHeader("Content-Length", whole.length);
        return whole.length ? end(whole, done) : end(done);
      }
      return last ? end(last, done) : end(done);
    }) as Response["end"];
    next();
  };
}
