import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database.server";
import { pgliteDatabase, pgliteParsers } from "./pglite-adapter.server";
import { toThreadError, type ThreadAnswer, type ThreadRequest, type ThreadStart } from "./pglite-thread-protocol.server";

// The embedded database's own thread: PGlite (Postgres compiled to WASM) and the in-process
// adapter run here, so planning and executing SQL no longer take turns with rendering pages
// on the server's thread. See app/db/pglite-worker.server.ts for the other end.

if (!parentPort) throw new Error("pglite-thread.server.ts runs as a worker thread");
const port = parentPort;

const start = workerData as ThreadStart;
const reply = (answer: ThreadAnswer) => port.postMessage(answer);
const fail = (id: number, error: unknown) => reply({ id, ok: false, error: toThreadError(error) });

/** An open transaction: its statements arrive one by one until "end". */
type OpenTransaction = { run: (request: ThreadRequest) => void };
const transactions = new Map<number, OpenTransaction>();

// Thrown inside PGlite's transaction callback to roll it back when the server's side asks to.
class RollbackRequested extends Error {}

function openTransaction(db: Database, request: Extract<ThreadRequest, { op: "begin" }>) {
  let endId: number | undefined;
  let next: ((request: ThreadRequest) => void) | undefined;
  const queue: ThreadRequest[] = [];
  transactions.set(request.tx, {
    run(r) {
      if (next) next(r);
      else queue.push(r);
    },
  });
  const nextRequest = () =>
    new Promise<ThreadRequest>((resolve) => {
      const queued = queue.shift();
      if (queued) resolve(queued);
      else
        next = (r) => {
          next = undefined;
          resolve(r);
        };
    });
  const serve = async (tx: Queryable) => {
    reply({ id: request.id, ok: true });
    for (;;) {
      const r = await nextRequest();
      if (r.op === "end") {
        endId = r.id;
        if (!r.commit) throw new RollbackRequested();
        return;
      }
      try {
        if (r.op === "query") reply({ id: r.id, ok: true, value: await tx.query(r.sql, r.params) });
        else if (r.op === "exec") {
          await tx.exec(r.sql);
          reply({ id: r.id, ok: true });
        } else fail(r.id, new Error(`${r.op} inside a transaction`));
      } catch (error) {
        fail(r.id, error);
      }
    }
  };
  db.transaction(serve, request.prelude).then(
    () => {
      transactions.delete(request.tx);
      reply({ id: endId ?? request.id, ok: true });
    },
    (error: unknown) => {
      transactions.delete(request.tx);
      // Before the callback ran (BEGIN or the prelude failed) the error answers "begin";
      // after, it answers "end" (a failed commit, say); a requested rollback is no error.
      if (endId === undefined) fail(request.id, error);
      else if (error instanceof RollbackRequested) reply({ id: endId, ok: true });
      else fail(endId, error);
    },
  );
}

async function main() {
  const pg = await PGlite.create(start.dataDir, {
    parsers: pgliteParsers,
    ...(start.snapshot ? { loadDataDir: new Blob([start.snapshot]) } : {}),
  });
  const db = pgliteDatabase(pg);
  port.on("message", (request: ThreadRequest) => {
    if ("tx" in request && request.tx !== undefined && request.op !== "begin") {
      const open = transactions.get(request.tx);
      if (open) open.run(request);
      else fail(request.id, new Error("the transaction has already ended"));
      return;
    }
    switch (request.op) {
      case "query":
        db.query(request.sql, request.params).then(
          (value) => reply({ id: request.id, ok: true, value }),
          (e: unknown) => fail(request.id, e),
        );
        return;
      case "exec":
        db.exec(request.sql).then(
          () => reply({ id: request.id, ok: true }),
          (e: unknown) => fail(request.id, e),
        );
        return;
      case "atomic":
        db.atomic(request.statements).then(
          (value) => reply({ id: request.id, ok: true, value }),
          (e: unknown) => fail(request.id, e),
        );
        return;
      case "begin":
        openTransaction(db, request);
        return;
      case "close":
        db.close().then(
          () => {
            reply({ id: request.id, ok: true });
            port.close();
          },
          (e: unknown) => fail(request.id, e),
        );
        return;
      default:
        fail((request as { id: number }).id, new Error("unknown request"));
    }
  });
  port.postMessage({ ready: true });
}

main().catch((error: unknown) => port.postMessage({ ready: false, error: toThreadError(error) }));
