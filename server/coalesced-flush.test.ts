import { get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { coalescedFlush } from "./coalesced-flush";

// A streamed page written as Remix writes it (a flush after every chunk, then a late
// chunk after a pause): the same body, in fewer gzip bytes.
const servers: Server[] = [];
async function serve(coalesce: boolean): Promise<string> {
  const app = express();
  app.use(compression());
  if (coalesce) app.use(coalescedFlush());
  app.get("/", async (_req, res) => {
    const flushing = res as typeof res & { flush: () => void };
    res.type("html");
    for (let i = 0; i < 200; i++) {
      res.write(`<li>product ${i} · 黑木耳 ¥12.80</li>`);
      flushing.flush();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    res.end("<p>late</p>");
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

let plain: string;
let coalesced: string;
beforeAll(async () => {
  plain = await serve(false);
  coalesced = await serve(true);
});
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

/** The raw gzip bytes (fetch would decompress them). */
function gzipBytes(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks)));
    }).on("error", reject);
  });
}

it("sends the same page in fewer compressed bytes", async () => {
  const [before, after] = [await gzipBytes(plain), await gzipBytes(coalesced)];
  expect(gunzipSync(after).toString()).toBe(gunzipSync(before).toString());
  expect(after.length).toBeLessThan(before.length * 0.6);
});
