import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { withRole } from "~/db/request-role.server";
import { pinProduct } from "~/models/live-pin.server";
import { benchDatabase, hasBuild, withAdminClient } from "../admin-database";
import { writeSection } from "../report";
import { mainThreadProfile, summariseProfile, type ProfileSummary } from "./cpu-profile";
import { HEADING, printRounds, section } from "./report";
import { HOST, LIVE, onApp, runSide, type Setup, type Side, type SideRound } from "./round";
import { startApp, startBare, stop, type Running } from "./servers";

// `npm run bench -- flash-http` (docs/benchmarks.md, "Flash sale through HTTP"): a flash sale
// from the live stream through the app's own routes, driven by new visitors two ways — as a
// viewer of the video buys (with JavaScript: the pinned card's fetcher POST /cart.data, then
// the cart sheet's POST /checkout.data and the loaders Remix reloads after it), and as a
// browser without JavaScript does (GET the live page, POST /cart from its form, POST /checkout
// with the details, the final redirect to the pay page not followed) — against a bare
// node:http server doing the same order transaction on the same Postgres with the same pool
// size. Only the 500 simultaneous checkouts are timed. Every server runs in its own process;
// the clients run here. Each side goes first in turn; then, unless BENCH_FLASH_HTTP_PROFILE=0,
// one more round of the stream's path under `node --cpu-prof`, summed over its timed phase
// only. Exit code 1 if any round oversold, answered 5xx or anything but "ordered" or "sold
// out"; the speed target (the app ≥ 50 % of bare orders/s) only reports.

const ROUNDS = Number(process.env.BENCH_FLASH_HTTP_ROUNDS ?? 5);
const PROFILE_ROUNDS = Number(process.env.BENCH_FLASH_HTTP_PROFILE ?? 1);
// The app's pool per instance (app/db/postgres-adapter.server.ts: 10 unless told otherwise);
// the bare server gets as many connections as all the app's instances together.
const POOL = 10;
// App instances (WEB_CONCURRENCY), as it is deployed: one per core unless told otherwise.
// The profiled round runs one, so its profile is one process's.
const INSTANCES = Number(process.env.BENCH_FLASH_HTTP_INSTANCES ?? os.cpus().length);
const DOC = "docs/benchmarks.md";
// For trying a change on some sides only: BENCH_FLASH_HTTP_SIDES=sheet,bare (the section is then not written).
const ALL_SIDES: Side[] = ["sheet", "app", "bare"];
const SIDES = (process.env.BENCH_FLASH_HTTP_SIDES ?? ALL_SIDES.join(","))
  .split(",")
  .filter((s): s is Side => ALL_SIDES.includes(s as Side));
// The side the profiled round runs: the stream's own path unless told otherwise.
const PROFILE_SIDE: Side = process.env.BENCH_FLASH_HTTP_PROFILE_SIDE === "app" ? "app" : "sheet";

