import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable, Row } from "./database.server";
import { PG_TYPE_OIDS, parseInt8 } from "./database.server";

type PGliteLike = Pick<PGlite, "query" | "exec">;

function wrap(q: PGliteLike): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const result = await q.query<T>(sql, params);
      // PGlite reports affectedRows 0 for SELECT; node-postgres counts the rows returned.
      return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

export const pgliteParsers = { [PG_TYPE_OIDS.int8]: (value: string) => parseInt8(value) };

/** Wraps an open PGlite instance (tests hand in one loaded from a snapshot). */
export function pgliteDatabase(pg: PGlite): Database {
  const base = wrap(pg);
  return {
    kind: "pglite",
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // In-process: no round trips to save, so a plain transaction.
    atomic: (statements) =>
      pg.transaction(async (tx) => {
        const results = [];
        for (const s of statements) results.push((await tx.query<Row>(s.sql, s.params ?? [])).rows);
        return results;
      }),
    close: () => pg.close(),
  };
}

/** Opens (and on first use initialises) a PGlite data directory; undefined = in memory. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pg = await PGlite.create(dataDir, { parsers: pgliteParsers });
  return pgliteDatabase(pg);
}
