import { redirect } from "@remix-run/node";
import type { AuthUser } from "~/auth/auth-port.server";
import { resolveLocale } from "~/i18n/locale";
import { getAdminCoop, type AdminCoop } from "~/models/dashboard/coop-access.server";
import { getViewer } from "~/models/user.server";
import { oncePerRequest } from "~/observability/request-context.server";
import { invariantResponse } from "./invariant-response";
import type { RequestScope } from "./request-scope.server";

/**
 * Every dashboard loader and action starts here: signed in, and an admin of this
 * cooperative (or a platform admin). Anyone else gets a 404 — not even a hint it exists.
 */
export async function requireCoopAdmin(
  scope: RequestScope,
  request: Request,
  slug: string | undefined,
): Promise<{ user: AuthUser; coop: AdminCoop }> {
  const user = await scope.user();
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  // The dashboard's layout and page loaders both guard: one lookup per request serves both.
  const coop = await oncePerRequest(`coop-admin:${user.id}:${slug ?? ""}`, () =>
    scope.run((tx) => getAdminCoop(tx, slug ?? "", resolveLocale(request))),
  );
  invariantResponse(coop, "Not found");
  return { user, coop };
}

/** The platform-wide pages: signed in (else the login page) and a platform admin (else a 404). */
export async function requirePlatformAdmin(scope: RequestScope, request: Request): Promise<{ user: AuthUser }> {
  const user = await scope.user();
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const viewer = await scope.run((tx) => getViewer(tx, user.id, resolveLocale(request)));
  invariantResponse(viewer?.isPlatformAdmin, "Not found");
  return { user };
}
