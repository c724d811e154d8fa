import type { AuthUser } from "~/auth/auth-port.server";
import type { AppContext } from "~/context.server";
import type { Queryable } from "~/db/database.server";
import { withRole, type RequestIdentity } from "~/db/request-role.server";
import { oncePerRequest } from "~/observability/request-context.server";
import { readVisitor, type Visitor } from "./visitor.server";

// Who is asking: the visitor cookie (guest cart and orders) and, when signed in, the
// user. Every query for a request runs as this identity, so RLS decides what it sees.
// accessToken (Supabase auth only) is for Supabase services such as Storage; never sent to the browser.
export type RequestAuth = { visitor: Visitor | null; user: AuthUser | null; headers: Headers; accessToken?: string };

/** Who is asking, resolved once per request (see oncePerRequest) and keyed by its cookies. */
export function authenticate(context: AppContext, request: Request): Promise<RequestAuth> {
  return oncePerRequest(`auth:${request.headers.get("Cookie") ?? ""}`, () =>
    context.auth
      .getUser(request)
      .then(({ user, headers, accessToken }) => ({ visitor: readVisitor(request), user, headers, accessToken })),
  );
}

export function identityOf(auth: Pick<RequestAuth, "visitor" | "user">, extra: { order?: string } = {}): RequestIdentity {
  const claims = { visitor: auth.visitor?.hash, ...extra };
  return auth.user
    ? { role: "authenticated", userId: auth.user.id, email: auth.user.email, claims }
    : { role: "anon", claims };
}

/** Runs `fn` as an already-resolved identity. */
export function asAuth<T>(
  context: AppContext,
  auth: Pick<RequestAuth, "visitor" | "user">,
  fn: (tx: Queryable) => Promise<T>,
  extra: { order?: string } = {},
): Promise<T> {
  return withRole(context.db, identityOf(auth, extra), fn);
}

/** Runs `fn` as this request's identity. */
export async function asRequest<T>(
  context: AppContext,
  request: Request,
  fn: (tx: Queryable) => Promise<T>,
  extra: { order?: string } = {},
): Promise<T> {
  return asAuth(context, await authenticate(context, request), fn, extra);
}
