import type { ProfileSummary } from "./cpu-profile";
import { UNITS, VIEWERS, type SideRound } from "./round";
import { fmt, median } from "../stats";

// The "Flash sale through HTTP" section of docs/benchmarks.md: medians across rounds with
// every round in brackets (the machine is shared), the app's Server-Timing per outcome and
// where its CPU went under --cpu-prof.

export const HEADING = "Flash sale through HTTP";
export const TARGET = 0.5;

/** Earlier runs of this bench, kept by hand: what changed and what it measured. */
export const HISTORY: string[] = [
  "Before (the flash branch as it was, forms only, 3 rounds at load 8–11): app 13.9 orders/s (9.0, 13.9, 14.4) vs bare " +
    "137.1 (97.5, 153.1, 137.1): 10.2 %; p50 5.3 s vs 1.1 s, p95 14.0 s vs 1.3 s; 17.1 ms of app CPU per checkout vs 0.80 ms.",
  "2026-12-02, forms only, one instance: Intl formatters built once per language; form posts wait in the render queue " +
    "(16 at once) once their body has arrived; a queued request starts in its own async context (it used to run in the " +
    "context of the request that freed its slot: wrong request id, Server-Timing and per-request memo); the checkout page " +
    "reads the cart in one round trip. 8.1 (7.7, 12.5, 5.9, 8.1, 12.5) vs 84.4 orders/s at load 6–12: 9.6 %; 19.3 ms of " +
    "app CPU per checkout. Tried, not kept: `--max-semi-space-size=32` and no old-space cap (no clear gain; the 192 MB " +
    "cap of issue 8 stays until the memory bench says otherwise).",
  "2026-12-03, the stream's path added (the cart sheet, as Chromium sends it). Changes: the live page keeps its data after " +
    "its own fetchers' cart, checkout and payment posts (what buying changes for every viewer arrives over the event " +
    "stream; each buyer used to re-read the whole live page after adding and again after checking out); the sheet's " +
    "cart fetcher is not reloaded after a checkout and the sheet reloads it only when it shows it (it was read twice per " +
    "order); the cart loader is one statement; answers that end within their first turn under 1 KB go out whole with a " +
    "Content-Length and uncompressed (server/whole-small-answers.ts: a zlib stream for every 400-byte data answer was " +
    "~0.4 ms and a few hundred KB of garbage); the refusal's product titles in one statement (inlined array parameters). " +
    "One instance, sheet and bare only, 3 rounds at load 2.3–3.0: 93.5 (83.2, 93.5, 94.9, 83.9) vs 256.9 orders/s " +
    "(225.9, 302.7, 256.9, 227.2): 36.4 %, 4.34 ms of app CPU per checkout. Then WEB_CONCURRENCY=2 (ADR 0022): the table above.",
];

/** Where the app's time goes, read from the numbers of 2026-12-03 (kept by hand, like HISTORY). */
export const ANALYSIS: string[] = [
  "The stream's path: a loser's answer is the checkout action's data alone (single fetch, no render, and with",
  "single fetch Remix reloads nothing after a 4xx), about 3 ms of app CPU; a winner's is the action plus one reload of",
  "the root's header. What remains per request is the framework's own cost, spread thin: Remix matching routes four",
  "times a request (compilePath and flattenRoute rebuild every route's pattern each time, ~6 % of the profile), the",
  "Fetch Request and AbortSignal built for every request, turbo-stream, express and the socket writes. One instance",
  "is CPU-bound at ~4–5 ms of app CPU per checkout against the bare handler's ~1 ms; the bare handler is bound by the",
  "flash sale's row lock, not by CPU, so a second bare process would not help it, while a second app instance uses the",
  "second core: 36 % with one instance, 65 % with two.",
  "",
  "Without JavaScript each loser is still the whole checkout page (error summary, the buyer's entries echoed, the",
  "cart, the header) through the action, both loaders, React and gzip: ~15 ms of app CPU per checkout. That path is",
  "for browsers without JavaScript, which cannot play the stream (the player needs it), so a flash sale's rush comes",
  "through the sheet; the forms are the fallback that must work, and they do (0 errors, every loser told sold out),",
  "at 23 % of the bare rate. A lighter sold-out page, or Remix's route matching cached, would be the next levers.",
];

type Machine = { cores: number; node: string; postgres: string; loadEnd: number };

const of = (rounds: SideRound[], side: SideRound["side"]) => rounds.filter((r) => r.side === side);
const cell = (rs: SideRound[], pick: (r: SideRound) => number, d = 1) =>
  rs.length ? `${fmt(median(rs.map(pick)), d)} (${rs.map((r) => fmt(pick(r), d)).join(", ")})` : "—";
