import { describe, expect, it } from "vitest";
import { isRoutablePath } from "./path-guard";

describe("isRoutablePath", () => {
  it.each(["/", "/products", "/products/zhengjia-black-fungus-250g", "/coops/%E9%83%91%E5%AE%B6", "/live/a%20b", "/a/%2F/b"])(
    "routes %j",
    (path) => expect(isRoutablePath(path)).toBe(true),
  );

  it.each([
    "/%5C",
    "/%5C%5C",
    "/\\",
    "/a\\b",
    "/products/%00",
    "/coops/a%00b",
    "/x%0Ay",
    "/%7F",
    "/%C2%85",
    "/%E0%A4%A",
    "/%FF",
    "/%ED%A0%80",
    "/%",
  ])("refuses %j", (path) => expect(isRoutablePath(path)).toBe(false));
});
