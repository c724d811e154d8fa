import type { Database, Queryable } from "./database.server";

// Requests run as PostgREST runs them: one transaction, `set local role`, and the JWT
// claims in `request.jwt.claims`, so RLS policies see auth.uid() and auth.role().

/** Extra claims our RLS policies read (see the checkout migration). */
export type RequestClaims = {
  /** sha256 of the visitor cookie token: guest carts and orders */
  visitor?: string;
  /** an order id whose signed link was verified by the server */
  order?: string;
};

export type RequestIdentity =
  | { role: "anon"; claims?: RequestClaims }
  | { role: "authenticated"; userId: string; email?: string; claims?: RequestClaims };

export async function withRole<T>(
  db: Database,
  identity: RequestIdentity,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const claims =
    identity.role === "anon"
      ? { ...identity.claims, role: "anon" }
      : { ...identity.claims, role: "authenticated", sub: identity.userId, email: identity.email };
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
