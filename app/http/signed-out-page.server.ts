import { redirect } from "@remix-run/node";
import type { AppContext } from "~/context.server";
import { landingPathForUser } from "./landing.server";
import { requestScope } from "./request-scope.server";
import { safeRedirect } from "./safe-redirect";

/**
 * Loader of the sign-in and sign-up pages: where to go afterwards (same-site only; empty
 * when no page asked, and the action then picks the user's landing page), and straight
 * there when the visitor is already signed in.
 */
export async function signedOutPage(context: AppContext, request: Request): Promise<{ redirectTo: string }> {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  const scope = requestScope(context, request);
  if (await scope.user()) throw redirect(redirectTo || (await landingPathForUser(scope)));
  return { redirectTo };
}
