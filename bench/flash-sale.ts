import type { Database } from "~/db/database.server";
import { withRole, actingAs } from "~/db/request-role.server";
import { hashToken } from "~/http/visitor.server";
import { addToCart } from "~/models/cart.server";
import { CheckoutRefusedError, placeOrder } from "~/models/order.server";
import { ids } from "~/seed/seed.server";
import { startCpuMeter } from "./cpu";
import { percentile } from "./stats";

// The flash-sale scenario of tests/integration/flash-sale.test.ts, timed: one pinned
// product, 200 units, 500 buyers with 1 unit each in their cart, all checking out at once.
// Next to it, the floor Postgres itself sets on this machine: 500 bare autocommit
// decrements of the same row through the same pool.

export const PRODUCT = ids.product("daguliu-rice-5kg");
export const STOCK = 200;
export const BUYERS = 500;

// Same details as tests/support/shopper.ts GOOD_DETAILS (not imported: that module
// pulls in the Remix routes).
export const DETAILS = {
  contactName: "王小明",
  province: "浙江省",
  city: "杭州市",
  district: "西湖区",
  addressLine: "文三路 100 号 2 单元 301",
};

export type Measured = {
  wallMs: number;
  /** when the last successful attempt finished: the time the 200 units took to go */
  soldMs: number;
  attemptsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  latencies: number[];
  /** CPU ms (Postgres backends + Node) per attempt; null when the server is not local */
  cpuPerAttemptMs: number | null;
};

export type OursRound = Measured & {
  ordered: number;
  soldOut: number;
  errors: string[];
  ordersPerSec: number;
  finalStock: number;
  /** order_items quantity this round added for the product (must equal ordered) */
  itemsAdded: number;
  orphanOrders: number;
  oversold: number;
};

export type BaselineRound = Measured & { decremented: number; finalStock: number };

function measure(started: number, ended: number, latencies: number[], successEnds: number[], cpuMs: number | null): Measured {
  const wallMs = ended - started;
  return {
    cpuPerAttemptMs: cpuMs === null ? null : cpuMs / latencies.length,
    wallMs,
    soldMs: successEnds.length ? Math.max(...successEnds) - started : NaN,
    attemptsPerSec: (latencies.length / wallMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    latencies,
  };
}

async function setStock(db: Database, stock: number) {
  await db.query("update public.products set per_buyer_limit = null where id = $1", [PRODUCT]);
  await db.query("update public.product_stock set stock = $2 where product_id = $1", [PRODUCT, stock]);
}

async function stockOf(db: Database): Promise<number> {
  const { rows } = await db.query<{ stock: number }>("select stock from public.product_stock where product_id = $1", [PRODUCT]);
  return rows[0].stock;
}

async function orderedQuantity(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "select coalesce(sum(quantity), 0)::int as n from public.order_items where product_id = $1",
    [PRODUCT],
  );
  return rows[0].n;
}

/** Opens every pooled connection before timing, so neither side pays connection setup. */
export async function warmPool(db: Database, size: number) {
  await Promise.all(Array.from({ length: size }, () => db.query("select pg_sleep(0.05)")));
}

/** Fresh buyers per round (round-tagged visitor tokens), carts filled before timing. */
export async function prepareBuyers(db: Database, round: number): Promise<string[]> {
  const visitors = Array.from({ length: BUYERS }, (_, n) => hashToken(`bench-round-${round}-buyer-${n}`));
  await setStock(db, STOCK); // addToCart refuses a product with no stock left
  const added = await Promise.all(
    visitors.map((visitor) =>
      withRole(db, { role: "anon", claims: { visitor } }, (tx) => addToCart(tx, visitor, { productId: PRODUCT, quantity: 1 })),
    ),
  );
  const refused = added.find((a) => !a.ok);
  if (refused) throw new Error(`could not fill a cart: ${JSON.stringify(refused)}`);
  return visitors;
}

export async function runOurs(db: Database, visitors: string[]): Promise<OursRound> {
  await setStock(db, STOCK);
  const before = await orderedQuantity(db);
  const latencies: number[] = [];
  const successEnds: number[] = [];
  const cpu = await startCpuMeter(db);
  const started = performance.now();
  // Each latency starts at dispatch, so it includes waiting for a pooled connection,
  // as a request would; the baseline is timed the same way.
  const outcomes = await Promise.all(
    visitors.map(async (visitor, n) => {
      const t0 = performance.now();
      try {
        await placeOrder(actingAs(db, { role: "anon", claims: { visitor } }), {
          ...DETAILS,
          contactPhone: `139${String(n).padStart(8, "0")}`,
          locale: "zh-CN",
          reservationMinutes: 15,
        });
        successEnds.push(performance.now());
        return "ordered";
      } catch (error) {
        if (error instanceof CheckoutRefusedError && error.refusal.reason === "sold_out") return "sold_out";
        return `error: ${(error as Error).message}`;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const ended = performance.now();
  const cpuMs = await cpu();

  const ordered = outcomes.filter((o) => o === "ordered").length;
  const orphans = await db.query<{ n: number }>(
    "select count(*)::int as n from public.orders o where not exists (select 1 from public.order_items oi where oi.order_id = o.id)",
  );
  const m = measure(started, ended, latencies, successEnds, cpuMs);
  return {
    ...m,
    ordered,
    soldOut: outcomes.filter((o) => o === "sold_out").length,
    errors: outcomes.filter((o) => o.startsWith("error")),
    ordersPerSec: (ordered / m.wallMs) * 1000,
    finalStock: await stockOf(db),
    itemsAdded: (await orderedQuantity(db)) - before,
    orphanOrders: orphans.rows[0].n,
    oversold: ordered - STOCK,
  };
}

export async function runBaseline(db: Database): Promise<BaselineRound> {
  await setStock(db, STOCK);
  const latencies: number[] = [];
  const successEnds: number[] = [];
  const cpu = await startCpuMeter(db);
  const started = performance.now();
  // db.query goes straight to the pool: one autocommit statement per call.
  const counts = await Promise.all(
    Array.from({ length: BUYERS }, async () => {
      const t0 = performance.now();
      const { rowCount } = await db.query("update public.product_stock set stock = stock - 1 where product_id = $1 and stock > 0", [
        PRODUCT,
      ]);
      latencies.push(performance.now() - t0);
      if (rowCount > 0) successEnds.push(performance.now());
      return rowCount;
    }),
  );
  const ended = performance.now();
  const cpuMs = await cpu();
  return {
    ...measure(started, ended, latencies, successEnds, cpuMs),
    decremented: counts.reduce((a, b) => a + b, 0),
    finalStock: await stockOf(db),
  };
}

/** Problems that make the run a failure (exit code 1). */
export function problemsOf(r: OursRound, round: number): string[] {
  const p: string[] = [];
  if (r.oversold > 0) p.push(`round ${round}: oversold by ${r.oversold}`);
  if (r.finalStock !== 0) p.push(`round ${round}: final stock ${r.finalStock}, expected 0`);
  if (r.errors.length > 0) p.push(`round ${round}: ${r.errors.length} errors, e.g. ${r.errors[0]}`);
  if (r.itemsAdded !== r.ordered) p.push(`round ${round}: ${r.itemsAdded} units in order items vs ${r.ordered} orders`);
  if (r.ordered + r.finalStock !== STOCK) p.push(`round ${round}: ${r.ordered} ordered + ${r.finalStock} left ≠ ${STOCK}`);
  if (r.orphanOrders > 0) p.push(`round ${round}: ${r.orphanOrders} orders without items`);
  return p;
}
