import { describe, expect, inject, it } from "vitest";

// What the server tells about each request: an id, and where its time went.
const baseUrl = inject("baseUrl");

describe("Server-Timing and X-Request-Id", () => {
  it.each(["/", "/products", "/products.data", "/healthz", "/no-such-page"])("%s says how long the database and the whole request took", async (path) => {
    const response = await fetch(`${baseUrl}${path}`);
    await response.arrayBuffer();
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const timing = response.headers.get("server-timing") ?? "";
    expect(timing).toMatch(/db;dur=\d+\.\d;desc="\d+ statements"/);
    expect(timing).toMatch(/total;dur=\d+\.\d/);
    if (!path.endsWith(".data") && path !== "/healthz") expect(timing).toMatch(/render;dur=\d+\.\d/);
  });

  it("keeps a proxy's request id that looks like one, and replaces one that does not", async () => {
    const kept = await fetch(`${baseUrl}/healthz`, { headers: { "X-Request-Id": "lb-2c1f9e7a-0001" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-2c1f9e7a-0001");
    const replaced = await fetch(`${baseUrl}/healthz`, { headers: { "X-Request-Id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
