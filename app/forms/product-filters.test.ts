import { describe, expect, it } from "vitest";
import { parseProductFilters } from "./product-filters";

describe("product filters", () => {
  it("parses a full query", () => {
    const r = parseProductFilters(new URLSearchParams("q=%20rice%20&category=rice&coop=daguliu&inStock=on"));
    expect(r).toEqual({ ok: true, value: { q: "rice", category: "rice", coop: "daguliu", inStock: true } });
  });

  it("treats blanks as no filter", () => {
    const r = parseProductFilters(new URLSearchParams("q=&category=&coop="));
    expect(r).toEqual({ ok: true, value: { q: undefined, category: undefined, coop: undefined, inStock: false } });
  });

  it("returns field errors as message keys", () => {
    const r = parseProductFilters(new URLSearchParams(`q=${"x".repeat(81)}&category=Rice!`));
    expect(r).toEqual({ ok: false, errors: { q: "products.errors.q", category: "products.errors.category" } });
  });
});
