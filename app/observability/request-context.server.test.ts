import { describe, expect, it } from "vitest";
import { currentRequest, recordDbTime, runInRequestContext, serverTimingOf } from "./request-context.server";

describe("request context", () => {
  it("adds database time to the request it belongs to, and to no other", async () => {
    const a = runInRequestContext("request-a-123", async () => {
      recordDbTime(2.5);
      await new Promise((r) => setTimeout(r, 5));
      recordDbTime(1.5, 2);
      return currentRequest()!;
    });
    const b = runInRequestContext("request-b-123", async () => {
      recordDbTime(10);
      return currentRequest()!;
    });
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.id, ra.dbMs, ra.dbStatements]).toEqual(["request-a-123", 4, 3]);
    expect([rb.id, rb.dbMs, rb.dbStatements]).toEqual(["request-b-123", 10, 1]);
    recordDbTime(99); // outside any request: ignored
    expect(currentRequest()).toBeUndefined();
  });

  it("formats Server-Timing", () => {
    expect(serverTimingOf({ id: "x", startedAt: 100, dbMs: 3.14159, dbStatements: 2 }, 112.5)).toBe(
      'db;dur=3.1;desc="2 statements", total;dur=12.5',
    );
  });
});
