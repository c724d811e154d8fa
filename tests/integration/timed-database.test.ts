import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRole } from "~/db/request-role.server";
import { timedDatabase } from "~/db/timed-database.server";
import { currentRequest, runInRequestContext } from "~/observability/request-context.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// The measured data port on the real database: every round trip of a request, inside or
// outside a transaction, counts towards that request's Server-Timing.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe("timedDatabase", () => {
  it("counts each statement of a request, in transactions too, and answers as the adapter does", async () => {
    const db = timedDatabase(t.db);
    const seen = await runInRequestContext("request-timed-1", async () => {
      const plain = await db.query<{ n: number }>("select count(*)::int as n from public.cooperatives");
      const inTx = await withRole(db, { role: "anon" }, (tx) => tx.query<{ n: number }>("select count(*)::int as n from public.products"));
      const [, atomic] = await db.atomic([{ sql: "select 1 as one" }, { sql: "select 2 as two" }]);
      return { plain: plain.rows[0].n, inTx: inTx.rows[0].n, atomic, context: currentRequest()! };
    });
    expect(seen.plain).toBe(6);
    expect(seen.inTx).toBeGreaterThan(28);
    expect(seen.atomic).toEqual([{ two: 2 }]);
    // 1 plain + (set claims/role + query) in the transaction + 2 atomic statements
    expect(seen.context.dbStatements).toBe(5);
    expect(seen.context.dbMs).toBeGreaterThan(0);
  });
});
