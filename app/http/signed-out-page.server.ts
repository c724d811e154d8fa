import { redirect } from "@remix-run/node";
import type { AppContext } from "~/context.server";
import { authenticate } from "./request-identity.server";
import { safeRedirect } from "./safe-redirect";

/**
 * Loader of the sign-in and sign-up pages: where to go afterwards (same-site only),
 * and straight there when the visitor is already signed in.
 */
export async function signedOutPage(context: AppContext, request: Request): Promise<{ redirectTo: string }> {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account");
  if ((await authenticate(context, request)).user) throw redirect(redirectTo);
  return { redirectTo };
}
