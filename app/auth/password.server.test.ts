import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("harvest-demo");
    expect(stored.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("harvest-demo", stored)).toBe(true);
    expect(await verifyPassword("harvest-demo!", stored)).toBe(false);
    expect(await verifyPassword("harvest-demo", "garbage")).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});
