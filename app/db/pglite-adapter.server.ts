import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable, Row, Statement } from "./database.server";
import { PG_TYPE_OIDS, parseInt8 } from "./database.server";
import { preparedStatementNames } from "./prepared-statements.server";

type PGliteLike = Pick<PGlite, "query" | "exec">;
type Names = ReturnType<typeof preparedStatementNames>;

// PGlite has one backend, so one set of prepared statements for the whole process. Its
// query() plans every call (in WASM: the larger part of a catalogue read), so repeated
// texts are prepared once with PREPARE and run with EXECUTE, their parameters passed as
// quoted literals — the same untyped text a driver sends, so Postgres infers the same types.
type Prepared = { names: Names; ready: Set<string> };

const literal = (value: unknown): string | undefined => {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === "number" && Number.isFinite(value)) return `'${value}'`;
  if (typeof value === "boolean") return value ? "'true'" : "'false'";
  return undefined; // arrays, objects, dates: the driver's own serialisation
};

function executeText(name: string, params: unknown[]): string | undefined {
  const literals = params.map(literal);
  if (literals.some((l) => l === undefined)) return undefined;
  return literals.length ? `execute ${name}(${literals.join(", ")})` : `execute ${name}`;
}

function wrap(q: PGliteLike, prepared: Prepared): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const name = prepared.names.nameFor(sql);
      const execute = name ? executeText(name, params) : undefined;
      if (name && execute) {
        if (!prepared.ready.has(name)) {
          await q.exec(`prepare ${name} as ${sql}`);
          prepared.ready.add(name);
        }
      }
      const result = execute && name && prepared.ready.has(name) ? await q.query<T>(execute) : await q.query<T>(sql, params);
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
  const prepared: Prepared = { names: preparedStatementNames(), ready: new Set() };
  const base = wrap(pg, prepared);
  const inTransaction = <T>(fn: (tx: Queryable) => Promise<T>, prelude: Statement[] = []) =>
    pg.transaction(async (raw) => {
      const tx = wrap(raw, prepared);
      for (const s of prelude) await tx.query(s.sql, s.params ?? []);
      return fn(tx);
    });
  return {
    kind: "pglite",
    ...base,
    transaction: inTransaction,
    // In-process: no round trips to save, so a plain transaction.
    atomic: (statements) =>
      inTransaction(async (tx) => {
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
