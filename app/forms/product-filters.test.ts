import { describe, expect, it } from "vitest";
import { parseForm } from "./parse-form";
import { productFiltersSchema } from "./product-filters";

const parse = (query: string) => parseForm(new URLSearchParams(query), productFiltersSchema);

describe("product filters", () => {
  it("parses a full query", () => {
    const r = parse("q=%20rice%20&category=rice&coop=daguliu&inStock=on");
    expect(r.status === "success" && r.value).toEqual({ q: "rice", category: "rice", coop: "daguliu", inStock: true });
  });

  it("treats blanks as no filter", () => {
    const r = parse("q=&category=&coop=");
    expect(r.status === "success" && r.value).toEqual({ q: undefined, category: undefined, coop: undefined, inStock: false });
  });

  it("returns field errors as message keys", () => {
    const r = parse(`q=${"x".repeat(81)}&category=Rice!`);
    expect(r.status).toBe("error");
    expect(r.reply().error).toEqual({ q: ["products.errors.q"], category: ["products.errors.category"] });
  });
});
