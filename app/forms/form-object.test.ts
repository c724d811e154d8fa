import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { echoable, formObject, hasUnstorableText, UNSTORABLE_MESSAGE } from "./form-object";

describe("hasUnstorableText", () => {
  it.each(["a\u0000b", "\u0001", "\u0008", "\u000b", "\u001f", "\u007f", "\u0085", "\u009f", "\ud800", "x\udfffy", "\ufffe", "\uffff"])(
    "refuses %j",
    (text) => expect(hasUnstorableText(text)).toBe(true),
  );

  it.each(["郑家村", "line one\nline two", "a\tb", "\r\n", "😀 emoji", "¥12.80", "ö", "\u00a0", "\u200b"])("accepts %j", (text) => {
    expect(hasUnstorableText(text)).toBe(false);
  });

  it("accepts every string made of printable characters and line breaks", () => {
    const printable = fc.string({ unit: fc.constantFrom("a", "木", "耳", " ", "\n", "\t", "😀", "é", "-", "'", '"', "<", ">") });
    fc.assert(fc.property(printable, (text) => !hasUnstorableText(text)));
  });
});

describe("formObject", () => {
  const schema = formObject({ name: z.string().min(3, { message: "short" }), note: z.string() });

  it("reports unstorable text as a field error on that field, before the field's own rules", () => {
    const result = schema.safeParse({ name: "a\u0000", note: "fine" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["name"], message: UNSTORABLE_MESSAGE })]);
  });

  it("parses clean input as the plain object schema would", () => {
    expect(schema.parse({ name: "郑宝山", note: "" })).toEqual({ name: "郑宝山", note: "" });
  });
});

describe("echoable", () => {
  it("shows each unstorable character as U+FFFD and keeps everything else", () => {
    expect(echoable("a\u0000b\u0007c\n木耳")).toBe("a\uFFFDb\uFFFDc\n木耳");
  });
});
