import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { requestQueue } from "./request-queue";

// Two at a time, the rest in arrival order: ten slow requests never overlap by more than two.
let server: Server;
let base: string;
let running = 0;
let most = 0;
const order: number[] = [];
beforeAll(async () => {
  const app = express();
  app.use(requestQueue(2));
  app.get(["/:n", "/hls/sample-live/:n"], async (req, res) => {
    running++;
    most = Math.max(most, running);
    order.push(Number(req.params.n));
    await new Promise((resolve) => setTimeout(resolve, 30));
    running--;
    res.send("ok");
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("runs at most `limit` requests at once and serves every one", async () => {
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
