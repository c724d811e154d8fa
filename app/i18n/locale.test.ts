import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "./locale";

describe("locale", () => {
  it("honours Accept-Language order and q-values", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr;q=1, zh-TW;q=0.5, en;q=0.4")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de")).toBeNull();
    expect(localeFromAcceptLanguage("en;q=0, zh")).toBe("zh-CN");
  });

  it("lets the cookie win over the header, and defaults to Chinese", () => {
    const withCookie = new Request("http://x/", { headers: { Cookie: "a=1; hl_lang=en", "Accept-Language": "zh-CN" } });
    expect(resolveLocale(withCookie)).toBe("en");
    expect(resolveLocale(new Request("http://x/"))).toBe("zh-CN");
    const bogus = new Request("http://x/", { headers: { Cookie: "hl_lang=xx", "Accept-Language": "en" } });
    expect(resolveLocale(bogus)).toBe("en");
  });
});
