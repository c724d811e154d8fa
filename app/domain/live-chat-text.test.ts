import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHAT_MAX_CODE_POINTS, checkChatText, codePointLength } from "./live-chat-text";

// Characters a message may not hold, whatever surrounds them.
const REFUSED = ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f", "\u2028", "\u2029", "\u202e", "\u2066", "\ufffe", "\uffff"];
// Text that is fine (a sample of what people type: CJK, emoji with ZWJ, combining marks, RTL letters).
const text = fc.string({
  unit: fc.constantFrom("a", "Z", "7", " ", "。", "木", "耳", "😀", "👩‍🌾", "é", "e\u0301", "ש", "<", "&", '"', "\u200d"),
  minLength: 1,
  maxLength: 60,
});

describe("checkChatText", () => {
  it("trims, and keeps what is inside as it was typed", () => {
    expect(checkChatText("  黑木耳多少钱？\u3000")).toEqual({ ok: true, text: "黑木耳多少钱？" });
    expect(checkChatText("\n hi \r\n")).toEqual({ ok: true, text: "hi" });
    expect(checkChatText("<script>alert(1)</script>")).toEqual({ ok: true, text: "<script>alert(1)</script>" });
  });

  it("refuses an empty message, also one of spaces only", () => {
    for (const raw of ["", " ", "\u3000\u00a0", "\n\t"]) expect(checkChatText(raw)).toEqual({ ok: false, problem: "empty" });
  });

  it("counts code points: 200 emoji fit, 201 characters do not", () => {
    expect(checkChatText("😀".repeat(CHAT_MAX_CODE_POINTS))).toMatchObject({ ok: true });
    expect(checkChatText("a".repeat(CHAT_MAX_CODE_POINTS + 1))).toEqual({ ok: false, problem: "too_long" });
    expect(checkChatText(` ${"木".repeat(CHAT_MAX_CODE_POINTS)} `)).toMatchObject({ ok: true });
    expect(codePointLength("👩‍🌾")).toBe(3); // woman, ZWJ, ear of rice
  });

  it.each(REFUSED.map((c) => [c.codePointAt(0)!.toString(16), c]))("refuses U+%s inside a message", (_hex, c) => {
    expect(checkChatText(`ok${c}ok`)).toEqual({ ok: false, problem: "control" });
  });

  it("refuses a tab or line break inside a message (one line), and a lone surrogate", () => {
    expect(checkChatText("a\tb")).toEqual({ ok: false, problem: "control" });
    expect(checkChatText("a\nb")).toEqual({ ok: false, problem: "control" });
    expect(checkChatText("a\ud800b")).toEqual({ ok: false, problem: "control" });
  });

  it("property: an accepted message is trimmed, 1–200 code points, and checks again to itself", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 260 }), (raw) => {
        const result = checkChatText(raw);
        if (!result.ok) return;
        expect(result.text).toBe(result.text.trim());
        expect(codePointLength(result.text)).toBeGreaterThanOrEqual(1);
        expect(codePointLength(result.text)).toBeLessThanOrEqual(CHAT_MAX_CODE_POINTS);
        expect(checkChatText(result.text)).toEqual(result);
      }),
    );
  });

  it("property: ordinary text is accepted exactly when it fits, and one refused character anywhere refuses it", () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...REFUSED), fc.nat(), (typed, bad, at) => {
        const trimmed = typed.trim();
        const expected = trimmed === "" ? { ok: false, problem: "empty" } : { ok: true, text: trimmed };
        expect(checkChatText(typed)).toEqual(expected);
        const i = at % (typed.length + 1);
        const poisoned = `x${typed.slice(0, i)}${bad}${typed.slice(i)}x`;
        expect(checkChatText(poisoned)).toEqual({ ok: false, problem: "control" });
      }),
    );
  });
});
