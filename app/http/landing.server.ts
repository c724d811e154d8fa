import type { AuthUser } from "~/auth/auth-port.server";
import type { AppContext } from "~/context.server";
import { getViewer, type Viewer } from "~/models/user.server";
import { asAuth, type RequestAuth } from "./request-identity.server";
import { safeRedirect } from "./safe-redirect";
import { readVisitor } from "./visitor.server";

// Where someone lands after signing in (when no page asked for them back): cooperative
// admins and the platform admin on their dashboard, hosts in their studio, everyone
// else on My orders.
export function landingPathFor(viewer: Pick<Viewer, "dashboardPath" | "isHost"> | null): string {
  if (viewer?.dashboardPath) return viewer.dashboardPath;
  if (viewer?.isHost) return "/studio";
  return "/account";
}

/** The landing page of a signed-in user, reading their roles as them (RLS). */
export async function landingPathForUser(context: AppContext, auth: Pick<RequestAuth, "visitor" | "user">): Promise<string> {
  const user = auth.user;
  if (!user) return "/login";
  return landingPathFor(await asAuth(context, auth, (tx) => getViewer(tx, user.id)));
}

/** After a successful sign-in or sign-up: the safe page asked for, else the user's landing page. */
export async function afterSignInPath(context: AppContext, request: Request, user: AuthUser, requested: unknown): Promise<string> {
  return safeRedirect(requested, "") || landingPathForUser(context, { visitor: readVisitor(request), user });
}
