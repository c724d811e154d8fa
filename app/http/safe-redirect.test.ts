import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

const OUR_ORIGIN = "https://harvest.example";

/** Where a browser on our site goes when it follows `Location: <value>`. */
const destinationOrigin = (location: string) => new URL(location, `${OUR_ORIGIN}/login`).origin;

// Open-redirect bypasses collected from public corpora (PayloadsAllTheThings-style lists,
// OWASP's cheat sheet) and from our own review: each must fall back, never leave the site.
const BYPASSES = [
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/.%2e//evil.example",
  "/%2e%2e//evil.example",
  "/a/..//evil.example",
  "/a/%2e%2e//evil.example",
  "/a/b/../..//evil.example",
  "/x/../../..//evil.example",
  "/././/evil.example",
  "https://evil.example",
  "http:evil.example",
  "https:/evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  " //evil.example",
  "",
];

describe("safeRedirect", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirect("/dashboard/zhengjia?x=1#y")).toBe("/dashboard/zhengjia?x=1#y");
    expect(safeRedirect("/")).toBe("/");
    expect(safeRedirect("/a/../products")).toBe("/products");
  });

  it.each(BYPASSES)("refuses the bypass %j", (to) => {
    expect(safeRedirect(to, "/fallback")).toBe("/fallback");
  });

  it.each([null, undefined, 5, {}, ["/"]])("refuses a non-string %j", (to) => {
    expect(safeRedirect(to, "/fallback")).toBe("/fallback");
  });

  it("keeps encoded characters encoded (they stay in the path)", () => {
    expect(safeRedirect("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeRedirect("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(destinationOrigin("/%2F%2Fevil.example")).toBe(OUR_ORIGIN);
  });

  it("never answers a location that a browser would follow off the site, whatever the input", () => {
    const pieces = fc.constantFrom("/", "//", ".", "..", "%2e", "%2E", "\\", "\t", "evil.example", "a", "?", "#", "@", ":", "%2f", " ");
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 10 }).map((p) => p.join("")),
        (input) => {
          const location = safeRedirect(input, "/fallback");
          expect(location.startsWith("/")).toBe(true);
          expect(location.startsWith("//")).toBe(false);
          expect(destinationOrigin(location)).toBe(OUR_ORIGIN);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
