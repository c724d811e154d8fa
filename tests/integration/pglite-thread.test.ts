import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Database } from "~/db/database.server";
import { openPgliteInWorker } from "~/db/pglite-worker.server";
import { withRole } from "~/db/request-role.server";

// The embedded database in its own thread (what `npm start` runs) answers as the in-process
// adapter does: the same types, driver errors with their fields, transactions that commit,
// roll back and fail at commit, one at a time in the order they begin.
const onPglite = process.env.TEST_DB_KIND !== "postgres";
let db: Database;
beforeAll(async () => {
  if (!onPglite) return;
  db = await openPgliteInWorker({ snapshot: new Uint8Array(await readFile(inject("pgliteSnapshot"))) });
  await db.exec("create table thread_probe (id int primary key, note text not null check (note <> ''))");
});
afterAll(() => db?.close());

describe.runIf(onPglite)("PGlite in its own thread", () => {
  it("returns the adapter's types: int8 as number, numeric as string, timestamptz as Date, arrays, json, bytea", async () => {
    const { rows, rowCount } = await db.query<Record<string, unknown>>(
      `select 9007199254740991::int8 as big, 12.50::numeric as amount, '2026-12-03T00:00:00Z'::timestamptz as at,
              array[1,2]::int[] as list, '{"a":[1]}'::jsonb as doc, '\\x0102'::bytea as bytes, $1::text as param`,
      ["参数 'quoted'"],
    );
    expect(rowCount).toBe(1);
    expect(rows[0]).toMatchObject({ big: 9007199254740991, amount: "12.50", list: [1, 2], doc: { a: [1] }, param: "参数 'quoted'" });
    expect(rows[0].at).toBeInstanceOf(Date);
    expect((rows[0].at as Date).toISOString()).toBe("2026-12-03T00:00:00.000Z");
    expect(Array.from(rows[0].bytes as Uint8Array)).toEqual([1, 2]);
  });

  it("passes the driver's error fields across (code, constraint, detail) so refusals map as before", async () => {
    await db.query("insert into thread_probe values (1, 'one')");
    const duplicate = await db.query("insert into thread_probe values (1, 'again')").catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(Error);
    expect(duplicate).toMatchObject({ code: "23505", constraint: "thread_probe_pkey" });
    expect((duplicate as Error).message).toMatch(/duplicate key/);
    // A refusal raised by a database function with its own SQLSTATE, as place_order does.
    const raised = await db
      .query("do $$ begin raise exception 'sold out' using errcode = 'HL004', detail = 'p1,p2'; end $$")
      .catch((e: unknown) => e);
    expect(raised).toMatchObject({ code: "HL004", detail: "p1,p2", message: "sold out" });
  });

  it("commits a transaction's statements together, and rolls all back when the caller throws", async () => {
    await db.transaction(async (tx) => {
      await tx.query("insert into thread_probe values (2, 'two')");
      await tx.query("insert into thread_probe values (3, 'three')");
    });
    const thrown = await db
      .transaction(async (tx) => {
        await tx.query("insert into thread_probe values (4, 'four')");
        throw new Error("changed my mind");
      })
      .catch((e: unknown) => e);
    expect((thrown as Error).message).toBe("changed my mind");
    // A failing statement the caller does not catch rolls back what came before it.
    const failed = await db
      .transaction(async (tx) => {
        await tx.query("insert into thread_probe values (5, 'five')");
        await tx.query("insert into thread_probe values (6, '')");
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: "23514" });
    const { rows } = await db.query<{ id: number }>("select id from thread_probe order by id");
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it("reports an error raised at commit (a deferred constraint) to the caller", async () => {
    await db.exec(`create table thread_deferred (id int primary key, parent int references thread_deferred deferrable initially deferred)`);
    const atCommit = await db
      .transaction(async (tx) => {
        await tx.query("insert into thread_deferred values (1, 99)");
        return "returned before commit";
      })
      .catch((e: unknown) => e);
    expect(atCommit).toMatchObject({ code: "23503" });
    expect((await db.query("select * from thread_deferred")).rowCount).toBe(0);
  });

  it("runs the role prelude and atomic batches as the in-process adapter does", async () => {
    const seen = await withRole(db, { role: "anon" }, (tx) => tx.query<{ role: string }>("select current_user as role"));
    expect(seen.rows[0].role).toBe("anon");
    const [first, second] = await db.atomic([
      { sql: "select $1::int as n", params: [7] },
      { sql: "select count(*)::int as n from thread_probe" },
    ]);
    expect(first).toEqual([{ n: 7 }]);
    expect(second).toEqual([{ n: 3 }]);
  });

  it("serialises concurrent transactions on the one backend, none lost and none interleaved", async () => {
    await db.exec("create table thread_counter (n int not null); insert into thread_counter values (0)");
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>("select n from thread_counter");
          // Another request's turn of the event loop between read and write: still no lost update.
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          await tx.query("update thread_counter set n = $1", [rows[0].n + 1]);
        }),
      ),
    );
    expect((await db.query<{ n: number }>("select n from thread_counter")).rows[0].n).toBe(20);
  });

  it("refuses statements after close with a clear error", async () => {
    const other = await openPgliteInWorker({});
    await other.close();
    await expect(other.query("select 1")).rejects.toThrow(/embedded database/);
  });
});
