import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable, Row, Statement } from "./database.server";
import { PG_TYPE_OIDS, parseInt8 } from "./database.server";
import { preparedStatementNames } from "./prepared-statements.server";

type PGliteLike = Pick<PGlite, "query" | "exec">;
type Names = ReturnType<typeof preparedStatementNames>;

// PGlite has one backend, so one set of prepared statements for the whole process. Its
// query() plans every call (in WASM: the larger part of a catalogue read) and takes two
// protocol exchanges (describe, then execute), each ~0.4 ms of CPU, where exec() takes one.
// So repeated texts are prepared once (PREPARE) and run with EXECUTE through exec(), their
// parameters passed as quoted literals — the same untyped text a driver sends, so Postgres
// infers the same types; exec() parses rows with the same type parsers as query().
// `claimed`: a PREPARE under way. Others meanwhile run the statement unprepared rather than
// wait for it: the preparer may be inside a transaction that holds PGlite's only backend.
type Prepared = { names: Names; claimed: Set<string>; ready: Set<string> };

const literal = (value: unknown): string | undefined => {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === "number" && Number.isFinite(value)) return `'${value}'`;
  if (typeof value === "boolean") return value ? "'true'" : "'false'";
  return undefined; // arrays, objects, dates: the driver's own serialisation
};

const literals = (params: unknown[]): string[] | undefined => {
  const all = params.map(literal);
  return all.every((l): l is string => l !== undefined) ? all : undefined;
};

/** `sql` with $1…$n replaced by literals (our own constant texts: no "$n" inside strings). */
function inlined(sql: string, params: unknown[]): string | undefined {
  const values = literals(params);
  return values && sql.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1] ?? "NULL");
}

/** The text that runs `statement` in one simple-protocol step, preparing it when it repeats. */
async function simpleText(q: PGliteLike, prepared: Prepared, { sql, params = [] }: Statement): Promise<string | undefined> {
  const values = literals(params);
  if (!values) return undefined;
  const name = prepared.names.nameFor(sql);
  if (!name || (!prepared.ready.has(name) && prepared.claimed.has(name))) return inlined(sql, params);
  if (!prepared.ready.has(name)) {
    prepared.claimed.add(name);
    try {
      await q.exec(`prepare ${name} as ${sql}`);
      prepared.ready.add(name);
    } finally {
      prepared.claimed.delete(name);
    }
  }
  return values.length ? `execute ${name}(${values.join(", ")})` : `execute ${name}`;
}

const toResult = <T>(result: { rows: unknown[]; affectedRows?: number }) => ({
  rows: result.rows as T[],
  // PGlite reports affectedRows 0 for SELECT; node-postgres counts the rows returned.
  rowCount: Math.max(result.affectedRows ?? 0, result.rows.length),
});

/**
 * `takePrelude`: text that must run before this Queryable's first statement (a transaction's
 * role and claims); it goes in the same exec() step as that statement when it can.
 */
function wrap(q: PGliteLike, prepared: Prepared, takePrelude: () => string | undefined = () => undefined): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      // Only repeated statements go the prepared way; a first one keeps the driver's path.
      const name = prepared.names.nameFor(sql);
      const busy = name && !prepared.ready.has(name) && prepared.claimed.has(name);
      const text = name && !busy ? await simpleText(q, prepared, { sql, params }) : undefined;
      const prelude = takePrelude();
      if (text) {
        const results = await q.exec(prelude ? `${prelude};\n${text}` : text);
        return toResult<T>(results[results.length - 1]);
      }
      if (prelude) await q.exec(prelude);
      return toResult<T>(await q.query<T>(sql, params));
    },
    async exec(sql: string) {
      const prelude = takePrelude();
      await q.exec(prelude ? `${prelude};\n${sql}` : sql);
    },
  };
}

export const pgliteParsers = { [PG_TYPE_OIDS.int8]: (value: string) => parseInt8(value) };

/** Wraps an open PGlite instance (tests hand in one loaded from a snapshot). */
export function pgliteDatabase(pg: PGlite): Database {
  const prepared: Prepared = { names: preparedStatementNames(), claimed: new Set(), ready: new Set() };
  const base = wrap(pg, prepared);
  const inTransaction = <T>(fn: (tx: Queryable) => Promise<T>, prelude: Statement[] = []) =>
    pg.transaction(async (raw) => {
      // The prelude (role and claims) rides with the transaction's first statement: one exec()
      // step fewer (each costs ~0.1 ms of WASM protocol work, a page's transaction has 3–5).
      const texts = prelude.map((s) => inlined(s.sql, s.params ?? []));
      const inline = texts.every((t) => t !== undefined);
      let pending = inline && texts.length ? texts.join(";\n") : undefined;
      const tx = wrap(raw, prepared, () => {
        const text = pending;
        pending = undefined;
        return text;
      });
      if (!inline) for (const s of prelude) await wrap(raw, prepared).query(s.sql, s.params ?? []);
      return fn(tx);
    });
  return {
    kind: "pglite",
    ...base,
    transaction: inTransaction,
    // One exec() of all the statements: an implicit transaction, like a server's simple
    // query. Statements with parameters a literal cannot carry run in a plain transaction.
    atomic: async (statements) => {
      const texts = [];
      for (const s of statements) texts.push(await simpleText(pg, prepared, s));
      if (texts.every((t) => t !== undefined)) return (await pg.exec(texts.join(";\n"))).map((r) => r.rows as Row[]);
      return inTransaction(async (tx) => {
        const results = [];
        for (const s of statements) results.push((await tx.query<Row>(s.sql, s.params ?? [])).rows);
        return results;
      });
    },
    close: () => pg.close(),
  };
}

/** Opens (and on first use initialises) a PGlite data directory; undefined = in memory. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pg = await PGlite.create(dataDir, { parsers: pgliteParsers });
  return pgliteDatabase(pg);
}
