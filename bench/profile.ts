import type { Database, Queryable } from "~/db/database.server";
import { withRole, actingAs } from "~/db/request-role.server";
import { hashToken } from "~/http/visitor.server";
import { addToCart } from "~/models/cart.server";
import { placeOrder } from "~/models/order.server";
import { BUYERS, DETAILS, PRODUCT, STOCK, type BaselineRound, type OursRound } from "./flash-sale";
import { fmt, median, medianOf } from "./stats";

// Where the time goes. Run after the timed rounds so it cannot disturb them.
// 1. One checkout alone (no contention) vs one bare UPDATE alone: the fixed cost per call.
// 2. From the timed rounds: how long the 200 units took to go (every winner queues on the
//    product row's lock) and the tail after that (the losers).

export type Serial = { checkoutMs: number; updateMs: number; roundTrips: number };

/** Counts the statements a transaction sends, begin and commit included: its round trips. */
function counting(db: Database, counter: { n: number }): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => (counter.n++, q.query(sql, params)),
    exec: (sql) => (counter.n++, q.exec(sql)),
  });
  return {
    ...db,
    ...wrap(db),
    transaction: (fn) => ((counter.n += 2), db.transaction((tx) => fn(wrap(tx)))),
    atomic: (statements) => (counter.n++, db.atomic(statements)),
  };
}

const SERIAL_RUNS = 30;

export async function serialProbe(db: Database): Promise<Serial> {
  const visitors = Array.from({ length: SERIAL_RUNS }, (_, n) => hashToken(`bench-serial-buyer-${n}`));
  await db.query("update public.product_stock set stock = $2 where product_id = $1", [PRODUCT, 10 * SERIAL_RUNS]);
  for (const visitor of visitors) {
    await withRole(db, { role: "anon", claims: { visitor } }, (tx) => addToCart(tx, visitor, { productId: PRODUCT, quantity: 1 }));
  }
  const checkout: number[] = [];
  const sent = { n: 0 };
  for (const [n, visitor] of visitors.entries()) {
    const t0 = performance.now();
    await placeOrder(actingAs(counting(db, sent), { role: "anon", claims: { visitor } }), {
      ...DETAILS,
      contactPhone: `137${String(n).padStart(8, "0")}`,
      locale: "zh-CN",
      reservationMinutes: 15,
    });
    checkout.push(performance.now() - t0);
  }
  const update: number[] = [];
  for (let n = 0; n < SERIAL_RUNS; n++) {
    const t0 = performance.now();
    await db.query("update public.product_stock set stock = stock - 1 where product_id = $1 and stock > 0", [PRODUCT]);
    update.push(performance.now() - t0);
  }
  return { checkoutMs: median(checkout), updateMs: median(update), roundTrips: sent.n / SERIAL_RUNS };
}

/** Medians of the phases of the timed rounds. */
export function phases(ours: OursRound[], baseline: BaselineRound[]) {
  const oursSold = medianOf(ours, (r) => r.soldMs);
  const baseSold = medianOf(baseline, (r) => r.soldMs);
  return {
    oursSold,
    oursTail: medianOf(ours, (r) => r.wallMs - r.soldMs),
    oursPerUnit: oursSold / STOCK,
    baseSold,
    baseTail: medianOf(baseline, (r) => r.wallMs - r.soldMs),
    basePerUnit: baseSold / STOCK,
    oursCpu: medianOf(ours, (r) => r.cpuPerAttemptMs ?? NaN),
    baseCpu: medianOf(baseline, (r) => r.cpuPerAttemptMs ?? NaN),
  };
}

export function phaseLines(ours: OursRound[], baseline: BaselineRound[], serial: Serial): string[] {
  const p = phases(ours, baseline);
  return [
    `one call alone (median of ${SERIAL_RUNS}): checkout ${fmt(serial.checkoutMs, 2)} ms (${serial.roundTrips} round trips, begin to commit) ` +
      `vs bare UPDATE ${fmt(serial.updateMs, 2)} ms (1 round trip, autocommit)`,
    `under load, ours: the ${STOCK} units went in ${fmt(p.oursSold, 0)} ms (${fmt(p.oursPerUnit, 2)} ms per order, one at a time on the row lock), ` +
      `then ${fmt(p.oursTail, 0)} ms for the remaining sold-out answers`,
    `under load, baseline: the ${STOCK} units went in ${fmt(p.baseSold, 0)} ms (${fmt(p.basePerUnit, 2)} ms each), ` +
      `then ${fmt(p.baseTail, 0)} ms for the ${BUYERS - STOCK} no-op updates`,
    `CPU (Postgres backends + Node) per attempt: ours ${fmt(p.oursCpu, 2)} ms, baseline ${fmt(p.baseCpu, 2)} ms ` +
      `(× ${BUYERS} attempts ÷ cores = the least wall time a round can take)`,
  ];
}

/** The one sentence for the docs, with this run's numbers in it. */
export function costSentence(ours: OursRound[], baseline: BaselineRound[], serial: Serial, cores: number): string {
  const p = phases(ours, baseline);
  const wall = medianOf(ours, (r) => r.wallMs);
  const cpu = Number.isFinite(p.oursCpu)
    ? `CPU, not waiting: a checkout costs ${fmt(p.oursCpu, 1)} ms of CPU (Postgres + Node) against ${fmt(p.baseCpu, 1)} ms ` +
      `for a bare UPDATE, so on ${cores} cores a round cannot beat ${fmt((p.oursCpu * BUYERS) / cores, 0)} ms ` +
      `(it took ${fmt(wall, 0)}); `
    : "";
  return (
    `${cpu}that work is ${serial.roundTrips} statements per checkout instead of 1 plus the order and item inserts; the ` +
    `sold-out answers still take ${fmt(p.oursTail, 0)} ms after the last unit went (bare UPDATE: ${fmt(p.baseTail, 0)} ms), and the ${STOCK} winners, each holding the row lock until a COMMIT that needs a ` +
    `round trip to Node, go one at a time at ${fmt(p.oursPerUnit, 1)} ms vs ${fmt(p.basePerUnit, 1)} ms.`
  );
}
