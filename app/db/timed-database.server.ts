import { recordDbTime } from "~/observability/request-context.server";
import type { Database, Queryable } from "./database.server";

// The data port, measured: every round trip adds its time to the current request (for
// Server-Timing), whichever adapter is underneath. Outside a request it costs one clock read.
async function timed<T>(run: () => Promise<T>, statements = 1): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    recordDbTime(performance.now() - started, statements);
  }
}

function timedQueryable(inner: Queryable): Queryable {
  return {
    query: (sql, params) => timed(() => inner.query(sql, params)),
    exec: (sql) => timed(() => inner.exec(sql)),
  };
}

export function timedDatabase(inner: Database): Database {
  return {
    kind: inner.kind,
    ...timedQueryable(inner),
    transaction: (fn, prelude) => {
      // BEGIN and the prelude go in one round trip: counted (with the pool wait) once fn starts.
      const started = performance.now();
      return inner.transaction((tx) => {
        if (prelude?.length) recordDbTime(performance.now() - started, prelude.length);
        return fn(timedQueryable(tx));
      }, prelude);
    },
    atomic: (statements) => timed(() => inner.atomic(statements), statements.length),
    close: () => inner.close(),
  };
}
