import { describe, expect, it } from "vitest";
import { ingestApplication } from "./rtmp-ingest";

describe("the RTMP ingest application", () => {
  it("is the last path segment of the ingest URL", () => {
    expect(ingestApplication("rtmp://127.0.0.1:1935/live")).toBe("live");
    expect(ingestApplication("rtmps://ingest.example.com/app/live/")).toBe("live");
  });
});