export async function runFlashHttpBench(): Promise<number> {
  if (!hasBuild("flash-http")) return 1;
  const database = benchDatabase("harvest_bench_flashhttp");
  const { name, url: databaseUrl } = database;
  const profileDir = await mkdtemp(path.join(os.tmpdir(), "harvest-bench-flashhttp-"));
  const running: Running[] = [];
  const cleanUp = async () => {
    for (const server of running.splice(0)) await stop(server).catch(() => undefined);
    await rm(profileDir, { recursive: true, force: true });
    await database.drop();
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const secret = randomBytes(32).toString("base64url");
  const db = postgresDatabase(databaseUrl, { max: 3 });
  try {
    await database.create();
    const postgres = await withAdminClient(async (c) => (await c.query<{ version: string }>("select version()")).rows[0].version).then(
      (v) => v.replace(/ on .*$/, "").replace(/ \(.*?\)/, ""),
    );
    console.log(`flash-http: database ${name}; starting the app (migrate + seed) and the bare server…`);
    let app = await startApp(databaseUrl, secret, undefined, INSTANCES);
    running.push(app);
    const bare = await startBare(databaseUrl, POOL * INSTANCES);
    running.push(bare);

    const { rows } = await db.query<{ product_id: string; price_fen: number; title_zh: string }>(
      `select sp.product_id, p.price_fen::int, p.title_zh from public.live_session_products sp join public.products p on p.id = sp.product_id
        where sp.session_id = $1 order by sp.position limit 1`,
      [LIVE],
    );
    const product = rows[0];
    // The allotment is what runs out, not the stock; no per-buyer limit (every buyer is new).
    await db.query("update public.products set per_buyer_limit = null where id = $1", [product.product_id]);
    await db.query("update public.product_stock set stock = 1000000 where product_id = $1", [product.product_id]);
    const pinned = await withRole(db, HOST, (tx) => pinProduct(tx, LIVE, product.product_id));
    if (!pinned.ok) throw new Error(`pin_product: ${JSON.stringify(pinned)}`);
    const setup: Setup = {
      db,
      product: product.product_id,
      productTitle: product.title_zh,
      flashPriceFen: Math.floor(product.price_fen * 0.6),
      appOrigin: app.origin,
    };

    const rounds: SideRound[] = [];
    const sideRound = async (side: Side, round: number) => {
      const server = onApp(side) ? app : bare;
      const r = await runSide(setup, side, server.origin, server.pid, round, os.loadavg()[0]);
      console.log(
        `round ${round} ${side}: ${r.wallMs.toFixed(0)} ms, ${r.ordersPerSec.toFixed(1)} orders/s, p50 ${r.p50Ms.toFixed(0)} ms, ` +
          `p95 ${r.p95Ms.toFixed(0)} ms, ${r.ordered} ordered, ${r.soldOut} sold out, ${r.errors.length} errors (load ${r.load.toFixed(2)})${r.errors.length ? `, e.g. ${r.errors[0]}` : ""}`,
      );
      return r;
    };
    // Round 0 warms both (JIT, pools, the page cache) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      // Each side goes first, second and last in turn.
      const order = ALL_SIDES.map((_, i) => ALL_SIDES[(i + round) % ALL_SIDES.length]);
      for (const side of order.filter((s) => SIDES.includes(s))) {
        const r = await sideRound(side, round);
        if (round > 0) rounds.push(r);
      }
    }

    // Another process on the shared machine may end the app mid-round: the rounds measured
    // above are still written, with the reason the profile is missing.
    let profile: ProfileSummary | null = null;
    let profileNote: string | null = null;
    if (PROFILE_ROUNDS > 0) {
      try {
        profile = await profiledRounds();
      } catch (error) {
        profileNote = `the profiled round failed (${(error as Error).message.split("\n")[0]})`;
        console.error(profileNote);
      }
    }
    async function profiledRounds(): Promise<ProfileSummary | null> {
      await stop(app);
      running.splice(running.indexOf(app), 1);
      app = await startApp(databaseUrl, secret, profileDir);
      running.push(app);
      setup.appOrigin = app.origin;
      const windows = [];
      for (let round = 0; round <= PROFILE_ROUNDS; round++) {
        const r = await sideRound(PROFILE_SIDE, 90 + round);
        if (r.errors.length) throw new Error(`${r.errors.length} errors in profiled round ${90 + round}, e.g. ${r.errors[0]}`);
        if (round > 0) windows.push(r.windowUs); // the first warms the new process
      }
      await stop(app);
      running.splice(running.indexOf(app), 1);
      const file = await mainThreadProfile(profileDir);
      // BENCH_FLASH_HTTP_PROFILE_OUT=<file>: keep the profile (open it in Chrome DevTools).
      if (file && process.env.BENCH_FLASH_HTTP_PROFILE_OUT) {
        await copyFile(file, process.env.BENCH_FLASH_HTTP_PROFILE_OUT);
        await writeFile(`${process.env.BENCH_FLASH_HTTP_PROFILE_OUT}.windows.json`, JSON.stringify(windows));
      }
      return file ? summariseProfile(file, windows) : null;
    }

    const machine = { cores: os.cpus().length, node: process.version, postgres, loadEnd: os.loadavg()[0] };
    printRounds(rounds, profile, PROFILE_SIDE);
    const { text, failed } = section(rounds, profile, machine, { pool: POOL, instances: INSTANCES }, profileNote, PROFILE_SIDE);
    if (process.env.BENCH_FLASH_HTTP_WRITE !== "0" && SIDES.length === ALL_SIDES.length) {
      await writeSection(DOC, text, HEADING);
      console.log(`\nwrote the "${HEADING}" section of ${DOC}`);
    } else console.log(`\n${text}`);
    return failed ? 1 : 0;
  } finally {
    await db.close().catch(() => undefined);
    await cleanUp();
  }
}

if (process.argv[1]?.endsWith("flash-http/main.ts")) {
  runFlashHttpBench().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
