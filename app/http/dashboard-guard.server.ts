import { redirect } from "@remix-run/node";
import type { AppContext } from "~/context.server";
import { getAdminCoop, type AdminCoop } from "~/models/dashboard/coop-access.server";
import { oncePerRequest } from "~/observability/request-context.server";
import { invariantResponse } from "./invariant-response";
import { asAuth, authenticate, type RequestAuth } from "./request-identity.server";

/**
 * Every dashboard loader and action starts here: signed in, and an admin of this
 * cooperative (or a platform admin). Anyone else gets a 404 — not even a hint it exists.
 */
export async function requireCoopAdmin(
  context: AppContext,
  request: Request,
  slug: string | undefined,
): Promise<{ auth: RequestAuth & { user: NonNullable<RequestAuth["user"]> }; coop: AdminCoop }> {
  const auth = await authenticate(context, request);
  if (!auth.user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  // The dashboard's layout and page loaders both guard: one lookup per request serves both.
  const coop = await oncePerRequest(`coop-admin:${auth.user.id}:${slug ?? ""}`, () => asAuth(context, auth, (tx) => getAdminCoop(tx, slug ?? "")));
  invariantResponse(coop, "Not found");
  return { auth: { ...auth, user: auth.user }, coop };
}
