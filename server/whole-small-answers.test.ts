import { get, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coalescedFlush } from "./coalesced-flush";
import { WHOLE_ANSWER_LIMIT, wholeSmallAnswers } from "./whole-small-answers";

// Answers written as Remix writes them (chunks, a flush after each, then end), behind the
// same middleware order as server/index.ts.
let server: Server;
let base = "";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
beforeAll(async () => {
  const app = express();
  app.use(compression());
  app.use(coalescedFlush());
  app.use(wholeSmallAnswers());
  const flush = (res: express.Response) => (res as express.Response & { flush: () => void }).flush();
  app.get("/small", (_req, res) => {
    res.type("text/x-script");
    res.write('[{"_1":2},"data",');
    flush(res);
    res.write('{"kind":"refused"}');
    res.end("]\n");
  });
  app.get("/small-after-the-database", async (_req, res) => {
    await pause(30); // a loader's round trips before the first byte
    res.type("text/x-script");
    res.write("[1,");
    res.end("2]");
  });
  app.get("/small-later-in-the-tick", async (_req, res) => {
    res.type("text/x-script");
    res.write("[1,");
    await Promise.resolve();
    res.end("2]");
  });
  app.get("/large", (_req, res) => {
    res.type("html");
    for (let i = 0; i < 200; i++) res.write(`<li>product ${i} · 黑木耳 ¥12.80</li>`);
    res.end();
  });
  app.get("/slow", async (_req, res) => {
    res.type("text/event-stream");
    res.write("data: first\n\n");
    await pause(300);
    res.end("data: last\n\n");
  });
  app.get("/callbacks", (_req, res) => {
    const seen: string[] = [];
    res.write("a", () => seen.push("write"));
    res.end("b", () => seen.push("end"));
    res.on("finish", () => setTimeout(() => app.emit("seen", seen), 10));
  });
  app.get("/send", (_req, res) => {
    res.send("x".repeat(5000));
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

type Answer = { res: IncomingMessage; body: Buffer; firstChunkAfterMs: number };
function fetchRaw(path: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      let firstChunkAfterMs = -1;
      res.on("data", (c: Buffer) => {
        if (firstChunkAfterMs < 0) firstChunkAfterMs = performance.now() - started;
        chunks.push(c);
      });
      res.on("end", () => resolve({ res, body: Buffer.concat(chunks), firstChunkAfterMs }));
    }).on("error", reject);
  });
}
const text = (a: Answer) => (a.res.headers["content-encoding"] === "gzip" ? gunzipSync(a.body) : a.body).toString();

describe("whole small answers", () => {
  it("sends an answer that ends within its first turn, under the limit, whole and uncompressed", async () => {
    for (const path of ["/small", "/small-later-in-the-tick", "/small-after-the-database"]) {
      const a = await fetchRaw(path);
      expect(a.res.headers["content-encoding"], path).toBeUndefined();
      expect(Number(a.res.headers["content-length"]), path).toBe(a.body.length);
      expect(a.res.headers["transfer-encoding"], path).toBeUndefined();
    }
    expect(text(await fetchRaw("/small"))).toBe('[{"_1":2},"data",{"kind":"refused"}]\n');
    expect(text(await fetchRaw("/small-later-in-the-tick"))).toBe("[1,2]");
  });

  it("still compresses an answer over the limit, byte for byte the same", async () => {
    const a = await fetchRaw("/large");
    expect(a.body.length).toBeGreaterThan(0);
    expect(a.res.headers["content-encoding"]).toBe("gzip");
    expect(text(a)).toBe(Array.from({ length: 200 }, (_, i) => `<li>product ${i} · 黑木耳 ¥12.80</li>`).join(""));
    expect(gunzipSync(a.body).length).toBeGreaterThan(WHOLE_ANSWER_LIMIT);
  });

  it("holds a slow answer's first chunk for one turn only: it streams before the end", async () => {
    const a = await fetchRaw("/slow");
    expect(a.firstChunkAfterMs).toBeLessThan(200);
    expect(text(a)).toBe("data: first\n\ndata: last\n\n");
  });

  it("calls write and end callbacks, and leaves express's own send alone", async () => {
    const app = server.listeners("request")[0] as unknown as express.Express;
    const seen = new Promise<string[]>((resolve) => app.once("seen", resolve));
    expect(text(await fetchRaw("/callbacks"))).toBe("ab");
    expect(await seen).toEqual(expect.arrayContaining(["write", "end"]));
    const sent = await fetchRaw("/send");
    expect(text(sent)).toBe("x".repeat(5000));
    expect(sent.res.headers["content-encoding"]).toBe("gzip");
  });
});
