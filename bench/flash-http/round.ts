import type { Database } from "~/db/database.server";
import { withRole, type RequestIdentity } from "~/db/request-role.server";
import { endFlashSale, startFlashSale } from "~/models/flash-sale.server";
import { ids } from "~/seed/seed.server";
import { percentile } from "../stats";
import { BROWSER, FETCHER, browserAgent, cookieHeader, cookiesSet, inBatches, send, serverTiming, textOf, type Answer } from "./browser";
import { cpuMsOf, treeCpuMs } from "./servers";
import type http from "node:http";

// One side of one round: the host starts a flash sale of UNITS units on the pinned product,
// VIEWERS new visitors put one in their cart from the live page (untimed), then all of them
// check out at once against `target` (the app, or the bare server) — the timed part.

export const LIVE = ids.session("liujiawobao-autumn-harvest-live");
export const HOST: RequestIdentity = { role: "authenticated", userId: ids.user("host@liujiawobao.demo") };
export const VIEWERS = Number(process.env.BENCH_FLASH_HTTP_VIEWERS ?? 500);
export const UNITS = 200;
const PREP_CONCURRENCY = 25;

/** "app": no JavaScript (the live page's add form, then the checkout page's form); "sheet": the
 * same app as a viewer of the video buys, with JavaScript (the pinned card's fetcher, then the
 * cart sheet's checkout fetcher and the loaders Remix reloads after it); "bare": the baseline. */
export type Side = "app" | "sheet" | "bare";
export const onApp = (side: Side) => side !== "bare";
export type Viewer = { cookie: string; phone: string };
export type Outcome = "ordered" | "sold_out" | "error";

export type SideRound = {
  side: Side;
  round: number;
  load: number;
  wallMs: number;
  /** when the last order's answer arrived */
  soldMs: number;
  ordered: number;
  soldOut: number;
  errors: string[];
  fiveHundreds: number;
  ordersPerSec: number;
  p50Ms: number;
  p95Ms: number;
  /** orders the database holds for this round's sale, minus the units offered (> 0: oversold) */
  oversold: number;
  dbOrdered: number;
  /** CPU ms during the timed phase: the server process, and the bench database's Postgres backends */
  serverCpuMs: number | null;
  postgresCpuMs: number | null;
  /** app only: Server-Timing per outcome, medians (ms) */
  timing?: Record<"ordered" | "sold_out", { db: number; total: number; render: number; statements: number; client: number }>;
  /** monotonic µs of the timed phase, for the CPU profile */
  windowUs: { fromUs: number; toUs: number };
};

export type Setup = { db: Database; product: string; productTitle: string; flashPriceFen: number; appOrigin: string };

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** CPU of the bench database's backends over a phase; a backend that opened meanwhile counts from its start. */
async function postgresCpuMs(db: Database): Promise<() => Promise<number | null>> {
  const backends = async () =>
    (
      await db.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'",
      )
    ).rows.map((r) => r.pid);
  const before = new Map<number, number>();
  for (const pid of await backends()) {
    const ms = await cpuMsOf(pid);
    if (ms !== null) before.set(pid, ms);
  }
  return async () => {
    let total = 0;
    for (const pid of await backends()) {
      const ms = await cpuMsOf(pid);
      if (ms === null) return null;
      total += ms - (before.get(pid) ?? 0);
    }
    return total;
  };
}

/**
 * GET the live page, then add one unit from it: as the no-JS form does (POST /cart, not
 * following its redirect), or as the pinned card's fetcher does (POST /cart.data, then the
 * root loader's reload that Remix asks for after it).
 */
