import { describe, expect, it } from "vitest";
import { flashSaleStartSchema } from "./flash-sale";

const PRODUCT = "7d1c1f46-3b1f-4c55-9d64-5b8d7f4a00aa";
const valid = { intent: "flash-start", productId: PRODUCT, price: "9.9", units: "200", perBuyerLimit: "", durationSeconds: "60" };

describe("flash sale form", () => {
  it("reads yuan into fen and an empty limit as none", () => {
    expect(flashSaleStartSchema.parse(valid)).toEqual({ ...valid, price: 990, units: 200, perBuyerLimit: null, durationSeconds: 60 });
  });

  it("refuses a price that is not a plain yuan amount above zero, with the field's message", () => {
    for (const price of ["0", "-1", "9.999", "1e3", "¥9.9", ""]) {
      const result = flashSaleStartSchema.safeParse({ ...valid, price });
      expect(result.success, price).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ["price"], message: "studio.flash.errors.price" });
    }
  });

  it("refuses units, limits and countdowns out of range", () => {
    expect(flashSaleStartSchema.safeParse({ ...valid, units: "0" }).success).toBe(false);
    expect(flashSaleStartSchema.safeParse({ ...valid, units: "2.5" }).success).toBe(false);
    expect(flashSaleStartSchema.safeParse({ ...valid, perBuyerLimit: "100" }).success).toBe(false);
    expect(flashSaleStartSchema.safeParse({ ...valid, durationSeconds: "45" }).success).toBe(false);
    expect(flashSaleStartSchema.safeParse({ ...valid, price: "9.9\u0000" }).success).toBe(false);
  });
});
