import type { ProfileSummary } from "./cpu-profile";
import { UNITS, VIEWERS, type SideRound } from "./round";
import { fmt, median } from "../stats";

// The "Flash sale through HTTP" section of docs/benchmarks.md: medians across rounds with
// every round in brackets (the machine is shared), the app's Server-Timing per outcome and
// where its CPU went under --cpu-prof.

export const HEADING = "Flash sale through HTTP";
export const TARGET = 0.5;

/** Earlier runs of this bench, kept by hand: what changed and what it measured. */
const HISTORY: string[] = [];

type Machine = { cores: number; node: string; postgres: string; loadEnd: number };

const of = (rounds: SideRound[], side: SideRound["side"]) => rounds.filter((r) => r.side === side);
const cell = (rs: SideRound[], pick: (r: SideRound) => number, d = 1) =>
  rs.length ? `${fmt(median(rs.map(pick)), d)} (${rs.map((r) => fmt(pick(r), d)).join(", ")})` : "—";
const perCheckout = (ms: number | null) => (ms === null ? NaN : ms / VIEWERS);

export function headline(rounds: SideRound[]) {
  const app = median(of(rounds, "app").map((r) => r.ordersPerSec));
  const bare = median(of(rounds, "bare").map((r) => r.ordersPerSec));
  return { app, bare, ratio: app / bare };
}

function problems(rounds: SideRound[]): string[] {
  const p: string[] = [];
  for (const r of rounds) {
    const at = `round ${r.round} ${r.side}`;
    if (r.oversold > 0) p.push(`${at}: oversold by ${r.oversold}`);
    if (r.fiveHundreds > 0) p.push(`${at}: ${r.fiveHundreds} answers 5xx`);
    if (r.errors.length > 0) p.push(`${at}: ${r.errors.length} answers neither ordered nor sold out, e.g. ${r.errors[0]}`);
    if (r.ordered !== r.dbOrdered) p.push(`${at}: ${r.ordered} told ordered, ${r.dbOrdered} orders in the database`);
    if (r.ordered + r.soldOut !== VIEWERS) p.push(`${at}: ${r.ordered} ordered + ${r.soldOut} sold out ≠ ${VIEWERS}`);
    if (r.ordered !== UNITS) p.push(`${at}: ${r.ordered} ordered, ${UNITS} units offered`);
  }
  return p;
}

function table(rounds: SideRound[]): string[] {
  const app = of(rounds, "app");
  const bare = of(rounds, "bare");
  const row = (label: string, pick: (r: SideRound) => number, d = 1) => `| ${label} | ${cell(app, pick, d)} | ${cell(bare, pick, d)} |`;
  const counts = (rs: SideRound[]) =>
    `${rs.map((r) => r.ordered).join(", ")} / ${rs.map((r) => r.soldOut).join(", ")} / ${rs.map((r) => r.errors.length).join(", ")} / ${rs.map((r) => r.fiveHundreds).join(", ")}`;
  return [
    "| metric | app: the routes, as `npm start` serves them | bare node:http + `place_order` |",
    "| --- | --- | --- |",
    row("orders/s (orders ÷ wall time of all 500 answers)", (r) => r.ordersPerSec),
    row("orders/s while units lasted (orders ÷ time to the last order's answer)", (r) => (r.ordered / r.soldMs) * 1000),
    row("wall time of the 500 checkouts, ms", (r) => r.wallMs, 0),
    row("last order answered after, ms", (r) => r.soldMs, 0),
    row("latency p50, ms", (r) => r.p50Ms, 0),
    row("latency p95, ms", (r) => r.p95Ms, 0),
    row("server process CPU per checkout, ms", (r) => perCheckout(r.serverCpuMs), 2),
    row("Postgres CPU per checkout, ms", (r) => perCheckout(r.postgresCpuMs), 2),
    `| ordered / sold out / other / 5xx | ${counts(app)} | ${counts(bare)} |`,
    `| oversold | ${app.map((r) => r.oversold).join(", ")} | ${bare.map((r) => r.oversold).join(", ")} |`,
    `| 1-minute load average at the start | ${app.map((r) => fmt(r.load, 2)).join(", ")} | ${bare.map((r) => fmt(r.load, 2)).join(", ")} |`,
  ];
}

