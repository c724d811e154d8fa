import type { AuthUser } from "~/auth/auth-port.server";
import type { AppContext } from "~/context.server";
import type { Queryable } from "~/db/database.server";
import {
  actingAs,
  oneStatementAs,
  withRole,
  type ActingDatabase,
  type RequestClaims,
  type RequestIdentity,
} from "~/db/request-role.server";
import { oncePerRequest } from "~/observability/request-context.server";
import { ensureVisitor as issueVisitor, readVisitor, visitorCookie, type Visitor } from "./visitor.server";

// The one way a route reaches data. Who is asking is resolved once per request (shared
// by every loader of a navigation through the request context) and every read or write
// runs as that identity in its own transaction, so RLS — not the route — decides what a
// request may see or change. Routes never import the database layer; the service role is
// not reachable from here.

/** Who is asking: the visitor cookie (guest cart and orders) and, when signed in, the user. */
export type RequestAuth = {
  visitor: Visitor | null;
  user: AuthUser | null;
  /** Cookies an auth adapter refreshed (Supabase), to pass on with the response. */
  headers: Headers;
  /** Supabase auth only: for Supabase services such as Storage; never sent to the browser. */
  accessToken?: string;
};

/** Extra rights a request proved to the server, e.g. a verified signed order link. */
export type ScopeAccess = Pick<RequestClaims, "order">;

export type RequestScope = {
  /** Who is asking (resolved on first use, once per request). */
  auth(): Promise<RequestAuth>;
  user(): Promise<AuthUser | null>;
  /** Runs `fn` in one transaction as this request's identity. */
  run<T>(fn: (tx: Queryable) => Promise<T>, access?: ScopeAccess): Promise<T>;
  /** Like `run` for a read of exactly one statement: one round trip, role included. */
  runOne<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** The database as this request's identity, for models that shape their own transaction. */
  acting(access?: ScopeAccess): Promise<ActingDatabase>;
  /**
   * Public pages (catalogue, cooperatives, sessions) read as `anon` without asking who is
   * there: their data is the same for everyone, and the lookup would cost a round trip.
   */
  runPublic<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** The visitor, issuing one on a guest's first write; later runs of this scope use it. */
  ensureVisitor(): Promise<Visitor>;
  /** Headers the response must carry: refreshed auth cookies, a newly issued visitor cookie. */
  responseHeaders(): Promise<Headers>;
  /** The same request as a user who has just signed in (their cookie is not on it yet). */
  signedInAs(user: AuthUser): RequestScope;
};

function authenticate(context: AppContext, request: Request): Promise<RequestAuth> {
  return oncePerRequest(`auth:${request.headers.get("Cookie") ?? ""}`, () =>
    context.auth.getUser(request).then(({ user, headers, accessToken }) => ({ visitor: readVisitor(request), user, headers, accessToken })),
  );
}

function identityOf(auth: Pick<RequestAuth, "visitor" | "user">, access: ScopeAccess = {}): RequestIdentity {
  const claims = { visitor: auth.visitor?.hash, ...access };
  return auth.user ? { role: "authenticated", userId: auth.user.id, email: auth.user.email, claims } : { role: "anon", claims };
}

export function requestScope(context: AppContext, request: Request): RequestScope {
  return scopeWith(context, request, () => authenticate(context, request));
}

function scopeWith(context: AppContext, request: Request, resolve: () => Promise<RequestAuth>): RequestScope {
  let issued: Visitor | null = null;
  const auth = async (): Promise<RequestAuth> => {
    const resolved = await resolve();
    return issued && !resolved.visitor ? { ...resolved, visitor: issued } : resolved;
  };
  const identity = async (access?: ScopeAccess) => identityOf(await auth(), access);
  return {
    auth,
    user: async () => (await auth()).user,
    run: async (fn, access) => withRole(context.db, await identity(access), fn),
    runOne: async (fn) => fn(oneStatementAs(context.db, await identity())),
    acting: async (access) => actingAs(context.db, await identity(access)),
    runPublic: (fn) => withRole(context.db, { role: "anon" }, fn),
    ensureVisitor: async () => {
      const current = (await auth()).visitor;
      if (current) return current;
      issued = issueVisitor(request);
      return issued;
    },
    responseHeaders: async () => {
      const headers = new Headers((await auth()).headers);
      // Only a visitor issued by this scope is new: a returning one already has its cookie.
      if (issued) headers.append("Set-Cookie", visitorCookie(issued, request));
      return headers;
    },
    signedInAs: (user) => scopeWith(context, request, async () => ({ visitor: readVisitor(request), user, headers: new Headers() })),
  };
}
