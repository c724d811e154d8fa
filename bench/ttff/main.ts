import { randomBytes } from "node:crypto";
import os from "node:os";
import { benchDatabase, hasBuild } from "../admin-database";
import { startApp, stop, type Running } from "../flash-http/servers";
import { writeSection } from "../report";
import { startBarePage, type BarePage } from "./bare-page";
import { launch, measureLoad, PROFILES, type Load } from "./load";
import { HEADING, printSummary, section, TARGET, ratioOf } from "./report";
import { SEEDED_LIVE_PATH } from "../../tests/e2e/seeded-sessions";

// `npm run bench -- ttff` (docs/benchmarks.md, "Live page: time to first frame"): the seeded
// live session's page, served by the app as `npm start` serves it (server/index.ts on the
// production build, its own bench database, migrated and seeded on start), against a bare
// hls.js page (bare-page.ts) playing the same stream URL, in Debian's Chromium on a phone
// viewport, a fresh context per load, slow-4G-throttled and unthrottled. Loads alternate
// app/bare; one untimed load per side warms both servers first. The target (app ≤ 1.2× bare at
// p50 on slow 4G) only reports; exit code 1 if a load never showed a frame.

const LOADS = Number(process.env.BENCH_TTFF_LOADS ?? 10);
const DOC = "docs/benchmarks.md";

export async function runTtffBench(): Promise<number> {
  if (!hasBuild("ttff")) return 1;
  const database = benchDatabase("harvest_bench_ttff");
  const { name } = database;
  let app: Running | null = null;
  let bare: BarePage | null = null;
  const browser = await launch();
  const cleanUp = async () => {
    await browser.close().catch(() => undefined);
    await bare?.close().catch(() => undefined);
    if (app) await stop(app).catch(() => undefined);
    await database.drop();
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await database.create();
    console.log(`ttff: database ${name}; starting the app (migrate + seed) and the bare page…`);
    app = await startApp(database.url, randomBytes(32).toString("base64url"));
    bare = await startBarePage(app.origin);
    const urls = { app: `${app.origin}${SEEDED_LIVE_PATH}`, bare: `${bare.origin}/` };
    const loadStart = os.loadavg()[0];

    for (const side of ["app", "bare"] as const) {
      const warm = await measureLoad(browser, urls[side], side, PROFILES[1], 0);
      if (warm.frameMs === null) throw new Error(`the ${side} page showed no frame while warming up`);
    }
    const loads: Load[] = [];
    for (const profile of PROFILES) {
      for (let round = 1; round <= LOADS; round++) {
        const order = round % 2 === 1 ? (["app", "bare"] as const) : (["bare", "app"] as const);
        for (const side of order) {
          const load = await measureLoad(browser, urls[side], side, profile, round);
          loads.push(load);
          console.log(
            `${profile.name} ${round} ${side}: first frame ${load.frameMs?.toFixed(0) ?? "none"} ms (playing ${load.playingMs?.toFixed(0) ?? "-"}, ` +
              `hls.js ${load.hlsJsMs?.toFixed(0) ?? "-"}, segment ${load.firstSegmentMs?.toFixed(0) ?? "-"}, ${load.allKbBeforeFrame.toFixed(0)} KB before it` +
              `${load.hydratedMs ? `, hydrated ${load.hydratedMs.toFixed(0)}` : ""}` +
              `${
                Object.keys(load.marks).length
                  ? `; html ${load.htmlMs?.toFixed(0)} ${Object.entries(load.marks)
                      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
                      .join(" ")}`
                  : ""
              })`,
          );
        }
      }
    }
    const machine = { cores: os.cpus().length, node: process.version, loadStart, loadEnd: os.loadavg()[0] };
    const chromium = browser.version();
    printSummary(loads);
    const missing = loads.filter((l) => l.frameMs === null).length;
    if (process.env.BENCH_TTFF_WRITE !== "0") {
      await writeSection(DOC, section(loads, { ...machine, chromium, hlsGzipKb: bare.hlsGzipBytes / 1024 }), HEADING);
      console.log(`\nwrote the "${HEADING}" section of ${DOC}`);
    }
    const ratio = ratioOf(loads, "slow-4g", 50);
    console.log(`slow-4G p50 ratio app/bare ${ratio.toFixed(2)}× (target ≤ ${TARGET}×)`);
    return missing > 0 ? 1 : 0;
  } finally {
    await cleanUp();
  }
}
