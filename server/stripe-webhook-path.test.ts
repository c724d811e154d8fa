import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { unroutablePathGuard } from "./path-guard";
import { requestQueue } from "./request-queue";
import { bodyLimit, csrfProtection, securityHeaders } from "./security-headers";

// Stripe's webhook POST (no Origin, no Referer, a JSON body with Content-Length) passes the
// server's guards in the order server/index.ts applies them, and reaches the route with its
// raw body byte for byte (the signature is over those bytes). Other paths keep the guards.
let baseUrl = "";
let close: () => void = () => {};
const received: { path: string; body: string }[] = [];

beforeAll(async () => {
  const env = parseEnv({ NODE_ENV: "test" });
  const app = express();
  app.use(securityHeaders(env));
  app.use(csrfProtection(env));
  app.use(bodyLimit(12 * 1024 * 1024));
  app.use(unroutablePathGuard());
  app.use(requestQueue(16));
  app.all("*", (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.path, body: Buffer.concat(chunks).toString("utf8") });
      res.status(200).type("text/plain").send("ok");
    });
  });
  await new Promise<void>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => {
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve();
    });
    close = () => server.close();
  });
});
afterAll(() => close());

const stripePost = (path: string, body: string) =>
  fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": "t=1,v1=abc", "User-Agent": "Stripe/1.0" },
    body,
  });

describe("Stripe's webhook through the server's guards", () => {
  it("reaches the route with its raw body, without Origin", async () => {
    const body = JSON.stringify({ id: "evt_1", type: "checkout.session.completed", data: { object: { name: "黑木耳 250克" } } }, null, 2);
    const response = await stripePost("/webhooks/stripe", body);
    expect(response.status).toBe(200);
    expect(received.at(-1)).toEqual({ path: "/webhooks/stripe", body });
  });

  it("does not open other paths to cross-site posts", async () => {
    const count = received.length;
    expect((await stripePost("/webhooks/other", "{}")).status).toBe(403);
    expect((await stripePost("/webhooks/stripe/x", "{}")).status).toBe(403);
    expect((await stripePost("/cart", "{}")).status).toBe(403);
    expect(received.length).toBe(count);
  });
});

describe("content security policy in Stripe mode", () => {
  it("lets a form post be redirected to Stripe Checkout, and only in Stripe mode", () => {
    const cspOf = (env: Record<string, string>) => {
      let csp = "";
      const res = {
        locals: {},
        setHeader: (name: string, value: string) => (name === "Content-Security-Policy" ? (csp = value) : undefined),
      };
      securityHeaders(parseEnv({ NODE_ENV: "test", ...env }))({} as never, res as never, () => {});
      return csp;
    };
    expect(cspOf({ STRIPE_SECRET_KEY: "sk_test_x" })).toContain(
      "form-action 'self' https://checkout.stripe.com https://connect.stripe.com;",
    );
    expect(cspOf({})).toContain("form-action 'self';");
  });
});
