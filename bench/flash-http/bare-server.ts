import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";

// The flash-sale-through-HTTP bench's baseline (bench/flash-http/main.ts): a bare node:http
// server, its own process, on the same Postgres and with the same pool size as the app. On
// POST it reads the form and the visitor cookie and runs, in one transaction, exactly what
// the app's checkout runs for one buyer: `public.place_order` after the request's role and
// visitor claim are set locally (the app's `atomicAs`: one simple-query message, so one round
// trip and one implicit transaction). 302 to the pay page when ordered, 409 with the sold-out
// message when refused. No framework, no rendering, no middleware: the floor for this work.
//
// Started by main.ts (fork, IPC "ready" with the port); by hand it prints the port.

const POOL = Number(process.env.BENCH_POOL ?? 10);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL });
pool.on("error", () => undefined);

const VISITOR = /(?:^|;\s*)hl_visitor=([A-Za-z0-9_-]{43})(?:;|$)/;
const lit = (value: string) => pg.escapeLiteral(value);
// The app's zh-CN message (app/i18n/catalog/checkout.ts, checkout.refused.sold_out).
const soldOut = (title: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>结算</title>` +
  `<p role="alert">抱歉，已售罄：${title}。没有扣款，请调整购物车后再试。</p></html>`;
const titles = new Map<string, string>();

async function titleOf(client: pg.PoolClient, productId: string): Promise<string> {
  let title = titles.get(productId);
  if (title === undefined) {
    const { rows } = await client.query<{ title_zh: string }>("select title_zh from public.products where id = $1", [productId]);
    title = rows[0]?.title_zh ?? "";
    titles.set(productId, title);
  }
  return title;
}

async function checkout(
  cookie: string,
  form: URLSearchParams,
): Promise<{ status: number; headers: http.OutgoingHttpHeaders; body: string }> {
  const token = VISITOR.exec(cookie)?.[1];
  if (!token) return { status: 302, headers: { Location: "/cart" }, body: "" };
  const claims = JSON.stringify({ visitor: createHash("sha256").update(token).digest("hex"), role: "anon" });
  const field = (name: string) => lit(form.get(name) ?? "");
  const sql =
    `select set_config('request.jwt.claims', ${lit(claims)}, true), set_config('request.jwt.claim.sub', '', true), ` +
    `set_config('role', 'anon', true);\n` +
    `select order_id from public.place_order(${field("contactName")}, ${field("contactPhone")}, ${field("province")}, ` +
    `${field("city")}, ${field("district")}, ${field("addressLine")}, 'zh-CN', 15)`;
  const client = await pool.connect();
  try {
    const results = (await client.query(sql)) as unknown as pg.QueryResult<{ order_id: string }>[];
    return { status: 302, headers: { Location: `/pay/demo/${results[1].rows[0].order_id}` }, body: "" };
  } catch (error) {
    const e = error as { code?: string; detail?: string };
    if (e.code !== "HL004") throw error;
    const names = await Promise.all((e.detail ?? "").split(",").map((id) => titleOf(client, id)));
    return { status: 409, headers: { "Content-Type": "text/html; charset=utf-8" }, body: soldOut(names.join("、")) };
  } finally {
    // A server-side refusal leaves the connection healthy (as the app's adapter does).
    client.release();
  }
}

// Every pooled connection open before timing, as the app's are after the cart phase.
const warm = () => Promise.all(Array.from({ length: POOL }, () => pool.query("select pg_sleep(0.05)")));

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/warm") return void warm().then(() => res.writeHead(204).end());
  if (req.method !== "POST") return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    checkout(req.headers.cookie ?? "", new URLSearchParams(Buffer.concat(chunks).toString("utf8"))).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(answer.body),
      (error: Error) => res.writeHead(500, { "Content-Type": "text/plain" }).end(error.message),
    );
  });
});

server.listen(0, "127.0.0.1", async () => {
  const port = (server.address() as AddressInfo).port;
  await warm();
  if (process.send) process.send({ type: "ready", port });
  else console.log(`bare checkout on http://127.0.0.1:${port}`);
});
process.on("message", (message: { type: string }) => {
  if (message.type !== "close") return;
  server.closeAllConnections();
  server.close();
  void pool.end().finally(() => process.exit(0));
});