async function prepareViewers(s: Setup, agent: http.Agent, round: number, side: Side): Promise<Viewer[]> {
  const live = `${s.appOrigin}/live/${LIVE}`;
  const fields = { intent: "add", productId: s.product, returnTo: `/live/${LIVE}`, liveSessionId: LIVE };
  const form = new URLSearchParams(side === "sheet" ? { ...fields, enhanced: "1", quantity: "1" } : { ...fields, quantity: "1" });
  return inBatches(
    Array.from({ length: VIEWERS }, (_, i) => i),
    PREP_CONCURRENCY,
    async (i) => {
      const jar: Record<string, string> = {};
      // The bare side's buyers need only the cart (the page is the app's work, and untimed).
      if (onApp(side)) {
        const page = await send(agent, live, "GET", BROWSER);
        if (page.status !== 200) throw new Error(`GET ${live}: ${page.status}`);
        Object.assign(jar, cookiesSet(page));
      }
      const added = await send(
        agent,
        `${s.appOrigin}/cart${side === "sheet" ? ".data" : ""}`,
        "POST",
        {
          ...(side === "sheet" ? FETCHER : BROWSER),
          "content-type": "application/x-www-form-urlencoded",
          origin: s.appOrigin,
          referer: live,
          cookie: cookieHeader(jar),
        },
        form.toString(),
      );
      Object.assign(jar, cookiesSet(added));
      if (added.status !== (side === "sheet" ? 200 : 302) || !jar.hl_visitor)
        throw new Error(`POST /cart: ${added.status}, cookies ${Object.keys(jar).join(",") || "none"}`);
      if (side === "sheet") {
        const header = await send(agent, `${live}.data?_routes=root`, "GET", { ...FETCHER, referer: live, cookie: cookieHeader(jar) });
        if (header.status !== 200) throw new Error(`GET ${live}.data?_routes=root: ${header.status}`);
      }
      // round and side in the phone: distinct buyers, so no per-buyer limit could ever bite
      return {
        cookie: cookieHeader(jar),
        phone: `13${{ app: 5, sheet: 7, bare: 6 }[side]}${String(round % 100).padStart(2, "0")}${String(i).padStart(6, "0")}`,
      };
    },
  );
}

function classify(answer: Answer, title: string, side: Side): Outcome | string {
  const location = answer.headers.location ?? "";
  if (side === "sheet") {
    // Single fetch's turbo-stream: the action's data as the sheet reads it.
    const body = textOf(answer);
    if (answer.status === 200 && body.includes('"kind","placed"') && body.includes('"/pay/')) return "ordered";
    if (answer.status === 409 && body.includes('"reason","sold_out"') && body.includes(JSON.stringify(title))) return "sold_out";
  } else {
    if (answer.status === 302 && location.startsWith("/pay/")) return "ordered";
    if (answer.status === 409 && textOf(answer).includes(`抱歉，已售罄：${title}`)) return "sold_out";
  }
  return `HTTP ${answer.status}${location ? ` → ${location}` : ""}: ${textOf(answer).slice(0, 120).replace(/\s+/g, " ")}`;
}

const median = (xs: number[]) => percentile(xs, 50);

