import pg from "pg";
import type { Database, Queryable, Row } from "./database.server";
import { PG_TYPE_OIDS, parseInt8 } from "./database.server";

const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === PG_TYPE_OIDS.int8) return parseInt8;
    return pg.types.getTypeParser(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const result = await client.query<T>(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export function postgresDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types: typeParsers });
  // An idle client losing its connection must not crash the process.
  pool.on("error", (error) => console.warn("postgres pool: idle client error", error.message));
  const base = wrap(pool);
  return {
    kind: "postgres",
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn(wrap(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
