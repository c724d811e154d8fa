import { describe, expect, it } from "vitest";
import { formatMessage, placeholdersOf } from "../format-message";
import { messagesFor } from "../messages.server";
import type { Translate } from "../translate";
import { catalogAreas, type MessageKey } from ".";

const areas = Object.entries(catalogAreas) as [string, { en: Record<string, string>; zh: Record<string, string> }][];

describe("message catalogues", () => {
  it("give every key in both languages, with the same placeholders", () => {
    for (const [area, { en, zh }] of areas) {
      expect(Object.keys(zh).sort(), area).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(zh[key].trim(), `${key} (zh) is empty`).not.toBe("");
        expect(placeholdersOf(zh[key]), key).toEqual(placeholdersOf(en[key]));
      }
    }
  });

  it("never define one key in two areas", () => {
    const seen = new Map<string, string>();
    for (const [area, { en }] of areas) {
      for (const key of Object.keys(en)) {
        expect(seen.get(key), `${key} is in ${seen.get(key)} and ${area}`).toBeUndefined();
        seen.set(key, area);
      }
    }
  });

  it("have balanced braces and well-formed plurals (every plural has an `other`)", () => {
    for (const [, byLanguage] of areas) {
      for (const message of [...Object.values(byLanguage.en), ...Object.values(byLanguage.zh)]) {
        let depth = 0;
        for (const ch of message) {
          depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
          expect(depth, message).toBeGreaterThanOrEqual(0);
        }
        expect(depth, message).toBe(0);
        if (/,\s*plural\s*,/.test(message)) expect(message, message).toMatch(/other\s*\{/);
        // Every placeholder filled: nothing of the template's syntax is left in the output.
        const values = Object.fromEntries(placeholdersOf(message).map((name) => [name, 2]));
        expect(formatMessage(message, values, "en"), message).not.toMatch(/[{}#]/);
      }
    }
  });

  it("count in English with plural forms, in Chinese without", () => {
    const en = messagesFor("en");
    const zh = messagesFor("zh-CN");
    expect(formatMessage(en["products.count"], { count: 1 }, "en")).toBe("1 product");
    expect(formatMessage(en["products.count"], { count: 2 }, "en")).toBe("2 products");
    expect(formatMessage(en["coop.households"], { count: 1 }, "en")).toBe("1 household");
    expect(formatMessage(en["product.members"], { count: 1 }, "en")).toBe("1 household member");
    expect(formatMessage(en["nav.cartItems"], { count: 1 }, "en")).toBe("item");
    expect(formatMessage(zh["products.count"], { count: 1 }, "zh-CN")).toBe("共 1 件商品");
  });

  it("type-check their keys", () => {
    const t: Translate = (key) => key;
    const known: MessageKey = "products.count";
    // @ts-expect-error -- an unknown key fails tsc
    t("missing.key");
    expect(t(known)).toBe("products.count");
  });
});
