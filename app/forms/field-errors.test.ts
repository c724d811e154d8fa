import { messagesOf } from "~/i18n/messages-source";
import { describe, expect, it } from "vitest";
import { createTranslate } from "~/i18n/translate";
import { fieldErrorKey, fieldErrorText, GENERIC_FIELD_ERROR, isMessageKey, replyErrorKey } from "./field-errors";

describe("the form error map", () => {
  it("recognises catalogue keys and nothing else", () => {
    expect(isMessageKey("auth.errors.email")).toBe(true);
    expect(isMessageKey("form.errors.unstorable")).toBe(true);
    for (const notAKey of [
      "Invalid input: expected string, received undefined",
      "",
      "auth.errors",
      "toString",
      "__proto__",
      42,
      null,
      undefined,
    ]) {
      expect(isMessageKey(notAKey)).toBe(false);
    }
  });

  it("shows a field's first error when it is a key", () => {
    expect(fieldErrorKey(["checkout.errors.phone", "checkout.errors.name"])).toBe("checkout.errors.phone");
  });

  it("falls back to the generic field error for a string that is not a key (a zod default message)", () => {
    expect(fieldErrorKey(["Invalid input"])).toBe(GENERIC_FIELD_ERROR);
    expect(isMessageKey(GENERIC_FIELD_ERROR)).toBe(true);
  });

  it("says nothing for a field without errors", () => {
    expect(fieldErrorKey(undefined)).toBeUndefined();
    expect(fieldErrorKey(null)).toBeUndefined();
    expect(fieldErrorKey([])).toBeUndefined();
  });

  it("translates into the viewer's language", () => {
    expect(fieldErrorText(createTranslate("en", messagesOf("en")), ["form.errors.unstorable"])).toMatch(/control characters/);
    expect(fieldErrorText(createTranslate("zh-CN", messagesOf("zh-CN")), ["form.errors.unstorable"])).toMatch(/控制字符/);
    expect(fieldErrorText(createTranslate("en", messagesOf("en")), ["nonsense"])).toBe("Check this field.");
    expect(fieldErrorText(createTranslate("zh-CN", messagesOf("zh-CN")), ["nonsense"])).toBe("请检查此栏。");
  });
});

describe("replyErrorKey", () => {
  it("gives the first field's error of a reply, or nothing", () => {
    expect(replyErrorKey({ status: "error", error: { productId: null, quantity: ["cart.errors.quantity"] } })).toBe("cart.errors.quantity");
    expect(replyErrorKey({ status: "error", error: { intent: ["Invalid input"] } })).toBe(GENERIC_FIELD_ERROR);
    expect(replyErrorKey({ status: "success" })).toBeUndefined();
    expect(replyErrorKey(undefined)).toBeUndefined();
  });
});
