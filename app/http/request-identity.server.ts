import type { AppContext } from "~/context.server";
import type { Queryable } from "~/db/database.server";
import { withRole } from "~/db/request-role.server";
import { readVisitor, requestIdentity, type Visitor } from "./visitor.server";

/** Runs `fn` as this request's database identity (today: anon with the visitor claim). */
export function asVisitor<T>(
  context: AppContext,
  visitor: Visitor | null,
  fn: (tx: Queryable) => Promise<T>,
  extra: { order?: string } = {},
): Promise<T> {
  return withRole(context.db, requestIdentity(visitor, extra), fn);
}

export function asRequestVisitor<T>(context: AppContext, request: Request, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return asVisitor(context, readVisitor(request), fn);
}
