import type { LoaderFunctionArgs } from "@remix-run/node";
import { isUuid } from "~/domain/uuid";
import { invariantResponse } from "~/http/invariant-response";
import { requestScope } from "~/http/request-scope.server";
import { liveEventsAfter, livePresence, liveStreamStart } from "~/models/live-event.server";
import { liveEventStream, RETRY_MS, streamLimiter } from "~/realtime/live-stream.server";
import type { RealtimePort } from "~/realtime/realtime-port.server";
import { resumeIdOf } from "~/realtime/sse.server";
import { viewerIdOf } from "~/realtime/viewer-id.server";

// GET /live/:sessionId/events — the session's events as Server-Sent Events (issue 9, item 5;
// docs/decisions/0018-realtime-events.md). Public: anyone who may see the session page may
// hear its events (a cancelled session is 404). Exempt from the request queue (it matches
// Accept: text/event-stream) and never compressed (server/index.ts), so each event leaves
// the moment it is written.

const limiters = new WeakMap<RealtimePort, ReturnType<typeof streamLimiter>>();

const unavailable = (message: string) =>
  new Response(message, { status: 503, headers: { "Retry-After": String(RETRY_MS / 1000), "Cache-Control": "no-store" } });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const sessionId = params.sessionId;
  invariantResponse(isUuid(sessionId), "Session not found");
  const realtime = context.realtime;
  const scope = requestScope(context, request);
  const start = await scope.runPublic((tx) => liveStreamStart(tx, sessionId));
  invariantResponse(start, "Session not found");

  let limiter = limiters.get(realtime);
  if (!limiter) limiters.set(realtime, (limiter = streamLimiter(context.env.REALTIME_MAX_STREAMS)));
  const release = limiter.admit();
  if (!release) return unavailable("Too many viewers on this server; retrying shortly.");

  const viewerId = viewerIdOf(request);
  const body = liveEventStream({
    realtime,
    sessionId,
    resumeFrom: resumeIdOf(request),
    signal: request.signal,
    readAfter: (afterId, limit) => scope.runPublic((tx) => liveEventsAfter(tx, sessionId, afterId, limit)),
    presence: (leaving) => scope.runPublic((tx) => livePresence(tx, sessionId, viewerId, leaving)),
    onClose: release,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: no proxy (nor the compression middleware) may buffer or re-encode it.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
