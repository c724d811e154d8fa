import type { ActionFunctionArgs } from "@remix-run/node";
import { clientAddress } from "~/auth/auth-port.server";
import { requestScope } from "~/http/request-scope.server";
import { ingestApplication } from "~/http/rtmp-ingest";
import { checkStreamKey } from "~/models/studio-session.server";

// nginx-rtmp's `on_publish` callback (docs/streaming.md): a form POST with `app`, `name`
// (the stream key), `addr` (the publisher's address) and more. 2xx lets the stream in, a 3xx
// to rtmp://… relays it (RTMP_RELAY_URL), any other status refuses it. No session cookie (it runs as anon), no caching; the key is
// never logged (the request log carries the path only, and the key is in the body).
// Failures are throttled per publisher address (check_stream_key).

const NO_STORE = { "Cache-Control": "no-store" };
const answer = (status: number, extra: Record<string, string> = {}) => new Response(null, { status, headers: { ...NO_STORE, ...extra } });

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return answer(405, { Allow: "POST" });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return answer(400);
  }
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  if (field("app") !== ingestApplication(context.env.RTMP_INGEST_URL)) return answer(403);
  // Per publisher as the RTMP server saw them; a direct caller without `addr` by its own address.
  const publisher = field("addr").slice(0, 64);
  const source = publisher ? `rtmp:${clientAddress(request)}/${publisher}` : `ip:${clientAddress(request)}`;
  const check = await requestScope(context, request).runPublic((tx) => checkStreamKey(tx, field("name"), [source]));
  if (check.throttled) return answer(429, { "Retry-After": "600" });
  if (!check.ok || !check.sessionId) return answer(403);
  // With a packaging relay configured, send the publish there under the session's id: the
  // HLS files (and so the playback URL) never carry the key (docs/streaming.md).
  const relay = context.env.RTMP_RELAY_URL;
  return relay ? answer(302, { Location: `${relay}/${check.sessionId}` }) : answer(204);
}

export function loader() {
  return answer(405, { Allow: "POST" });
}
