import { describe, expect, it } from "vitest";
import { formatMessage, placeholdersOf } from "./format-message";

const products = "{count, plural, one {# product} other {# products}}";

describe("formatMessage", () => {
  it("chooses the English plural form by Intl.PluralRules", () => {
    expect(formatMessage(products, { count: 0 }, "en")).toBe("0 products");
    expect(formatMessage(products, { count: 1 }, "en")).toBe("1 product");
    expect(formatMessage(products, { count: 2 }, "en")).toBe("2 products");
  });

  it("has no plural forms in Chinese: always `other`", () => {
    const zh = "{count, plural, other {共 # 件商品}}";
    expect(formatMessage(zh, { count: 1 }, "zh-CN")).toBe("共 1 件商品");
    expect(formatMessage(zh, { count: 5 }, "zh-CN")).toBe("共 5 件商品");
  });

  it("prefers an exact =n branch", () => {
    const message = "{count, plural, =0 {none} =1 {just one} one {# item} other {# items}}";
    expect(formatMessage(message, { count: 0 }, "en")).toBe("none");
    expect(formatMessage(message, { count: 1 }, "en")).toBe("just one");
    expect(formatMessage(message, { count: 3 }, "en")).toBe("3 items");
  });

  it("formats numbers in the locale, in # and in plain placeholders", () => {
    expect(formatMessage(products, { count: 1234567 }, "en")).toBe("1,234,567 products");
    expect(formatMessage("库存 {count}", { count: 12000 }, "zh-CN")).toBe("库存 12,000");
    expect(formatMessage("Founded {year}", { year: String(1998) }, "en")).toBe("Founded 1998");
  });

  it("fills placeholders inside a branch and around it", () => {
    const message = "{name} has {count, plural, one {# unit of {title}} other {# units of {title}}} left";
    expect(formatMessage(message, { name: "Li", count: 2, title: "rice" }, "en")).toBe("Li has 2 units of rice left");
  });

  it("leaves a placeholder without a value visible, and plain text untouched", () => {
    expect(formatMessage("Order {id}", {}, "en")).toBe("Order {id}");
    expect(formatMessage("No braces here", undefined, "en")).toBe("No braces here");
  });
});

describe("placeholdersOf", () => {
  it("lists plain and plural placeholders once, sorted", () => {
    expect(placeholdersOf("{name}: {count, plural, one {# of {title}} other {# of {title}}} {name}")).toEqual(["count", "name", "title"]);
    expect(placeholdersOf("plain")).toEqual([]);
  });
});
