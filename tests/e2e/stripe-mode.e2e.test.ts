import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { getResponse } from "msw";
import type { Page } from "playwright-core";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeMock, type StripeMock } from "../mocks/stripe";
import { launchBrowser } from "./browser";
import { pageErrorCollector } from "./page-errors";

// Issue 10 in a browser: the production server in Stripe mode, its Stripe SDK pointed
// (STRIPE_API_BASE_URL) at a Stripe-compatible test endpoint — the msw Stripe mock served
// over HTTP — and Stripe's own pages (Checkout, Connect onboarding) stood in for by the
// browser. A buyer pays through Checkout and Stripe's signed webhook pays the order; an
// admin connects the village collective's Stripe account; the next sale transfers the
// collective's share; the admin refunds it and the share is reversed.
const SECRET_KEY = "sk_test_harvest_e2e";
const WEBHOOK_SECRET = "whsec_e2e_harvest";
const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = process.env.STRIPE_SCREENSHOT_DIR ?? path.join(os.tmpdir(), "harvest-stripe-screenshots");
const signer = new Stripe(SECRET_KEY);

let stripeServer: Server;
let stripeMock: StripeMock;
let app: ChildProcess;
let dataDir = "";
let output = "";
let baseUrl = "";
const sessions: Awaited<ReturnType<typeof launchBrowser>>[] = [];

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  // The Stripe-compatible endpoint: each request answered by the mock's handlers.
  stripeServer = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`${stripeMock.baseUrl}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const answer =
      (await getResponse(stripeMock.handlers, request)) ??
      Response.json({ error: { type: "invalid_request_error", message: `No mock for ${req.method} ${req.url}` } }, { status: 404 });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  const stripePort = await listen(stripeServer);
  stripeMock = createStripeMock({ baseUrl: `http://127.0.0.1:${stripePort}`, secretKey: SECRET_KEY });

  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  baseUrl = `http://127.0.0.1:${port}`;
  dataDir = await mkdtemp(path.join(os.tmpdir(), "harvest-e2e-stripe-"));
  app = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
      DATABASE_URL: "",
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: stripeMock.baseUrl,
      ORDER_RESERVATION_MINUTES: "30",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout?.on("data", (chunk) => (output += chunk));
  app.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (app.exitCode !== null || Date.now() > deadline) throw new Error(`the Stripe-mode server did not start:\n${output}`);
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  collector = pageErrorCollector(baseUrl);
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((r) => app.once("exit", r));
  }
  await new Promise((r) => stripeServer?.close(r));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  expect(stripeMock?.violations ?? []).toEqual([]);
});

// Made once the server's address is known.
let collector: ReturnType<typeof pageErrorCollector>;
const open = (...args: Parameters<ReturnType<typeof pageErrorCollector>["open"]>) => collector.open(...args);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** A phone browser in which Stripe's hosted pages are a stand-in the test controls. */
async function phone(locale: "zh-CN" | "en") {
  const session = await launchBrowser({ locale, viewport: PHONE });
  sessions.push(session);
  for (const host of ["checkout.stripe.com", "connect.stripe.com"]) {
    await session.context.route(`https://${host}/**`, (route) =>
      route.fulfill({ contentType: "text/html", body: `<!doctype html><title>Stripe (test)</title><h1>Stripe (test): ${host}</h1>` }),
    );
  }
  return session;
}

