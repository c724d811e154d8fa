import { describe, expect, inject, it } from "vitest";

// What the server tells about each request: an id, and where its time went.
const baseUrl = inject("baseUrl");

describe("Server-Timing and X-Request-Id", () => {
  it.each(["/", "/products", "/products.data", "/healthz", "/no-such-page"])(
    "%s says how long the database and the whole request took",
    async (path) => {
      const response = await fetch(`${baseUrl}${path}`);
      await response.arrayBuffer();
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      const timing = response.headers.get("server-timing") ?? "";
      expect(timing).toMatch(/db;dur=\d+\.\d;desc="\d+ statements"/);
      expect(timing).toMatch(/total;dur=\d+\.\d/);
      if (!path.endsWith(".data") && path !== "/healthz") expect(timing).toMatch(/render;dur=\d+\.\d/);
    },
  );

  it("counts a signed-in dashboard page's statements once per request, as the statement budget says", async () => {
    const login = await fetch(`${baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "admin2@zhengjia.demo", password: "harvest-demo", redirectTo: "/dashboard/zhengjia" }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const page = await fetch(`${baseUrl}/dashboard/zhengjia/splits`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const statements = Number(/desc="(\d+) statements"/.exec(page.headers.get("server-timing") ?? "")?.[1]);
    // who is asking and the admin guard are looked up once for the three loaders (the
    // server's module and the build's share one request context)
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(9);
  });

  it("keeps a proxy's request id that looks like one, and replaces one that does not", async () => {
    const kept = await fetch(`${baseUrl}/healthz`, { headers: { "X-Request-Id": "lb-2c1f9e7a-0001" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-2c1f9e7a-0001");
    const replaced = await fetch(`${baseUrl}/healthz`, { headers: { "X-Request-Id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
