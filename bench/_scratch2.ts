import pg from "pg";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { migrate } from "~/db/migrations.server";
import { seedDemoData } from "~/seed/seed.server";
import { prepareBuyers, runOurs, runBaseline, warmPool } from "./flash-sale";
const ADMIN = "postgres://postgres@127.0.0.1:5432/test";
const name = "harvest_bench_scratch";
const a = new pg.Client({ connectionString: ADMIN }); await a.connect();
await a.query(`drop database if exists ${name} with (force)`); await a.query(`create database ${name}`);
const url = `postgres://postgres@127.0.0.1:5432/${name}`;
const db = postgresDatabase(url, { max: 20 });
await migrate(db); await seedDemoData(db); await warmPool(db, 20);
const s = new pg.Client({ connectionString: url }); await s.connect();
async function sampled<T>(label: string, fn: () => Promise<T>) {
  const counts: Record<string, number> = {}; let stop = false; let n = 0;
  const loop = (async () => { while (!stop) { const { rows } = await s.query(`select state, coalesce(wait_event_type,'') || ':' || coalesce(wait_event,'') as w, left(query, 40) as q from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'`, [name]); n++; for (const r of rows) { const k = `${r.state} ${r.w} ${r.state === 'active' ? r.q : ''}`; counts[k] = (counts[k] ?? 0) + 1; } } })();
  const r = await fn(); stop = true; await loop;
  console.log(label, "samples", n); for (const [k, v] of Object.entries(counts).sort((x, y) => y[1] - x[1]).slice(0, 12)) console.log("  ", (v / n).toFixed(2), k);
  return r;
}
for (let round = 1; round <= 2; round++) {
  const v = await prepareBuyers(db, round);
  const o = await sampled("ours", () => runOurs(db, v)); console.log("ours wall", o.wallMs.toFixed(0), o.ordered);
  const b = await sampled("base", () => runBaseline(db)); console.log("base wall", b.wallMs.toFixed(0));
}
await s.end(); await db.close(); await a.query(`drop database ${name} with (force)`); await a.end();
