import pg from "pg";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { migrate } from "~/db/migrations.server";
import { seedDemoData } from "~/seed/seed.server";
import { prepareBuyers, runBaseline, warmPool, PRODUCT } from "./flash-sale";
import { placeOrder } from "~/models/order.server";
const ADMIN = "postgres://postgres@127.0.0.1:5432/test";
const name = "harvest_bench_scratch";
const a = new pg.Client({ connectionString: ADMIN }); await a.connect();
await a.query(`drop database if exists ${name} with (force)`); await a.query(`create database ${name}`);
const url = `postgres://postgres@127.0.0.1:5432/${name}`;
const db = postgresDatabase(url, { max: Number(process.env.POOL ?? 20) });
await migrate(db); await seedDemoData(db); await warmPool(db, 20);
const D = { contactName: "王小明", province: "浙江省", city: "杭州市", district: "西湖区", addressLine: "文三路 100 号 2 单元 301", locale: "zh-CN" as const, reservationMinutes: 15 };
const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)] ?? NaN;
for (let round = 1; round <= 3; round++) {
  const v = await prepareBuyers(db, round);
  await db.query("update public.products set stock = 200 where id = $1", [PRODUCT]);
  const t00 = performance.now();
  const recs = await Promise.all(v.map(async (visitor, n) => {
    const r: any = { t0: performance.now() - t00 };
    try {
      await db.transaction(async (tx) => {
        r.begun = performance.now() - t00;
        await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ visitor, role: "anon" })]);
        await tx.exec("set local role anon");
        r.pstart = performance.now() - t00;
        await placeOrder(tx, { ...D, contactPhone: `139${String(n).padStart(8, "0")}` });
        r.pend = performance.now() - t00;
      });
      r.ok = true;
    } catch (e) { r.pend ??= performance.now() - t00; r.ok = false; }
    r.done = performance.now() - t00;
    return r;
  }));
  const w = recs.filter((r) => r.ok), l = recs.filter((r) => !r.ok);
  const lastWin = Math.max(...w.map((r) => r.done)), wall = Math.max(...recs.map((r) => r.done));
  console.log(`round ${round}: wall ${wall.toFixed(0)} ms; last order at ${lastWin.toFixed(0)} ms; winners ${w.length}`);
  console.log(`  winners: place_order call med ${med(w.map((r) => r.pend - r.pstart)).toFixed(2)} ms; place_order-return→commit-done med ${med(w.map((r) => r.done - r.pend)).toFixed(2)} ms; pool wait med ${med(w.map((r) => r.begun - r.t0)).toFixed(1)}; begin→place_order start med ${med(w.map((r) => r.pstart - r.begun)).toFixed(2)}`);
  console.log(`  losers: place_order med ${med(l.map((r) => r.pend - r.pstart)).toFixed(2)} ms, fail→rollback done ${med(l.map((r) => r.done - r.pend)).toFixed(2)}; losers finishing after last order: ${l.filter((r) => r.done > lastWin).length}`);
  const b = await runBaseline(db); console.log(`  baseline wall ${b.wallMs.toFixed(0)}`);
}
await db.close(); await a.query(`drop database ${name} with (force)`); await a.end();
