import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AsyncLocalStorage } from "node:async_hooks";
import { QUEUED_BODY_MAX_BYTES, requestQueue } from "./request-queue";

// Two at a time, the rest in arrival order: ten slow requests never overlap by more than two.
let server: Server;
let base: string;
let running = 0;
const context = new AsyncLocalStorage<string>();
let most = 0;
const order: number[] = [];
beforeAll(async () => {
  const app = express();
  // Each request's own async context, as server/request-context.ts sets it up.
  app.use((req, _res, next) => context.run(req.url, next));
  app.use(requestQueue(2));
  app.use((req, res, next) => (context.getStore() === req.url ? next() : res.status(500).send(`context of ${context.getStore()}`)));
  app.get(["/:n", "/hls/sample-live/:n"], async (req, res) => {
    running++;
    most = Math.max(most, running);
    order.push(Number(req.params.n));
    await new Promise((resolve) => setTimeout(resolve, 30));
    running--;
    res.send("ok");
  });
  // A form post: the body must reach the handler whole, after waiting in the queue.
  app.post("/:n", async (req, res) => {
    running++;
    most = Math.max(most, running);
    order.push(Number(req.params.n));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    await new Promise((resolve) => setTimeout(resolve, 30));
    running--;
    res.send(Buffer.concat(chunks).toString("utf8"));
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("runs at most `limit` requests at once and serves every one, each in its own async context", async () => {
  const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => fetch(`${base}/${n}`).then((r) => r.text())));
  expect(answers).toEqual(Array.from({ length: 10 }, () => "ok"));
  expect(most).toBe(2);
  expect(order).toHaveLength(10);
});

it("lets an event stream past the queue", async () => {
  most = 0;
  await Promise.all([
    ...Array.from({ length: 4 }, (_, n) => fetch(`${base}/${n}`).then((r) => r.text())),
    fetch(`${base}/90`, { headers: { Accept: "text/event-stream" } }).then((r) => r.text()),
  ]);
  expect(most).toBe(3);
});

it("lets a live playlist past the queue", async () => {
  most = 0;
  await Promise.all([
    ...Array.from({ length: 4 }, (_, n) => fetch(`${base}/${n}`).then((r) => r.text())),
    fetch(`${base}/hls/sample-live/91`).then((r) => r.text()),
  ]);
  expect(most).toBe(3);
});

const post = (n: number, body: string) =>
  fetch(`${base}/${n}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }).then((r) => r.text());

it("queues form posts too, in order, each with its whole body", async () => {
  most = 0;
  order.length = 0;
  const bodies = Array.from({ length: 8 }, (_, n) => `intent=place-order&n=${n}&pad=${"x".repeat(n * 500)}`);
  const answers = await Promise.all(bodies.map((body, n) => post(n, body)));
  expect(answers).toEqual(bodies);
  expect(most).toBe(2);
});

it("lets uploads past the queue, and a post still sending its body holds no slot", async () => {
  most = 0;
  // Two slow reads fill both slots; an upload runs beside them.
  const big = "x".repeat(QUEUED_BODY_MAX_BYTES + 1);
  const [a, b, upload] = await Promise.all([fetch(`${base}/1`), fetch(`${base}/2`), post(3, big)]);
  expect([a.status, b.status, upload.length]).toEqual([200, 200, big.length]);
  expect(most).toBe(3);

  // A client that sends its headers and only half its body: the queue still serves others.
  most = 0;
  order.length = 0;
  const slow = http.request(`${base}/4`, { method: "POST", headers: { "content-length": "10" } });
  slow.write("12345");
  const answers = await Promise.all([post(5, "a=1"), post(6, "a=2"), post(7, "a=3")]);
  expect(answers).toEqual(["a=1", "a=2", "a=3"]);
  expect(most).toBe(2);
  expect(order).not.toContain(4); // its handler has not started: it waits outside the queue
  const finished = new Promise<string>((resolve) =>
    slow.on("response", (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve(text));
    }),
  );
  slow.end("67890");
  expect(await finished).toBe("1234567890");
});