export async function runSide(s: Setup, side: Side, target: string, serverPid: number, round: number, load: number): Promise<SideRound> {
  const started = await withRole(s.db, HOST, (tx) =>
    startFlashSale(tx, LIVE, { productId: s.product, priceFen: s.flashPriceFen, units: UNITS, perBuyerLimit: null, durationSeconds: 1800 }),
  );
  if (!started.ok) throw new Error(`start_flash_sale: ${started.reason}`);
  const sale = started.flashSaleId;
  const agent = browserAgent();
  try {
    const viewers = await prepareViewers(s, agent, round, side);
    const tagged = await s.db.query<{ n: number }>("select count(*)::int as n from public.cart_items where flash_sale_id = $1", [sale]);
    if (tagged.rows[0].n !== VIEWERS) throw new Error(`${tagged.rows[0].n} of ${VIEWERS} cart lines carry the flash sale`);

    // The bare server's pool idles out during the cart phase (pg's 10 s), the app's is in use up to here.
    if (side === "bare") await send(agent, `${target}/warm`, "GET", BROWSER);
    const pgCpu = await postgresCpuMs(s.db);
    const serverBefore = await treeCpuMs(serverPid);
    const fromUs = nowUs();
    const t0 = performance.now();
    const live = `${target}/live/${LIVE}`;
    const failed = (error: Error) =>
      ({ status: 0, headers: {}, raw: Buffer.from(error.message), ms: performance.now() - t0, endedAt: performance.now() }) as Answer;
    // One buyer: the details form posted (the buyer waits for this answer), then, in the sheet,
    // what Remix reloads after an action that succeeded (the root's loader, for the header's
    // cart count; nothing after a 4xx) — part of the server's work, so part of the wall time.
    const checkout = async (v: Viewer): Promise<Answer> => {
      const sheet = side === "sheet";
      const answer = await send(
        agent,
        `${target}/checkout${sheet ? ".data" : ""}`,
        "POST",
        {
          ...(sheet ? FETCHER : BROWSER),
          "content-type": "application/x-www-form-urlencoded",
          origin: target,
          referer: sheet ? live : `${target}/checkout`,
          cookie: v.cookie,
        },
        new URLSearchParams({
          intent: "place-order",
          ...(sheet ? { enhanced: "1" } : {}),
          contactName: "王小明",
          contactPhone: v.phone,
          province: "浙江省",
          city: "杭州市",
          district: "西湖区",
          addressLine: "文三路 100 号 2 单元 301",
        }).toString(),
      ).catch(failed);
      if (sheet && answer.status > 0 && answer.status < 400) {
        const reload = { ...FETCHER, referer: live, cookie: v.cookie };
        const header = await send(agent, `${live}.data?_routes=root`, "GET", reload).catch(failed);
        if (header.status !== 200)
          return { ...answer, status: header.status || 599, raw: Buffer.from(`the reload after the order answered ${header.status}`) };
      }
      return answer;
    };
    const answers = await Promise.all(viewers.map(checkout));
    const wallMs = performance.now() - t0;
    const toUs = nowUs();
    const serverAfter = await treeCpuMs(serverPid);
    const postgresCpu = await pgCpu();

    const outcomes = answers.map((a) => classify(a, s.productTitle, side));
    const ordered = answers.filter((_, i) => outcomes[i] === "ordered");
    const { rows } = await s.db.query<{ n: number }>("select count(*)::int as n from public.order_items where flash_sale_id = $1", [sale]);
    const dbOrdered = rows[0].n;
    const result: SideRound = {
      side,
      round,
      load,
      wallMs,
      soldMs: ordered.length ? Math.max(...ordered.map((a) => a.endedAt)) - t0 : NaN,
      ordered: ordered.length,
      soldOut: outcomes.filter((o) => o === "sold_out").length,
      errors: outcomes.filter((o) => o !== "ordered" && o !== "sold_out"),
      fiveHundreds: answers.filter((a) => a.status >= 500).length,
      ordersPerSec: (ordered.length / wallMs) * 1000,
      p50Ms: percentile(
        answers.map((a) => a.ms),
        50,
      ),
      p95Ms: percentile(
        answers.map((a) => a.ms),
        95,
      ),
      oversold: dbOrdered - UNITS,
      dbOrdered,
      serverCpuMs: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
      postgresCpuMs: postgresCpu,
      windowUs: { fromUs, toUs },
    };
    if (onApp(side)) {
      const of = (outcome: "ordered" | "sold_out") => {
        const picked = answers.filter((_, i) => outcomes[i] === outcome);
        const timings = picked.map(serverTiming);
        const m = (name: string) => median(timings.map((t) => t[name] ?? 0));
        return {
          db: m("db"),
          total: m("total"),
          render: m("render"),
          statements: m("statements"),
          client: median(picked.map((a) => a.ms)),
        };
      };
      result.timing = { ordered: of("ordered"), sold_out: of("sold_out") };
    }
    return result;
  } finally {
    agent.destroy();
    // A sale that did not sell out (a failed round) must not stay open for the next one.
    await withRole(s.db, HOST, (tx) => endFlashSale(tx, LIVE));
  }
}
