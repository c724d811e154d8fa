import { http, HttpResponse } from "msw";
import type { ErrorReport } from "~/observability/error-reporter.server";

// An error collector's webhook behind msw (the outside service the error-reporting port
// posts to): keeps what arrives; can be told to fail like an overloaded collector.
export function createErrorCollectorMock(url: string) {
  const received: ErrorReport[] = [];
  let failWith: number | null = null;
  return {
    received,
    failNextWith(status: number) {
      failWith = status;
    },
    handlers: [
      http.post(url, async ({ request }) => {
        if (failWith !== null) {
          const status = failWith;
          failWith = null;
          return new HttpResponse(null, { status });
        }
        received.push((await request.json()) as ErrorReport);
        return new HttpResponse(null, { status: 202 });
      }),
    ],
  };
}
