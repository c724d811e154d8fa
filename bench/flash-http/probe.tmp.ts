import { randomBytes } from "node:crypto";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { withRole } from "~/db/request-role.server";
import { pinProduct } from "~/models/live-pin.server";
import { startFlashSale, endFlashSale } from "~/models/flash-sale.server";
import { ADMIN_URL, withAdminClient } from "../admin-database";
import { BROWSER, browserAgent, cookieHeader, cookiesSet, send, serverTiming, textOf } from "./browser";
import { HOST, LIVE } from "./round";
import { startApp, stop, cpuMsOf } from "./servers";

const N = Number(process.env.N ?? 100);
const name = `harvest_probe_${randomBytes(4).toString("hex")}`;
const url = new URL(ADMIN_URL); url.pathname = `/${name}`;
await withAdminClient((c) => c.query(`create database ${name}`));
const app = await startApp(url.toString(), randomBytes(32).toString("base64url"));
const db = postgresDatabase(url.toString(), { max: 3 });
try {
  const { rows } = await db.query<{ product_id: string; price_fen: number }>(`select sp.product_id, p.price_fen::int from public.live_session_products sp join public.products p on p.id = sp.product_id where sp.session_id = $1 order by sp.position limit 1`, [LIVE]);
  const product = rows[0].product_id;
  await db.query("update public.products set per_buyer_limit = null where id = $1", [product]);
  await db.query("update public.product_stock set stock = 1000000 where product_id = $1", [product]);
  await withRole(db, HOST, (tx) => pinProduct(tx, LIVE, product));
  const s = await withRole(db, HOST, (tx) => startFlashSale(tx, LIVE, { productId: product, priceFen: 100, units: 1, perBuyerLimit: null, durationSeconds: 1800 }));
  if (!s.ok) throw new Error(s.reason);
  const agent = browserAgent();
  const viewers: string[] = [];
  for (let i = 0; i < N + 1; i++) {
    const added = await send(agent, `${app.origin}/cart`, "POST", { ...BROWSER, "content-type": "application/x-www-form-urlencoded", origin: app.origin, referer: `${app.origin}/live/${LIVE}` },
      new URLSearchParams({ intent: "add", productId: product, quantity: "1", liveSessionId: LIVE, returnTo: `/live/${LIVE}` }).toString());
    viewers.push(cookieHeader(cookiesSet(added)));
  }
  const body = (i: number) => new URLSearchParams({ intent: "place-order", contactName: "王小明", contactPhone: `1350000${String(i).padStart(4, "0")}`, province: "浙江省", city: "杭州市", district: "西湖区", addressLine: "文三路 100 号" }).toString();
  const hdr = (cookie: string) => ({ ...BROWSER, "content-type": "application/x-www-form-urlencoded", origin: app.origin, referer: `${app.origin}/checkout`, cookie });
  const first = await send(agent, `${app.origin}/checkout`, "POST", hdr(viewers[0]), body(0));
  console.log("first", first.status);
  // warm
  for (let i = 1; i <= 20; i++) await send(agent, `${app.origin}/checkout`, "POST", hdr(viewers[i]), body(i));
  const mode = process.env.MODE ?? "serial";
  const sheet = process.env.SHEET === "1";
  const one = async (i: number) => {
    if (!sheet) return send(agent, `${app.origin}/checkout`, "POST", hdr(viewers[i]), body(i));
    const a = await send(agent, `${app.origin}/checkout.data`, "POST", hdr(viewers[i]), "enhanced=1&" + body(i));
    if (a.status < 400) await Promise.all([send(agent, `${app.origin}/cart.data?_routes=routes%2Fcart`, "GET", { ...BROWSER, cookie: viewers[i] }), send(agent, `${app.origin}/live/${LIVE}.data?_routes=root`, "GET", { ...BROWSER, cookie: viewers[i] })]);
    return a;
  };
  const before = await cpuMsOf(app.pid);
  const t0 = performance.now();
  let answers;
  if (mode === "serial") { answers = []; for (let i = 1; i <= N; i++) answers.push(await one(i)); }
  else answers = await Promise.all(viewers.slice(1).map((v, i) => one(i + 1)));
  const wall = performance.now() - t0;
  const after = await cpuMsOf(app.pid);
  const statuses = answers.map((a) => a.status);
  const t = answers.map(serverTiming);
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(mode, { statuses: [...new Set(statuses)], wallMs: wall.toFixed(0), cpuPer: ((after! - before!) / N).toFixed(2), bytes: answers[0].raw.length, html: textOf(answers[0]).slice(0, 300),
    total: med(t.map((x) => x.total ?? 0)), db: med(t.map((x) => x.db ?? 0)), render: med(t.map((x) => x.render ?? 0)), statements: med(t.map((x) => x.statements ?? 0)) });
  await withRole(db, HOST, (tx) => endFlashSale(tx, LIVE));
  agent.destroy();
} finally {
  await db.close(); await stop(app);
  await withAdminClient((c) => c.query(`drop database if exists ${name} with (force)`));
}