const perCheckout = (ms: number | null) => (ms === null ? NaN : ms / VIEWERS);

export function headline(rounds: SideRound[]) {
  const rate = (side: SideRound["side"]) => median(of(rounds, side).map((r) => r.ordersPerSec));
  const [sheet, app, bare] = [rate("sheet"), rate("app"), rate("bare")];
  return { sheet, app, bare, sheetRatio: sheet / bare, ratio: app / bare };
}

/** Per round, a side's orders/s over the bare server's in the same round. */
const perRound = (rounds: SideRound[], side: SideRound["side"]) =>
  of(rounds, side).map((a) => {
    const b = rounds.find((r) => r.side === "bare" && r.round === a.round);
    return b ? `${fmt((a.ordersPerSec / b.ordersPerSec) * 100, 0)} %` : "—";
  });

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
  const sheet = of(rounds, "sheet");
  const app = of(rounds, "app");
  const bare = of(rounds, "bare");
  const row = (label: string, pick: (r: SideRound) => number, d = 1) =>
    `| ${label} | ${cell(sheet, pick, d)} | ${cell(app, pick, d)} | ${cell(bare, pick, d)} |`;
  const counts = (rs: SideRound[]) =>
    `${rs.map((r) => r.ordered).join(", ")} / ${rs.map((r) => r.soldOut).join(", ")} / ${rs.map((r) => r.errors.length).join(", ")} / ${rs.map((r) => r.fiveHundreds).join(", ")}`;
  return [
    "| metric | app, from the stream: the cart sheet (JavaScript) | app, no JavaScript: the forms | bare node:http + `place_order` |",
    "| --- | --- | --- | --- |",
    row("orders/s (orders ÷ wall time of all 500 answers)", (r) => r.ordersPerSec),
    row("orders/s while units lasted (orders ÷ time to the last order's answer)", (r) => (r.ordered / r.soldMs) * 1000),
    row("wall time of the 500 checkouts, ms", (r) => r.wallMs, 0),
    row("last order answered after, ms", (r) => r.soldMs, 0),
    row("latency p50, ms", (r) => r.p50Ms, 0),
    row("latency p95, ms", (r) => r.p95Ms, 0),
    row("server process CPU per checkout, ms", (r) => perCheckout(r.serverCpuMs), 2),
    row("Postgres CPU per checkout, ms", (r) => perCheckout(r.postgresCpuMs), 2),
    `| ordered / sold out / other / 5xx | ${counts(sheet)} | ${counts(app)} | ${counts(bare)} |`,
    `| oversold | ${[sheet, app, bare].map((rs) => rs.map((r) => r.oversold).join(", ")).join(" | ")} |`,
    `| 1-minute load average at the start | ${[sheet, app, bare].map((rs) => rs.map((r) => fmt(r.load, 2)).join(", ")).join(" | ")} |`,
  ];
}

function timingLines(rounds: SideRound[]): string[] {
  const rows = (["sheet", "app"] as const).flatMap((side) => {
    const rs = of(rounds, side).filter((r) => r.timing);
    if (!rs.length) return [];
    const m = (outcome: "ordered" | "sold_out", key: "client" | "total" | "db" | "render" | "statements") =>
      fmt(median(rs.map((r) => r.timing![outcome][key])), key === "statements" ? 0 : 1);
    const line = (label: string, o: "ordered" | "sold_out") =>
      `| ${label} | ${m(o, "client")} | ${m(o, "total")} | ${m(o, "db")} (${m(o, "statements")} statements) | ${m(o, "render")} |`;
    return side === "sheet"
      ? [
          line("sheet: 200, the order placed (then the root's reload)", "ordered"),
          line("sheet: 409 sold out (the action's data only)", "sold_out"),
        ]
      : [line("forms: 302 to the pay page", "ordered"), line("forms: 409 sold out (the checkout page)", "sold_out")];
  });
  if (!rows.length) return [];
  return [
    "The app's own Server-Timing on its answers to the checkout post (median over answers, then over rounds; `total` runs",
    "from the first middleware to the response head, `db` is time in database round trips including the pool wait,",
    "`render` the React render):",
    "",
    "| answer | client latency ms | total ms | db ms | render ms |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
  ];
}

