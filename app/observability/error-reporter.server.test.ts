import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createErrorCollectorMock } from "../../tests/mocks/error-collector";
import { errorReporterFor, httpErrorReporter, offErrorReporter } from "./error-reporter.server";

const URL_ = "https://errors.example/hooks/harvest";
const collector = createErrorCollectorMock(URL_);
const server = setupServer(...collector.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("the error-reporting port", () => {
  it("is off unless ERROR_REPORT_URL is set", () => {
    expect(errorReporterFor({}).name).toBe("off");
    expect(errorReporterFor({ ERROR_REPORT_URL: URL_ }).name).toBe("http");
    return expect(offErrorReporter.report(new Error("x"), {})).resolves.toBeUndefined();
  });

  it("posts the error with its request id and path", async () => {
    await httpErrorReporter(URL_).report(new Error("boom"), { requestId: "req-12345678", method: "GET", path: "/products" });
    expect(collector.received).toHaveLength(1);
    expect(collector.received[0]).toMatchObject({ message: "boom", requestId: "req-12345678", method: "GET", path: "/products" });
    expect(collector.received[0].stack).toContain("boom");
  });

  it("never throws when the collector refuses or is unreachable: it warns", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    collector.failNextWith(503);
    await expect(httpErrorReporter(URL_).report(new Error("again"), {})).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith("error report refused: HTTP 503");
    warn.mockRestore();
  });
});
