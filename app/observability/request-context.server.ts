import { AsyncLocalStorage } from "node:async_hooks";

// What one request has done so far, wherever in the call stack we are: its id (for the
// logs and the X-Request-Id header) and the time it spent waiting on the database (for
// Server-Timing). Kept in AsyncLocalStorage, so no module state is shared between requests.
export type RequestContext = { id: string; startedAt: number; dbMs: number; dbStatements: number; memo?: Map<string, Promise<unknown>> };

// One store per process, even though this module exists twice in production (the server
// entry imports it from source, the Remix build bundles its own copy): keep it on globalThis.
const STORE_KEY = Symbol.for("harvest-live.request-context");
const storage: AsyncLocalStorage<RequestContext> = ((globalThis as Record<symbol, unknown>)[STORE_KEY] ??=
  new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;

export function runInRequestContext<T>(id: string, fn: () => T): T {
  return storage.run({ id, startedAt: performance.now(), dbMs: 0, dbStatements: 0 }, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Counts a database round trip against the current request (outside a request: nothing). */
export function recordDbTime(ms: number, statements = 1): void {
  const context = storage.getStore();
  if (!context) return;
  context.dbMs += ms;
  context.dbStatements += statements;
}

/** The Server-Timing entries for the request so far (db time and count, total). */
export function serverTimingOf(context: RequestContext, now = performance.now()): string {
  return `db;dur=${context.dbMs.toFixed(1)};desc="${context.dbStatements} statements", total;dur=${(now - context.startedAt).toFixed(1)}`;
}

/**
 * Runs `fn` once per request for `key`: Remix calls every loader of a navigation with its
 * own copy of the Request, so who-is-asking and guard lookups are shared here instead.
 * Outside a request (a script, a test calling a loader directly) it simply runs `fn`.
 */
export function oncePerRequest<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return fn();
  context.memo ??= new Map();
  let pending = context.memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = fn();
    context.memo.set(key, pending);
    // A failed lookup is not remembered: a later caller in the request tries again.
    pending.catch(() => context.memo?.delete(key));
  }
  return pending;
}
