import type { Row, Statement } from "./database.server";

// The messages between the server's thread and the thread that runs the embedded
// database (app/db/pglite-thread.server.ts). A transaction stays open in the database
// thread while the server's thread sends its statements one by one, as with a server.

export type ThreadRequest =
  | { id: number; op: "query"; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: "exec"; sql: string; tx?: number }
  | { id: number; op: "atomic"; statements: Statement[] }
  | { id: number; op: "begin"; tx: number; prelude: Statement[] }
  | { id: number; op: "end"; tx: number; commit: boolean }
  | { id: number; op: "close" };

export type ThreadAnswer =
  { id: number; ok: true; value?: { rows: Row[]; rowCount: number } | Row[][] } | { id: number; ok: false; error: ThreadError };

/** An error as it crosses threads: structured cloning keeps an Error's message, not its fields. */
export type ThreadError = { name: string; message: string; stack?: string; fields: Record<string, string | number> };

/** dataDir: persisted (undefined: in memory); snapshot: a dumped data directory to load (tests). */
export type ThreadStart = { dataDir?: string; snapshot?: Uint8Array<ArrayBuffer> };

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/** The error again, with the driver's fields (code, detail, constraint…) that callers read. */
export function fromThreadError(error: ThreadError): Error {
  const rebuilt = Object.assign(new Error(error.message), error.fields);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