function timingLines(rounds: SideRound[]): string[] {
  const app = of(rounds, "app").filter((r) => r.timing);
  if (!app.length) return [];
  const m = (outcome: "ordered" | "sold_out", key: "client" | "total" | "db" | "render" | "statements") =>
    fmt(median(app.map((r) => r.timing![outcome][key])), key === "statements" ? 0 : 1);
  const line = (label: string, o: "ordered" | "sold_out") =>
    `| ${label} | ${m(o, "client")} | ${m(o, "total")} | ${m(o, "db")} (${m(o, "statements")} statements) | ${m(o, "render")} |`;
  return [
    "The app's own Server-Timing on its answers (median over answers, then over rounds; `total` runs from the first",
    "middleware to the response head, `db` is time in database round trips including the pool wait, `render` the React render):",
    "",
    "| answer | client latency ms | total ms | db ms | render ms |",
    "| --- | ---: | ---: | ---: | ---: |",
    line("302 to the pay page", "ordered"),
    line("409 sold out (the checkout page)", "sold_out"),
    "",
  ];
}

function profileLines(profile: ProfileSummary | null): string[] {
  if (!profile) return [];
  const pct = (ms: number) => `${fmt((ms / profile.sampledMs) * 100, 1)} %`;
  return [
    `The app under \`node --cpu-prof\` (one more round, its timed phase only: ${fmt(profile.sampledMs, 0)} ms sampled), self time by area:`,
    "",
    "| area | ms | share |",
    "| --- | ---: | ---: |",
    ...profile.areas.slice(0, 14).map(([area, ms]) => `| ${area} | ${fmt(ms, 0)} | ${pct(ms)} |`),
    "",
    "Functions with the most self time (idle left out):",
    "",
    ...profile.functions.slice(0, 12).map(([fn, ms]) => `- \`${fn}\`: ${fmt(ms, 0)} ms (${pct(ms)})`),
    "",
  ];
}

export function printRounds(rounds: SideRound[], profile: ProfileSummary | null) {
  for (const line of [...table(rounds), "", ...timingLines(rounds), ...profileLines(profile)]) console.log(line);
  const h = headline(rounds);
  console.log(`ratio app / bare orders/s: ${fmt(h.ratio * 100)} % (target ≥ ${TARGET * 100} %)`);
  for (const p of problems(rounds)) console.log(`FAIL: ${p}`);
}

export function section(
  rounds: SideRound[],
  profile: ProfileSummary | null,
  machine: Machine,
  pool: number,
  profileNote: string | null = null,
) {
  const h = headline(rounds);
  const fails = problems(rounds);
  const ratios = of(rounds, "app").map((a) => {
    const b = rounds.find((r) => r.side === "bare" && r.round === a.round);
    return b ? `${fmt((a.ordersPerSec / b.ordersPerSec) * 100, 0)} %` : "—";
  });
  const text = [
    `## ${HEADING}`,
    "",
    `\`npm run bench -- flash-http\` (bench/flash-http/), ${new Date().toISOString().slice(0, 16)}Z. Machine: ${machine.cores} cores shared with`,
    `other engineers, Node ${machine.node}, ${machine.postgres}; load average per round in the table (${fmt(machine.loadEnd, 2)} at the end).`,
    "",
    `Method: the app as \`npm start\` runs it (server/index.ts on the production build, its own process, pool ${pool}); the`,
    `host starts a flash sale of ${UNITS} units on the pinned product through \`startFlashSale\`; ${VIEWERS} new visitors each GET the`,
    "live page, POST /cart from its add form (Origin and Referer as Chromium sends them; the visitor cookie comes with that",
    "answer, the page sets none), then, timed, all at once: POST /checkout with the details form (one connection each, keep-alive).",
    "302 to /pay/… counts as ordered (not followed), 409 with the sold-out message as sold out, anything else as an error.",
    `Baseline: a bare node:http server (bench/flash-http/bare-server.ts, its own process, pg pool ${pool}) that reads the form and`,
    "the cookie and runs exactly the app's order transaction: `public.place_order` after `set_config('role', 'anon')` and",
    "the visitor claim, in one simple-query message (as the app's `atomicAs`); its buyers fill their carts through the app's",
    "/cart too, so both sides check out the same carts against the same function. A warm-up round is not counted; then",
    `${of(rounds, "app").length} rounds, alternating which side goes first; median, each round in brackets.`,
    "",
    ...table(rounds),
    "",
    `Orders/s app / bare: **${fmt(h.ratio * 100)} %** (per round: ${ratios.join(", ")}; target ≥ ${TARGET * 100} %) — ` +
      `${h.ratio >= TARGET && fails.length === 0 ? "met" : "not met"}; ${fails.length ? `${fails.length} problems` : "0 oversold, 0 × 5xx, every loser told sold out"}.`,
    ...(fails.length ? ["", ...fails.map((p) => `- FAIL: ${p}`)] : []),
    "",
    ...timingLines(rounds),
    ...profileLines(profile),
    ...(profileNote ? [`No CPU profile this run: ${profileNote}.`, ""] : []),
    ...(HISTORY.length ? ["History:", "", ...HISTORY.map((l) => `- ${l}`), ""] : []),
  ].join("\n");
  return { text, failed: fails.length > 0 };
}
