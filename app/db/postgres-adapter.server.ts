import pg from "pg";
import type { Database, Queryable, Row } from "./database.server";
import { PG_TYPE_OIDS, parseInt8 } from "./database.server";
import { preparedStatementNames } from "./prepared-statements.server";

const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === PG_TYPE_OIDS.int8) return parseInt8;
    return pg.types.getTypeParser(oid, format);
  },
};

type Names = ReturnType<typeof preparedStatementNames>;

function wrap(client: pg.Pool | pg.PoolClient, names: Names): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      // node-postgres prepares a named statement once per connection and remembers it.
      const name = names.nameFor(sql);
      const result = await client.query<T>(name ? { name, text: sql, values: params } : { text: sql, values: params });
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** A parameter as an SQL literal. Only plain values: anything else is a programming error. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`cannot inline non-finite number ${value}`);
    // In parentheses when negative: "$1::int" must cast the number, not negate a cast of it
    // ("-2147483648::int" is out of range).
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === "string") return pg.escapeLiteral(value);
  // A flat array as Postgres's array text ('{"a","b"}'), typed by the statement's cast or the
  // function's parameter, as node-postgres sends an array parameter.
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(",")}}`);
  throw new TypeError(`cannot inline a ${typeof value} parameter`);
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "string") return `"${value.replace(/["\\]/g, "\\$&")}"`;
  throw new TypeError(`cannot inline an array holding a ${Array.isArray(value) ? "nested array" : typeof value}`);
}

/** Replaces $1…$n with literals. The SQL texts are our own constants, with no "$n" inside strings. */
export function inlineParams(sql: string, params: unknown[] = []): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= params.length) throw new RangeError(`no parameter $${n}`);
    return sqlLiteral(params[index]);
  });
}

export function postgresDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types: typeParsers });
  const names = preparedStatementNames();
  // An idle client losing its connection must not crash the process.
  pool.on("error", (error) => console.warn("postgres pool: idle client error", error.message));
  // pool.query() destroys the connection on *any* error (pg-pool releases it with the
  // error), so every sold-out answer would cost a new connection. A server-side error
  // (DatabaseError) leaves the connection healthy: return it to the pool.
  async function onClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (error) {
      if (!(error instanceof pg.DatabaseError)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }
  return {
    kind: "postgres",
    query: (sql, params) => onClient((client) => wrap(client, names).query(sql, params)),
    exec: (sql) => onClient((client) => wrap(client, names).exec(sql)),
    async transaction(fn, prelude = []) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // BEGIN and the prelude (the request's role and claims) in one round trip.
        await client.query(["begin", ...prelude.map((s) => inlineParams(s.sql, s.params))].join(";\n"));
        const result = await fn(wrap(client, names));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async atomic(statements) {
      // Several statements in one simple-query message run as one implicit transaction:
      // all commit together, or an error rolls all back.
      const text = statements.map((s) => inlineParams(s.sql, s.params)).join(";\n");
      const result = (await onClient((client) => client.query(text))) as unknown as pg.QueryResult<Row> | pg.QueryResult<Row>[];
      return (Array.isArray(result) ? result : [result]).map((r) => r.rows);
    },
    close: () => pool.end(),
  };
}