function profileLines(profile: ProfileSummary | null, side: SideRound["side"]): string[] {
  if (!profile) return [];
  const pct = (ms: number) => `${fmt((ms / profile.sampledMs) * 100, 1)} %`;
  const path = side === "sheet" ? "the stream's path, the cart sheet" : "the no-JavaScript forms";
  return [
    `The app under \`node --cpu-prof\` (one more round of ${path}, its timed phase only: ${fmt(profile.sampledMs, 0)} ms sampled), self time by area:`,
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

export function printRounds(rounds: SideRound[], profile: ProfileSummary | null, profileSide: SideRound["side"] = "sheet") {
  for (const line of [...table(rounds), "", ...timingLines(rounds), ...profileLines(profile, profileSide)]) console.log(line);
  const h = headline(rounds);
  console.log(
    `ratio sheet / bare orders/s: ${fmt(h.sheetRatio * 100)} %, forms / bare: ${fmt(h.ratio * 100)} % (target ≥ ${TARGET * 100} %)`,
  );
  for (const p of problems(rounds)) console.log(`FAIL: ${p}`);
}

export function section(
  rounds: SideRound[],
  profile: ProfileSummary | null,
  machine: Machine,
  { pool, instances }: { pool: number; instances: number },
  profileNote: string | null = null,
  profileSide: SideRound["side"] = "sheet",
) {
  const h = headline(rounds);
  const fails = problems(rounds);
  const verdict = (ratio: number) => (ratio >= TARGET && fails.length === 0 ? "met" : "not met");
  const text = [
    `## ${HEADING}`,
    "",
    `\`npm run bench -- flash-http\` (bench/flash-http/), ${new Date().toISOString().slice(0, 16)}Z. Machine: ${machine.cores} cores shared with`,
    `other engineers, Node ${machine.node}, ${machine.postgres}; load average per round in the table (${fmt(machine.loadEnd, 2)} at the end).`,
    "",
    `Method: the app as \`npm start\` runs it (server/index.ts on the production build, its own processes: WEB_CONCURRENCY=${instances},`,
    `${instances > 1 ? "one instance per core" : "one instance"}, pool ${pool} each, CPU summed over them); the`,
    `host starts a flash sale of ${UNITS} units on the pinned product through \`startFlashSale\`; ${VIEWERS} new visitors each GET the`,
    "live page and put one in their cart (untimed), then, timed, all check out at once (one connection each, keep-alive).",
    "Two clients, the requests captured from Chromium on the live page:",
    "- **from the stream (the cart sheet)**, as a viewer of the video buys, with JavaScript: POST /cart.data from the pinned",
    "  card's fetcher and the root's reload after it; timed: POST /checkout.data (`enhanced=1`) from the sheet's details",
    "  form — 200 with the order's pay URL counts as ordered, 409 with the sold-out refusal as sold out — and, after an",
    "  order, the one reload Remix asks for (the root's header: GET /live/….data?_routes=root; none after a 4xx). The",
    "  buyer's latency is the checkout answer; the wall time includes the reloads.",
    "- **without JavaScript (the forms)**: POST /cart from the add form (Origin and Referer as Chromium sends them; the",
    "  visitor cookie comes with that answer); timed: POST /checkout with the details form — 302 to /pay/… (not followed)",
    "  counts as ordered, 409 with the sold-out message on the rendered checkout page as sold out.",
    "",
    "Anything else is an error.",
    `Baseline: a bare node:http server (bench/flash-http/bare-server.ts, its own process, pg pool ${pool * instances}: as many connections`,
    "as the app's instances together) that reads the form and",
    "the cookie and runs exactly the app's order transaction: `public.place_order` after `set_config('role', 'anon')` and",
    "the visitor claim, in one simple-query message (as the app's `atomicAs`); its buyers fill their carts through the app's",
    "/cart too, so every side checks out the same carts against the same function. A warm-up round is not counted; then",
    `${of(rounds, "bare").length} rounds, each side going first in turn; median, each round in brackets.`,
    "",
    ...table(rounds),
    "",
    `Orders/s from the stream (sheet) / bare: **${fmt(h.sheetRatio * 100)} %** (per round: ${perRound(rounds, "sheet").join(", ")}; target ≥ ${TARGET * 100} %) — ${verdict(h.sheetRatio)}.`,
    `Orders/s without JavaScript (forms) / bare: **${fmt(h.ratio * 100)} %** (per round: ${perRound(rounds, "app").join(", ")}) — ${verdict(h.ratio)}.`,
    `${fails.length ? `${fails.length} problems` : "0 oversold, 0 × 5xx, every loser told sold out"}.`,
    ...(fails.length ? ["", ...fails.map((p) => `- FAIL: ${p}`)] : []),
    "",
    ...timingLines(rounds),
    ...profileLines(profile, profileSide),
    ...(profileNote ? [`No CPU profile this run: ${profileNote}.`, ""] : []),
    "Where the time goes:",
    "",
    ...ANALYSIS,
    "",
    ...(HISTORY.length ? ["History:", "", ...HISTORY.map((l) => `- ${l}`), ""] : []),
  ].join("\n");
  return { text, failed: fails.length > 0 };
}
