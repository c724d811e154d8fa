import type { AuthUser } from "~/auth/auth-port.server";
import type { AppContext } from "~/context.server";
import { DEFAULT_LOCALE } from "~/i18n/locale";
import { getViewer, type Viewer } from "~/models/user.server";
import { requestScope, type RequestScope } from "./request-scope.server";
import { safeRedirect } from "./safe-redirect";

// Where someone lands after signing in (when no page asked for them back): cooperative
// admins and the platform admin on their dashboard, hosts in their studio, everyone
// else on My orders.
export function landingPathFor(viewer: Pick<Viewer, "dashboardPath" | "isHost"> | null): string {
  if (viewer?.dashboardPath) return viewer.dashboardPath;
  if (viewer?.isHost) return "/studio";
  return "/account";
}

/** The landing page of the signed-in user of this scope, reading their roles as them (RLS). */
export async function landingPathForUser(scope: RequestScope): Promise<string> {
  const user = await scope.user();
  if (!user) return "/login";
  return landingPathFor(await scope.run((tx) => getViewer(tx, user.id, DEFAULT_LOCALE /* only its roles are read */)));
}

/**
 * After a successful sign-in or sign-up: the safe page asked for, else the user's landing
 * page. The request still carries the old cookies, so the new user is read as themselves.
 */
export async function afterSignInPath(context: AppContext, request: Request, user: AuthUser, requested: unknown): Promise<string> {
  const asked = safeRedirect(requested, "");
  if (asked) return asked;
  const scope = requestScope(context, request).signedInAs(user);
  return landingPathForUser(scope);
}
