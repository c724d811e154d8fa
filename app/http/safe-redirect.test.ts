import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirect("/dashboard/zhengjia?x=1#y")).toBe("/dashboard/zhengjia?x=1#y");
    expect(safeRedirect("/")).toBe("/");
  });

  it.each(["//evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "https://evil.example", "evil", "", null, 5, "/%09/evil.example".replace("%09", "\t")])(
    "refuses %j",
    (to) => {
      expect(safeRedirect(to, "/fallback")).toBe("/fallback");
    },
  );

  it("keeps encoded characters encoded (they stay in the path)", () => {
    expect(safeRedirect("/%09/evil.example")).toBe("/%09/evil.example");
  });
});
