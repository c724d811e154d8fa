import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fenToYuanString, formatFen, parseYuan } from "./money";

describe("money", () => {
  it("formats fen as ¥ with two decimals in both languages", () => {
    expect(formatFen(1280, "zh-CN")).toBe("¥12.80");
    expect(formatFen(1280, "en")).toBe("¥12.80");
    expect(formatFen(12345678, "en")).toBe("¥123,456.78");
    expect(formatFen(5, "zh-CN")).toBe("¥0.05");
  });

  it("parses yuan text without floats", () => {
    expect(parseYuan("12.8")).toBe(1280);
    expect(parseYuan(" 12.80 ")).toBe(1280);
    expect(parseYuan("0.07")).toBe(7);
    expect(parseYuan("12.805")).toBeNull();
    expect(parseYuan("1e3")).toBeNull();
    expect(parseYuan("")).toBeNull();
  });

  it("round-trips every amount through the yuan string", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(parseYuan(fenToYuanString(fen))).toBe(fen);
      }),
    );
  });

  it("refuses fractional fen", () => {
    expect(() => formatFen(1.5, "en")).toThrow(RangeError);
  });
});