/** What Stripe does when it has something to tell: a signed webhook delivery. */
async function webhook(type: string, object: Record<string, unknown>) {
  const event = {
    id: `evt_e2e_${randomBytes(6).toString("hex")}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  };
  const payload = JSON.stringify(event);
  const response = await fetch(`${baseUrl}/webhooks/stripe`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Stripe-Signature": signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
    },
    body: payload,
  });
  expect(response.status, `${type}: ${await response.clone().text()}`).toBe(200);
}

/** A buyer's order of fungus through Stripe Checkout, paid there; returns the order id and Stripe's session. */
async function buyThroughCheckout(
  page: Page,
  labels: { qty: string; add: string; added: string; cart: RegExp; checkout: string; submit: string; fields: string[] },
) {
  await page.goto(`${baseUrl}/products/zhengjia-black-fungus-250g`);
  await page.getByLabel(labels.qty).fill("2");
  await page.getByRole("button", { name: labels.add }).click();
  await page.getByRole("status").filter({ hasText: labels.added }).waitFor();
  await page.getByRole("link", { name: labels.cart }).click();
  await page.getByRole("link", { name: labels.checkout }).click();
  const [name, phoneLabel, province, city, district, address] = labels.fields;
  await page.getByLabel(name, { exact: true }).fill("王小明");
  await page.getByLabel(phoneLabel, { exact: true }).fill("138 0013 8000");
  await page.getByLabel(province, { exact: true }).fill("黑龙江省");
  await page.getByLabel(city, { exact: true }).fill("伊春市");
  await page.getByLabel(district, { exact: true }).fill("铁力市");
  await page.getByLabel(address, { exact: true }).fill("郑家村 1 号");
  await page.getByRole("button", { name: labels.submit }).click();
  await page.waitForURL(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_\w+$/);
  const sessionId = page.url().split("/").at(-1)!;
  const session = stripeMock.paidSession(sessionId) as ReturnType<StripeMock["paidSession"]> & {
    success_url: string;
    client_reference_id: string;
  };
  // (the buyer paid on Stripe's page)
  await webhook("checkout.session.completed", session);
  await page.goto(String(session.success_url)); // and Stripe sends them back
  return { orderId: String(session.client_reference_id), session };
}

const ZH_SHOP = {
  qty: "数量",
  add: "加入购物车",
  added: "已加入购物车。",
  cart: /^购物车/,
  checkout: "去结算",
  submit: "提交订单并付款",
  fields: ["收货人", "手机号码", "省份", "城市", "区/县", "详细地址"],
};
const EN_SHOP = {
  qty: "Quantity",
  add: "Add to cart",
  added: "Added to your cart.",
  cart: /^Cart/,
  checkout: "Checkout",
  submit: "Place order and pay",
  fields: ["Recipient name", "Mobile phone", "Province", "City", "District / county", "Street address"],
};

describe("Stripe mode, end to end in a browser", () => {
  let admin: Page;

  it("a buyer pays through Stripe Checkout in Chinese, and Stripe's webhook marks the order paid", async () => {
    const buyer = await phone("zh-CN");
    const page = await open(buyer.context, "/");
    const { orderId } = await buyThroughCheckout(page, ZH_SHOP);
    const created = stripeMock.calls.find((c) => c.path === "/v1/checkout/sessions" && c.form.client_reference_id === orderId)!;
    expect(created.form).toMatchObject({ currency: "cny", "payment_intent_data[transfer_group]": orderId, locale: "zh" });
    await page.waitForURL(new RegExp(`/orders/${orderId}\\?key=.*paid=1`));
    expect(await page.getByTestId("order-status").textContent()).toBe("已付款");
    await shot(page, "1-order-paid-through-stripe-zh");
  });

  it("an admin connects the village collective's Stripe account, and Stripe says it can receive payouts", async () => {
    const session = await phone("en");
    admin = await open(session.context, "/login?redirectTo=%2Fdashboard%2Fzhengjia%2Fpayouts");
    await admin.getByLabel("Email", { exact: true }).fill("admin@zhengjia.demo");
    await admin.getByLabel("Password", { exact: true }).fill("harvest-demo");
    await admin.getByRole("button", { name: "Sign in", exact: true }).click();
    await admin.waitForURL(`${baseUrl}/dashboard/zhengjia/payouts`);
    await admin.getByRole("heading", { name: "Needs attention" }).waitFor();
    await admin.getByRole("link", { name: "Pay payees through Stripe" }).click();
    await admin.waitForURL(`${baseUrl}/dashboard/zhengjia/payouts/connect`);
    await shot(admin, "2-connect-page-en");
    await admin.getByRole("button", { name: "Connect a Stripe account for Village collective" }).click();
    await admin.waitForURL(/^https:\/\/connect\.stripe\.com\/setup\/e\/acct_\w+\//);
    const accountId = admin.url().split("/")[5];
    expect(stripeMock.accounts.get(accountId)).toMatchObject({ type: "express" });
    await webhook("account.updated", stripeMock.accountState(accountId, { payoutsEnabled: true, detailsSubmitted: true }));
    await admin.goto(`${baseUrl}/dashboard/zhengjia/payouts/connect?returned=collective`);
    const collective = admin.getByRole("listitem").filter({ hasText: "Village collective" });
    await collective.getByText("Payouts enabled", { exact: true }).waitFor();
    await shot(admin, "3-collective-payouts-enabled-en");
  });

  it("the next sale transfers the collective's share; refunding it reverses the share at Stripe", async () => {
    const buyer = await phone("en");
    const page = await open(buyer.context, "/");
    const { orderId, session } = await buyThroughCheckout(page, EN_SHOP);
    await page.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor();
    const transfer = [...stripeMock.transfers.values()].find((t) => t.transfer_group === orderId);
    expect(transfer, "a transfer for the collective's share").toBeDefined();

    await admin.goto(`${baseUrl}/dashboard/zhengjia/payouts`);
    await admin.getByText(String(transfer!.id), { exact: true }).waitFor();
    await shot(admin, "4-payouts-with-stripe-transfer-en");

    await admin.goto(`${baseUrl}/dashboard/zhengjia/orders`);
    const order = admin.getByRole("listitem").filter({ has: admin.getByRole("heading", { name: `Order ${orderId.slice(0, 8)}` }) });
    await order.getByLabel(/^Units of .* to refund$/).fill("2");
    await order.getByRole("button", { name: "Refund selected units" }).click();
    await order.getByRole("button", { name: "Confirm refund" }).click();
    await order
      .getByRole("status")
      .filter({ hasText: /^Refunded ¥[\d,]+\.\d{2}\.$/ })
      .waitFor();
    await shot(admin, "5-refunded-through-stripe-en");
    const intent = String(session.payment_intent);
    expect(stripeMock.refunds.get(intent)).toHaveLength(1);
    expect(Number(stripeMock.transfers.get(String(transfer!.id))!.amount_reversed)).toBe(Number(transfer!.amount));
    await admin.goto(`${baseUrl}/dashboard/zhengjia/payouts`);
    await admin.getByText("Nothing needs attention: no disputes, no refunds waiting for Stripe.").waitFor();
    expect(collector.errors).toEqual([]);
  });
});
