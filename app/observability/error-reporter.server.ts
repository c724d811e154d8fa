import type { ServerEnv } from "~/env.server";

// The error-reporting port: where unexpected server errors go besides the log. Off by
// default; with ERROR_REPORT_URL set, each error is POSTed there as JSON (any collector
// that accepts a webhook: a Sentry/GlitchTip relay, a log pipeline, a chat hook).
export type ErrorReport = { message: string; stack?: string; requestId?: string; method?: string; path?: string; at: string };

export interface ErrorReporter {
  readonly name: "off" | "http";
  report(error: unknown, where: { requestId?: string; method?: string; path?: string }): Promise<void>;
}

export const offErrorReporter: ErrorReporter = { name: "off", report: async () => undefined };

export function httpErrorReporter(url: string, timeoutMs = 2000): ErrorReporter {
  return {
    name: "http",
    async report(error, where) {
      const report: ErrorReport = {
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
        ...where,
        at: new Date().toISOString(),
      };
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(report),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) console.warn(`error report refused: HTTP ${response.status}`);
      } catch (failure) {
        // Reporting must never take the app down with it.
        console.warn("error report could not be sent:", failure instanceof Error ? failure.message : failure);
      }
    },
  };
}

export function errorReporterFor(env: Pick<ServerEnv, "ERROR_REPORT_URL">): ErrorReporter {
  return env.ERROR_REPORT_URL ? httpErrorReporter(env.ERROR_REPORT_URL) : offErrorReporter;
}
