import pg from "pg";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { migrate } from "~/db/migrations.server";
import { seedDemoData } from "~/seed/seed.server";
import { prepareBuyers, PRODUCT } from "./flash-sale";
import { withRole } from "~/db/request-role.server";
import { placeOrder } from "~/models/order.server";
const ADMIN = "postgres://postgres@127.0.0.1:5432/test";
const name = "harvest_bench_scratch";
const a = new pg.Client({ connectionString: ADMIN }); await a.connect();
await a.query(`drop database if exists ${name} with (force)`); await a.query(`create database ${name}`);
const url = `postgres://postgres@127.0.0.1:5432/${name}`;
const db = postgresDatabase(url, { max: 20 });
await migrate(db); await seedDemoData(db);
const visitors = await prepareBuyers(db, 99);
await db.query("update public.products set stock = 100000 where id = $1", [PRODUCT]);
const D = { contactName: "王小明", province: "浙江省", city: "杭州市", district: "西湖区", addressLine: "文三路 100 号 2 单元 301", locale: "zh-CN" as const, reservationMinutes: 15 };
// serial, step timing via a wrapped tx
const steps: Record<string, number[]> = {};
for (let n = 0; n < 100; n++) {
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    let t = performance.now();
    const mark = (k: string) => { const now = performance.now(); (steps[k] ??= []).push(now - t); t = now; };
    await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ visitor: visitors[n], role: "anon" })]); mark("set_config");
    await tx.exec("set local role anon"); mark("set role");
    await placeOrder(tx, { ...D, contactPhone: "13900000000" }); mark("place_order");
  });
  (steps.total ??= []).push(performance.now() - t0);
}
const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
for (const [k, v] of Object.entries(steps)) console.log(k, med(v.slice(20)).toFixed(3));
const bt: number[] = [];
for (let n = 0; n < 100; n++) { const t0 = performance.now(); await db.query("update public.products set stock = stock - 1 where id = $1 and stock > 0", [PRODUCT]); bt.push(performance.now() - t0); }
console.log("bare update", med(bt).toFixed(3));
const st: number[] = [];
for (let n = 0; n < 100; n++) { const t0 = performance.now(); await db.query("select 1"); st.push(performance.now() - t0); }
console.log("select 1", med(st).toFixed(3));
// server-side nested statement timing
const c = new pg.Client({ connectionString: url }); await c.connect();
c.on("notice", (m) => console.log(String(m.message).split("\n").slice(0, 3).join(" | ")));
await c.query("load 'auto_explain'");
await c.query("set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_nested_statements = on; set auto_explain.log_level = notice; set auto_explain.log_timing = on");
await c.query("begin");
await c.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ visitor: visitors[150], role: "anon" })]);
await c.query("set local role anon");
await c.query("select public.place_order('a','13900000000','b','c','d','addr line','zh-CN',15)");
await c.query("commit");
await c.query("begin");
await c.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ visitor: visitors[151], role: "anon" })]);
await c.query("set local role anon");
await c.query("select public.place_order('a','13900000000','b','c','d','addr line','zh-CN',15)");
await c.query("commit");
await c.end(); await db.close(); await a.query(`drop database ${name} with (force)`); await a.end();
