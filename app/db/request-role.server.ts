import type { Database, Queryable, Row, Statement } from "./database.server";

// Requests run as PostgREST runs them: one transaction, the role set locally, and the JWT
// claims in `request.jwt.claims`, so RLS policies see auth.uid() and auth.role().

/** Extra claims our RLS policies read (see the checkout migration). */
export type RequestClaims = {
  /** sha256 of the visitor cookie token: guest carts and orders */
  visitor?: string;
  /** an order id whose signed link was verified by the server */
  order?: string;
};

export type RequestIdentity =
  { role: "anon"; claims?: RequestClaims } | { role: "authenticated"; userId: string; email?: string; claims?: RequestClaims };

// set_config(..., true) is transaction-local, like `set local` (PostgREST sets the role
// the same way); one statement sets them all. `request.jwt.claim.sub` beside the claims:
// Supabase's older auth.uid() reads only that setting ('' for anon: auth.uid() is null).
const SET_CLAIMS_AND_ROLE =
  "select set_config('request.jwt.claims', $1, true), " +
  "set_config('request.jwt.claim.sub', coalesce($1::jsonb ->> 'sub', ''), true), " +
  "set_config('role', $2, true)";

function claimParams(identity: RequestIdentity): [string, string] {
  const claims =
    identity.role === "anon"
      ? { ...identity.claims, role: "anon" }
      : { ...identity.claims, role: "authenticated", sub: identity.userId, email: identity.email };
  return [JSON.stringify(claims), identity.role];
}

export async function withRole<T>(db: Database, identity: RequestIdentity, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  // The role and claims go with BEGIN (one round trip on a Postgres server).
  return db.transaction(fn, [{ sql: SET_CLAIMS_AND_ROLE, params: claimParams(identity) }]);
}

/** One statement as the request's role, in a single round trip where the driver allows. */
export async function atomicAs<T extends Row>(db: Database, identity: RequestIdentity, statement: Statement): Promise<T[]> {
  const results = await db.atomic([{ sql: SET_CLAIMS_AND_ROLE, params: claimParams(identity) }, statement]);
  return results[1] as T[];
}

/**
 * A Queryable for a read that is exactly one statement (the page header's state): it runs
 * with the role in a single round trip where the driver allows. A second statement is a
 * programming error: use withRole for a transaction.
 */
export function oneStatementAs(db: Database, identity: RequestIdentity): Queryable {
  let used = false;
  return {
    async query<T extends Row>(sql: string, params?: unknown[]) {
      if (used) throw new Error("oneStatementAs runs one statement; use withRole for more");
      used = true;
      const rows = await atomicAs<T>(db, identity, { sql, params });
      return { rows, rowCount: rows.length };
    },
    exec: () => Promise.reject(new Error("oneStatementAs runs parameterised reads only")),
  };
}

/**
 * The privileged path: seed, webhooks and jobs. RLS is bypassed, so every caller must be
 * a place where no request input decides which rows are touched without its own check.
 */
export function asServiceRole<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(fn, [SERVICE_ROLE]);
}

const SERVICE_ROLE: Statement = { sql: "select set_config('role', 'service_role', true)" };

/** One privileged statement in a single round trip where the driver allows (a session lookup). */
export async function atomicAsServiceRole<T extends Row>(db: Database, statement: Statement): Promise<T[]> {
  const results = await db.atomic([SERVICE_ROLE, statement]);
  return results[1] as T[];
}

/**
 * The database as one identity, for a model that shapes its own transaction (one atomic
 * statement for a checkout, several reads in one snapshot for a page).
 */
export type ActingDatabase = {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  statement<T extends Row>(statement: Statement): Promise<T[]>;
};

export function actingAs(db: Database, identity: RequestIdentity): ActingDatabase {
  return {
    transaction: (fn) => withRole(db, identity, fn),
    statement: (statement) => atomicAs(db, identity, statement),
  };
}
