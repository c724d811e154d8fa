import { Worker } from "node:worker_threads";
import type { Database, Queryable, Row, Statement } from "./database.server";
import {
  fromThreadError,
  type ThreadAnswer,
  type ThreadError,
  type ThreadRequest,
  type ThreadStart,
} from "./pglite-thread-protocol.server";

// The embedded database in a thread of its own (ADR 0024). PGlite runs Postgres compiled to
// WASM on whichever thread calls it; on the server's thread every statement's planning and
// execution stalled rendering for everyone (pages ran at ~40–65 % of their data-free twin).
// Here the server's thread only posts messages: the same port, the same statements, the same
// one backend (transactions still run one at a time, in the order they begin).

type Pending = { resolve: (value: ThreadAnswer & { ok: true }) => void; reject: (error: Error) => void };
type Distributive<T> = T extends unknown ? Omit<T, "id"> : never;

const threadEntry = new URL("./pglite-thread.server.ts", import.meta.url).href;

// The thread runs TypeScript (it reuses the in-process adapter). Workers do not take
// tsx's loader from this process's --import (Node 20), so the thread registers it first.
const threadBoot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(threadEntry)}); })`;

export async function openPgliteInWorker(start: ThreadStart): Promise<Database> {
  const worker = new Worker(threadBoot, { eval: true, workerData: start });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let nextTx = 1;
  let stopped: Error | undefined;

  // A waiting call keeps the process alive (a script awaiting its last statement); an idle
  // thread does not keep a finished process from exiting.
  const refresh = () => (pending.size ? worker.ref() : worker.unref());

  await new Promise<void>((resolve, reject) => {
    worker.once("message", (first: { ready: boolean; error?: ThreadError }) =>
      first.ready
        ? resolve()
        : reject(fromThreadError(first.error ?? { name: "Error", message: "the embedded database did not start", fields: {} })),
    );
    worker.once("error", reject);
  });

  worker.on("message", (answer: ThreadAnswer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    refresh();
    if (answer.ok) waiting.resolve(answer);
    else waiting.reject(fromThreadError(answer.error));
  });
  const stop = (error: Error) => {
    stopped = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on("error", (error) => stop(new Error(`the embedded database stopped: ${error.message}`)));
  worker.on("exit", (code) => stop(new Error(`the embedded database's thread exited (code ${code})`)));
  refresh();

  const call = (request: Distributive<ThreadRequest>) =>
    new Promise<ThreadAnswer & { ok: true }>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      refresh();
      worker.postMessage({ ...request, id });
    });

  const queryable = (tx?: number): Queryable => ({
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const { value } = await call({ op: "query", sql, params, tx });
      return value as { rows: T[]; rowCount: number };
    },
    async exec(sql: string) {
      await call({ op: "exec", sql, tx });
    },
  });

  return {
    kind: "pglite",
    ...queryable(),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, prelude: Statement[] = []) {
      const tx = nextTx++;
      await call({ op: "begin", tx, prelude });
      let result: T;
      try {
        result = await fn(queryable(tx));
      } catch (error) {
        await call({ op: "end", tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await call({ op: "end", tx, commit: true });
      return result;
    },
    async atomic(statements) {
      const { value } = await call({ op: "atomic", statements });
      return value as Row[][];
    },
    async close() {
      if (stopped) return;
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      await call({ op: "close" });
      await exited;
    },
  };
}
