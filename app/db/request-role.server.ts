import type { Database, Queryable } from "./database.server";

// Requests run as PostgREST runs them: one transaction, `set local role`, and the JWT
// claims in `request.jwt.claims`, so RLS policies see auth.uid() and auth.role().

export type RequestIdentity =
  | { role: "anon" }
  | { role: "authenticated"; userId: string; email?: string };

export async function withRole<T>(
  db: Database,
  identity: RequestIdentity,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const claims =
    identity.role === "anon"
      ? { role: "anon" }
      : { role: "authenticated", sub: identity.userId, email: identity.email };
  return db.transaction(async (tx) => {
    // set_config(..., true) is transaction-local, like `set local`.
    await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
    await tx.exec(`set local role ${identity.role === "anon" ? "anon" : "authenticated"}`);
    return fn(tx);
  });
}

/**
 * The privileged path: seed, webhooks and jobs. RLS is bypassed, so every caller must be
 * a place where no request input decides which rows are touched without its own check.
 */
export function asServiceRole<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.exec("set local role service_role");
    return fn(tx);
  });
}
