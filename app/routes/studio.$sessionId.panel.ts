import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { resolveLocale } from "~/i18n/locale";
import { getStudioStats } from "~/models/studio.server";

// The studio's live panel alone (one database call), for its refresh while a session is
// live. Whoever does not run the session — signed out included — gets a 404.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = requestScope(context, request);
  const user = await scope.user();
  invariantResponse(user, "Not found");
  const stats = await scope.run((tx) => getStudioStats(tx, params.sessionId ?? "", resolveLocale(request)));
  invariantResponse(stats, "Not found");
  return stats;
}
