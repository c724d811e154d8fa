import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { provideServerMessages } from "~/i18n/messages-source";
import { serverMessages } from "~/i18n/messages.server";
import { lowPriorityModulePreloads } from "~/module-preload-priority.server";
import { currentRequest } from "~/observability/request-context.server";

export const streamTimeout = 5_000;

// Server renders translate from the catalogue itself; browsers load their one language.
provideServerMessages(serverMessages);

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const renderStarted = performance.now();
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = lowPriorityModulePreloads();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // Until the shell is ready; the server adds db and total (server/request-context.ts).
          responseHeaders.append("Server-Timing", `render;dur=${(performance.now() - renderStarted).toFixed(1)}`);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; earlier ones reach the ErrorBoundary.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * Unexpected errors (not thrown Responses, not aborted requests): one JSON line in the log
 * with the request id, and a report through the error-reporting port.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const requestId = currentRequest()?.id;
  const path = new URL(request.url).pathname;
  console.error(
    JSON.stringify({
      level: "error",
      msg: error instanceof Error ? error.message : String(error),
      requestId,
      method: request.method,
      path,
      stack: error instanceof Error ? error.stack : undefined,
    }),
  );
  void context.errors?.report(error, { requestId, method: request.method, path });
};
